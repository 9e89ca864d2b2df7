// Where the control plane's own files are, found from this module so any checkout works.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const clusterDir = path.dirname(fileURLToPath(import.meta.url));

/** The repository root, the parent of cluster/. */
export const repoRoot = path.resolve(clusterDir, '..');

/** Builds the Go binaries into the cache; with `--print-bin-dir` it only names the folder. */
export const buildScript = path.join(clusterDir, 'build.sh');

/** The Widget custom resource every start registers. */
export const widgetCrdManifest = path.join(clusterDir, 'manifests', 'widgets-crd.yaml');

/** Objects a cluster in use would have, for callers that probe a populated cluster. */
export const fixturesManifest = path.join(clusterDir, 'manifests', 'fixtures.yaml');

/** Builds the third-party aggregated servers (metrics-server, the custom-metrics adapter) into their own cache. */
export const thirdPartyBuildScript = path.join(clusterDir, 'build-third-party.sh');

/** Upstream's RBAC for each third-party server, applied before it starts. */
export const metricsServerRbacManifest = path.join(clusterDir, 'manifests', 'metrics-server-rbac.yaml');
export const customMetricsRbacManifest = path.join(clusterDir, 'manifests', 'custom-metrics-rbac.yaml');
