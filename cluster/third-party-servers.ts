// The two third-party aggregated API servers (build-third-party.sh): what each serves, who it is, how it is
// registered with kube-apiserver's aggregator, and the handle LocalCluster gives back for a running one.
import * as fs from 'node:fs';
import type { ApiResponse, RequestOptions } from './api-client.js';
import { customMetricsRbacManifest, metricsServerRbacManifest } from './paths.js';

export type ThirdPartyName = 'metrics-server' | 'custom-metrics-adapter';

/** Set at each registration, so the aggregator checks the APIServices at once even when nothing else changed. */
export const REGISTERED_AT_ANNOTATION = 'statuslint.dev/registered-at';
/** Set to a new value to make the aggregator's availability controller check an APIService now. */
export const TOUCHED_AT_ANNOTATION = 'statuslint.dev/touched-at';

export interface ApiServiceVersion {
  group: string;
  version: string;
  groupPriorityMinimum: number;
  versionPriority: number;
}

export interface ThirdPartySpec {
  /** also the binary's and the log file's name */
  name: ThirdPartyName;
  /** the Service the APIServices name; its `<name>.<namespace>.svc` is in the serving certificate */
  service: { namespace: string; name: string };
  /** the user its client certificate authenticates as: upstream's ServiceAccount, so upstream's RBAC binds it */
  user: string;
  /** upstream's RBAC objects, applied before it starts */
  rbacManifest: string;
  /** the health check it passes once serving: metrics-server's /readyz waits for a kubelet scrape that never comes */
  healthPath: '/livez' | '/readyz';
  apiServices: readonly ApiServiceVersion[];
}

/** sigs.k8s.io/metrics-server v0.8.0: metrics.k8s.io (nodes and pods; empty lists, as no kubelet runs). */
export const METRICS_SERVER: ThirdPartySpec = {
  name: 'metrics-server',
  service: { namespace: 'kube-system', name: 'metrics-server' },
  user: 'system:serviceaccount:kube-system:metrics-server',
  rbacManifest: metricsServerRbacManifest,
  healthPath: '/livez',
  // as upstream's manifests/base/apiservice.yaml
  apiServices: [{ group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100 }],
};

/** The test adapter of sigs.k8s.io/custom-metrics-apiserver v1.37.0: custom.metrics.k8s.io and external.metrics.k8s.io. */
export const CUSTOM_METRICS_ADAPTER: ThirdPartySpec = {
  name: 'custom-metrics-adapter',
  service: { namespace: 'custom-metrics', name: 'custom-metrics-apiserver' },
  user: 'system:serviceaccount:custom-metrics:custom-metrics-apiserver',
  rbacManifest: customMetricsRbacManifest,
  healthPath: '/readyz',
  // as upstream's test-adapter-deploy/testing-adapter.yaml
  apiServices: [
    { group: 'custom.metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100 },
    { group: 'custom.metrics.k8s.io', version: 'v1beta2', groupPriorityMinimum: 100, versionPriority: 200 },
    { group: 'external.metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100 },
  ],
};

export const apiServiceNameOf = (version: ApiServiceVersion): string => `${version.version}.${version.group}`;

/** The DNS name the aggregator verifies the serving certificate for. */
export const serviceDnsNameOf = (spec: ThirdPartySpec): string => `${spec.service.name}.${spec.service.namespace}.svc`;

/** The Available condition of an APIService, as the aggregator's availability controller last wrote it. */
export interface ApiServiceCondition {
  apiService: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export interface WaitOptions {
  /** give up after this long; default 60 s */
  timeoutMs?: number;
}

/** A running third-party server, registered with the aggregator. */
export interface ThirdPartyServer {
  name: ThirdPartyName;
  /** Its own address, for probing it directly: `https://127.0.0.1:PORT`. */
  url: string;
  /** The CA its serving certificate chains to (the cluster CA). */
  caFile: string;
  /** The APIServices it backs, e.g. `v1beta1.metrics.k8s.io`. */
  apiServices: string[];
  pid: number;
  logFile: string;
  /** Milliseconds from the spawn until its health check passed, and until every APIService was Available and served. */
  timings: { healthy: number; available: number };
  /** One HTTPS request straight to its port (not through kube-apiserver), as a cluster identity (admin by default). */
  request(pathAndQuery: string, options?: RequestOptions): Promise<ApiResponse>;
  /** SIGTERM, then SIGKILL after 10 s. The APIServices stay registered, as when a deployment goes down. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash, and wait until the process has gone. The APIServices stay registered. */
  kill(): Promise<void>;
  /**
   * After stop() or kill(): waits until every one of its APIServices is Available=False, touching each so the
   * aggregator checks it at once instead of at its next periodic check (20-25 s later).
   */
  waitUntilUnavailable(options?: WaitOptions): Promise<ApiServiceCondition[]>;
}

/** The custom-metrics adapter also serves plain HTTP for writing the values it reports. */
export interface CustomMetricsAdapter extends ThirdPartyServer {
  /**
   * `http://127.0.0.1:PORT`: POST a JSON quantity (`"300m"`) to `/write-metrics/namespaces/{ns}/{resource}/{name}/{metric}`
   * or `/write-metrics/{resource}/{name}/{metric}`; values live in the adapter's memory only.
   */
  fakeMetricsUrl: string;
}

/**
 * The ExternalName Service and the APIServices that register a server listening on 127.0.0.1:port, for
 * `kubectl apply -f -`. With aggregator routing off, kube-apiserver dials localhost:port and verifies the
 * certificate for `<service>.<namespace>.svc` against caBundle. `registeredAt` goes into an annotation.
 */
export function registrationManifest(spec: ThirdPartySpec, port: number, caCertFile: string, registeredAt: string): string {
  const caBundle = fs.readFileSync(caCertFile).toString('base64');
  const objects: object[] = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: spec.service.name, namespace: spec.service.namespace },
      spec: { type: 'ExternalName', externalName: 'localhost' },
    },
    ...spec.apiServices.map((version) => ({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: apiServiceNameOf(version), annotations: { [REGISTERED_AT_ANNOTATION]: registeredAt } },
      spec: {
        group: version.group,
        version: version.version,
        service: { namespace: spec.service.namespace, name: spec.service.name, port },
        caBundle,
        groupPriorityMinimum: version.groupPriorityMinimum,
        versionPriority: version.versionPriority,
      },
    })),
  ];
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}
