// The command lines of the servers a cluster runs. cluster/README.md explains each kube-apiserver flag.
import type { PkiPaths } from './pki.js';

export interface EtcdUrls {
  client: string;
  peer: string;
}

export function etcdFlags(dataDir: string, etcd: EtcdUrls): string[] {
  return [
    '--name', 'default',
    '--data-dir', dataDir,
    '--listen-client-urls', etcd.client,
    '--advertise-client-urls', etcd.client,
    '--listen-peer-urls', etcd.peer,
    '--initial-advertise-peer-urls', etcd.peer,
    '--initial-cluster', `default=${etcd.peer}`,
    // The data is thrown away at stop; skipping fsync makes every write much faster.
    '--unsafe-no-fsync',
    '--log-level', 'warn',
  ];
}

export function kubeApiserverFlags(etcdClientUrl: string, port: number, pki: PkiPaths): string[] {
  return [
    `--etcd-servers=${etcdClientUrl}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    '--advertise-address=127.0.0.1',
    `--tls-cert-file=${pki.servingCert}`,
    `--tls-private-key-file=${pki.servingKey}`,
    `--client-ca-file=${pki.caCert}`,
    '--authorization-mode=Node,RBAC',
    '--anonymous-auth=false',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--api-audiences=https://kubernetes.default.svc.cluster.local',
    '--disable-admission-plugins=ServiceAccount',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--allow-privileged=false',
    `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    `--proxy-client-cert-file=${pki.frontProxyClientCert}`,
    `--proxy-client-key-file=${pki.frontProxyClientKey}`,
    '--enable-aggregator-routing=false',
    '--profiling=false',
    // Compact etcd history every few seconds, as a long-running cluster's 5-minute compaction
    // would have done long ago: a watch from resourceVersion 1 then gets 410 Expired.
    '--etcd-compaction-interval=2s',
    // with any endpoint reconciler, kube-apiserver refuses to start on a loopback advertise address
    '--endpoint-reconciler-type=none',
  ];
}

// Only the namespace controller: it empties and finalizes deleted namespaces, so a throwaway
// namespace really goes away, as it does on any real cluster.
export function controllerManagerFlags(kubeconfigPath: string): string[] {
  return [
    `--kubeconfig=${kubeconfigPath}`,
    '--controllers=namespace',
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    '--secure-port=0',
    '--use-service-account-credentials=false',
  ];
}

export function sampleApiserverFlags(etcdClientUrl: string, port: number, pki: PkiPaths, kubeconfigPath: string): string[] {
  return [
    `--etcd-servers=${etcdClientUrl}`,
    '--etcd-prefix=/registry/wardle.example.com',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--tls-cert-file=${pki.wardleCert}`,
    `--tls-private-key-file=${pki.wardleKey}`,
    // Its own informers, and delegated authentication and authorization, all against kube-apiserver.
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
  ];
}

/** Where a third-party server serves, and the files it needs. */
export interface ThirdPartyRun {
  port: number;
  servingCert: string;
  servingKey: string;
  /** its own identity's kubeconfig: its informers, and delegated authentication and authorization */
  kubeconfig: string;
}

// No --requestheader-* or --client-ca-file: both read them from the ConfigMap
// kube-system/extension-apiserver-authentication, which upstream's RBAC lets them read.
export function metricsServerFlags(run: ThirdPartyRun): string[] {
  return [
    '--bind-address=127.0.0.1',
    `--secure-port=${run.port}`,
    `--tls-cert-file=${run.servingCert}`,
    `--tls-private-key-file=${run.servingKey}`,
    `--kubeconfig=${run.kubeconfig}`,
    `--authentication-kubeconfig=${run.kubeconfig}`,
    `--authorization-kubeconfig=${run.kubeconfig}`,
    // Upstream's release manifest args; no kubelet runs, so a Node object would only give failed scrapes.
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    '--kubelet-use-node-status-port',
    '--metric-resolution=15s',
    // As upstream's test manifests: kubelets here (if any) would have no certificate signed for them.
    '--kubelet-insecure-tls',
  ];
}

export function customMetricsAdapterFlags(run: ThirdPartyRun, fakeMetricsPort: number): string[] {
  return [
    '--bind-address=127.0.0.1',
    `--secure-port=${run.port}`,
    `--tls-cert-file=${run.servingCert}`,
    `--tls-private-key-file=${run.servingKey}`,
    // The adapter's name for --kubeconfig: its dynamic client, RESTMapper and informers.
    `--lister-kubeconfig=${run.kubeconfig}`,
    `--authentication-kubeconfig=${run.kubeconfig}`,
    `--authorization-kubeconfig=${run.kubeconfig}`,
    // Our wrapper's one flag: upstream listens on :8080 on every interface.
    `--fake-metrics-address=127.0.0.1:${fakeMetricsPort}`,
  ];
}
