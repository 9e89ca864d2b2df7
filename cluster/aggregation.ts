// k8s.io/sample-apiserver (group wardle.example.com) registered with kube-apiserver's aggregator.
import * as fs from 'node:fs';

export const WARDLE_API_SERVICE = 'v1alpha1.wardle.example.com';
export const WARDLE_GROUP_VERSION = 'wardle.example.com/v1alpha1';

/** The sample-apiserver, served through kube-apiserver's aggregator and at its own address. */
export interface AggregatedServer {
  /** Its own address, for probing it directly: `https://127.0.0.1:PORT`. */
  url: string;
  apiService: string;
  groupVersion: string;
  /** Stop the server process (the APIService stays registered, as when a deployment goes down). */
  stop(): Promise<void>;
}

/**
 * The objects that register a sample-apiserver listening on 127.0.0.1:port, for `kubectl apply -f -`.
 * Endpoints may not hold loopback addresses; an ExternalName Service may: with aggregator routing
 * off, kube-apiserver dials <externalName>:<APIService port> and verifies the certificate for
 * api.wardle.svc against the APIService's caBundle.
 */
export function apiServiceManifest(port: number, caCertFile: string): string {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wardle' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'wardle' }, spec: { type: 'ExternalName', externalName: 'localhost' } },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: WARDLE_API_SERVICE },
      spec: {
        group: 'wardle.example.com',
        version: 'v1alpha1',
        service: { namespace: 'wardle', name: 'api', port },
        caBundle: fs.readFileSync(caCertFile).toString('base64'),
        groupPriorityMinimum: 1000,
        versionPriority: 15,
      },
    },
  ];
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}
