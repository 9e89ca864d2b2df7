// The local control plane's public surface, for the tests, the benches, the main job and cluster:up/down.
export type { AggregatedServer } from './aggregation.js';
export type { ApiResponse, Identity, RequestOptions } from './api-client.js';
export { ensureBinaries, ensureThirdPartyBinaries } from './binaries.js';
export {
  ClusterStartError,
  type KubectlOptions,
  type KubectlResult,
  LocalCluster,
  type StartOptions,
  startCluster,
  type StartupTimings,
} from './local-cluster.js';
export { ADMIN_CONTEXT, CLUSTER_NAME, CRD_NAME, KUBE_VERSION, UNPRIVILEGED_CONTEXT } from './names.js';
export { buildScript, fixturesManifest, repoRoot, thirdPartyBuildScript } from './paths.js';
export { ensurePki, type PkiPaths } from './pki.js';
export { defaultStateDir } from './state-dir.js';
export { isAlive, stopRecordedCluster } from './supervisor.js';
export { ensureThirdPartyPki, type ThirdPartyPki } from './third-party-pki.js';
export {
  type ApiServiceCondition,
  CUSTOM_METRICS_ADAPTER,
  type CustomMetricsAdapter,
  METRICS_SERVER,
  type ThirdPartyName,
  type ThirdPartyServer,
  type ThirdPartySpec,
  type WaitOptions,
} from './third-party-servers.js';
