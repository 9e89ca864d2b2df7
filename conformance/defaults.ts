// The defaults of each run, in a module of their own: the command line shows them in its help
// without loading the runners (and the HTTP and Kubernetes client libraries they import).

export const DEFAULT_PROBE_OPTIONS = {
  namespace: 'default',
  concurrency: 4,
  timeoutMs: 15_000,
  maxBodyBytes: 1024 * 1024,
  unprivilegedUser: 'statuslint:unprivileged-probe',
} as const;

/** `spec --from-cluster`: documents fetched at once, and the time each may take. */
export const DEFAULT_CLUSTER_OPTIONS = { concurrency: 4, timeoutMs: 60_000 } as const;

/** `probe --openapi`: the body size an API is taken to refuse when its document states none. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
