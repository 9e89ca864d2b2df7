// Names callers and the tests see: kubeconfig contexts (also the client certificates' common
// names), the pinned server version, and the custom resource every start registers.
export const ADMIN_CONTEXT = 'statuslint-admin';
export const UNPRIVILEGED_CONTEXT = 'statuslint-unprivileged';
export const CLUSTER_NAME = 'statuslint-local';
export const KUBE_VERSION = 'v1.37.2';
export const CRD_NAME = 'widgets.example.statuslint.dev';
