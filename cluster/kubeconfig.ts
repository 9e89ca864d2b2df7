// The kubeconfigs a start writes: the one callers use (a context per client certificate, the admin's current),
// and one per third-party server, for its own identity.
import * as fs from 'node:fs';
import { ADMIN_CONTEXT, CLUSTER_NAME, UNPRIVILEGED_CONTEXT } from './names.js';
import type { PkiPaths } from './pki.js';

// Certificates are embedded, not referenced, so the file works when copied elsewhere.
const base64Of = (file: string): string => fs.readFileSync(file).toString('base64');

export function kubeconfigYaml(server: string, pki: PkiPaths): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${CLUSTER_NAME}
  cluster:
    server: ${server}
    certificate-authority-data: ${base64Of(pki.caCert)}
users:
- name: ${ADMIN_CONTEXT}
  user:
    client-certificate-data: ${base64Of(pki.adminCert)}
    client-key-data: ${base64Of(pki.adminKey)}
- name: ${UNPRIVILEGED_CONTEXT}
  user:
    client-certificate-data: ${base64Of(pki.unprivilegedCert)}
    client-key-data: ${base64Of(pki.unprivilegedKey)}
contexts:
- name: ${ADMIN_CONTEXT}
  context:
    cluster: ${CLUSTER_NAME}
    user: ${ADMIN_CONTEXT}
- name: ${UNPRIVILEGED_CONTEXT}
  context:
    cluster: ${CLUSTER_NAME}
    user: ${UNPRIVILEGED_CONTEXT}
current-context: ${ADMIN_CONTEXT}
preferences: {}
`;
}

/** A kubeconfig with one user, for a server that talks to kube-apiserver as itself (the third-party servers). */
export function singleUserKubeconfigYaml(server: string, caCertFile: string, user: string, certFile: string, keyFile: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${CLUSTER_NAME}
  cluster:
    server: ${server}
    certificate-authority-data: ${base64Of(caCertFile)}
users:
- name: ${user}
  user:
    client-certificate-data: ${base64Of(certFile)}
    client-key-data: ${base64Of(keyFile)}
contexts:
- name: ${user}
  context:
    cluster: ${CLUSTER_NAME}
    user: ${user}
current-context: ${user}
preferences: {}
`;
}
