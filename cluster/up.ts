// `npm run cluster:up`: start the local control plane and leave it running.
import { ClusterStartError, startCluster } from './index.js';

try {
  const cluster = await startCluster({ keepRunning: true });
  const t = cluster.timings;
  process.stdout.write(
    [
      `cluster up: ${cluster.server} (kube-apiserver pid ${cluster.pids.apiserver}, etcd pid ${cluster.pids.etcd})`,
      `started in ${(t.warmedUp / 1000).toFixed(1)} s; logs in ${cluster.stateDir}`,
      `contexts: ${cluster.adminContext} (current), ${cluster.unprivilegedContext}`,
      `export KUBECONFIG=${cluster.kubeconfigPath}`,
      '',
    ].join('\n'),
  );
  process.exit(0);
} catch (err) {
  if (err instanceof ClusterStartError) {
    process.stderr.write(`cluster:up failed: ${err.reason}\n${err.logTail ? `${err.logTail}\n` : ''}`);
  } else {
    process.stderr.write(`cluster:up failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  }
  process.exit(1);
}
