// A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver and the namespace controller,
// with the Widget CRD registered, and on request aggregated servers: sample-apiserver, metrics-server
// and the custom-metrics test adapter.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { type AggregatedServer, apiServiceManifest, WARDLE_API_SERVICE, WARDLE_GROUP_VERSION } from './aggregation.js';
import { type ApiResponse, apiRequest, httpGetStatus, loadTls, type RequestOptions, type TlsMaterial } from './api-client.js';
import { ensureBinaries } from './binaries.js';
import { type CommandResult, runCommand } from './command.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { defaultLog, type Log } from './log.js';
import { ADMIN_CONTEXT, CRD_NAME, UNPRIVILEGED_CONTEXT } from './names.js';
import { widgetCrdManifest } from './paths.js';
import { ensurePki, type PkiPaths } from './pki.js';
import { freeLoopbackPorts } from './ports.js';
import {
  controllerManagerFlags,
  customMetricsAdapterFlags,
  type EtcdUrls,
  etcdFlags,
  kubeApiserverFlags,
  metricsServerFlags,
  sampleApiserverFlags,
} from './server-flags.js';
import { defaultStateDir, etcdDataOf, kubeconfigFileOf, kubectlCacheOf, logsTailOf } from './state-dir.js';
import { failIfExited, ProcessGroup, StartupError, stopRecordedCluster, type SupervisedProcess, waitUntilReady } from './supervisor.js';
import {
  type ApiServiceCondition,
  CUSTOM_METRICS_ADAPTER,
  type CustomMetricsAdapter,
  METRICS_SERVER,
  type ThirdPartyServer,
  type WaitOptions,
} from './third-party-servers.js';
import { apiServiceCondition, startThirdPartyServer, type ThirdPartyHost, waitUntilUnavailable } from './third-party-start.js';

export interface StartOptions {
  stateDir?: string;
  log?: Log;
  /** leave etcd and kube-apiserver running after this Node process exits (for `cluster:up`) */
  keepRunning?: boolean;
}

export interface KubectlOptions {
  /** kubeconfig context; defaults to the admin context */
  context?: string;
  /** written to kubectl's stdin (e.g. for `apply -f -`) */
  input?: string;
  timeoutMs?: number;
}

export type KubectlResult = CommandResult;

export interface StartupTimings {
  /** all durations are milliseconds since startCluster() was called */
  certsReady: number;
  etcdSpawned: number;
  etcdHealthy: number;
  apiserverSpawned: number;
  apiserverReady: number;
  bootstrapDone: number;
  crdEstablished: number;
  /** after the first (dry-run) Widget write */
  warmedUp: number;
}

/** Thrown by startCluster; the message carries the log tail too, `reason` is the one-line cause. */
export class ClusterStartError extends Error {
  readonly reason: string;
  readonly logTail: string;
  constructor(reason: string, logTail: string) {
    super(`local cluster failed to start: ${reason}${logTail ? `\n${logTail}` : ''}`);
    this.name = 'ClusterStartError';
    this.reason = reason;
    this.logTail = logTail;
  }
}

/** Starts a cluster and resolves once it serves Widgets; see LocalCluster.start. */
export function startCluster(options: StartOptions = {}): Promise<LocalCluster> {
  return LocalCluster.start(options);
}

/** What start() settles before any server runs. */
interface Prepared {
  startedAt: number;
  stateDir: string;
  binDir: string;
  pki: PkiPaths;
  ports: { etcdClient: number; etcdPeer: number; apiserver: number };
  log: Log;
  keepRunning: boolean;
}

interface Conditions {
  status?: { conditions?: { type: string; status: string }[] };
}

const hasTrueCondition = (body: string, type: string): boolean =>
  ((JSON.parse(body) as Conditions).status?.conditions ?? []).some((condition) => condition.type === type && condition.status === 'True');

const secondsOf = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export class LocalCluster {
  /** https://127.0.0.1:PORT */
  readonly server: string;
  readonly kubeconfigPath: string;
  readonly adminContext: typeof ADMIN_CONTEXT = ADMIN_CONTEXT;
  readonly unprivilegedContext: typeof UNPRIVILEGED_CONTEXT = UNPRIVILEGED_CONTEXT;
  readonly stateDir: string;
  readonly caFile: string;
  readonly binDir: string;
  readonly pki: PkiPaths;
  /** When each start-up step finished; set by start() before it resolves. */
  timings!: StartupTimings;

  private readonly startedAt: number;
  private readonly log: Log;
  private readonly keepRunning: boolean;
  private readonly apiserverPort: number;
  private readonly etcd: EtcdUrls;
  private readonly tls: TlsMaterial;
  private readonly processes: ProcessGroup;

  /**
   * Builds the binaries if they are missing, stops a cluster still running from this state folder,
   * makes the certificates if needed, then starts the servers and waits until Widgets are served.
   * A failure once servers run stops them and throws a ClusterStartError carrying their log tails.
   */
  static async start(options: StartOptions = {}): Promise<LocalCluster> {
    const startedAt = Date.now();
    const log = options.log ?? defaultLog;
    const stateDir = path.resolve(options.stateDir ?? defaultStateDir());
    await fsp.mkdir(stateDir, { recursive: true });
    const binDir = await ensureBinaries(log);
    await stopLeftoverCluster(stateDir, log);
    const pki = await ensurePki(stateDir, log);
    const certsReady = Date.now() - startedAt;
    const [etcdClient, etcdPeer, apiserver] = (await freeLoopbackPorts(3)) as [number, number, number];
    const cluster = new LocalCluster({
      startedAt, stateDir, binDir, pki, ports: { etcdClient, etcdPeer, apiserver }, log, keepRunning: options.keepRunning ?? false,
    });
    await cluster.bootOrStop(certsReady);
    return cluster;
  }

  private constructor(prepared: Prepared) {
    this.startedAt = prepared.startedAt;
    this.log = prepared.log;
    this.keepRunning = prepared.keepRunning;
    this.stateDir = prepared.stateDir;
    this.binDir = prepared.binDir;
    this.pki = prepared.pki;
    this.caFile = prepared.pki.caCert;
    this.tls = loadTls(prepared.pki);
    this.apiserverPort = prepared.ports.apiserver;
    this.server = `https://127.0.0.1:${prepared.ports.apiserver}`;
    this.etcd = { client: `http://127.0.0.1:${prepared.ports.etcdClient}`, peer: `http://127.0.0.1:${prepared.ports.etcdPeer}` };
    this.kubeconfigPath = kubeconfigFileOf(prepared.stateDir);
    this.processes = new ProcessGroup({ stateDir: this.stateDir, binDir: this.binDir, server: this.server, startedAt: this.startedAt });
  }

  get pids(): { etcd: number; apiserver: number; controllerManager: number } {
    return {
      etcd: this.processes.pidOf('etcd'),
      apiserver: this.processes.pidOf('kube-apiserver'),
      controllerManager: this.processes.pidOf('kube-controller-manager'),
    };
  }

  kubectl(args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
    const context = options.context ?? ADMIN_CONTEXT;
    const kubectl = path.join(this.binDir, 'kubectl');
    // Its discovery cache lives in the state folder and goes at stop, rather than piling up in
    // ~/.kube/cache with a folder for every port a cluster ever had.
    const global = ['--kubeconfig', this.kubeconfigPath, '--context', context, '--cache-dir', kubectlCacheOf(this.stateDir)];
    return runCommand(kubectl, [...global, ...args], { input: options.input, timeoutMs: options.timeoutMs ?? 60_000 });
  }

  /** one HTTPS request to the apiserver with the chosen client certificate */
  request(pathAndQuery: string, options?: RequestOptions): Promise<ApiResponse> {
    return apiRequest(this.server, this.tls, pathAndQuery, options);
  }

  /** Stops every server and removes etcd's data; certificates, kubeconfig and logs stay. Safe to call again. */
  stop(): Promise<void> {
    return this.processes.stopAll();
  }

  logsTail(lines = 40): string {
    return logsTailOf(this.stateDir, lines);
  }

  /** Start k8s.io/sample-apiserver (group wardle.example.com) and register it with the aggregator. */
  async startAggregated(): Promise<AggregatedServer> {
    const [port] = (await freeLoopbackPorts(1)) as [number];
    const url = `https://127.0.0.1:${port}`;
    const sampleApiserver = this.processes.spawn('sample-apiserver', sampleApiserverFlags(this.etcd.client, port, this.pki, this.kubeconfigPath));
    if (this.keepRunning) this.processes.release([sampleApiserver]);
    await this.waitForSampleApiserver(sampleApiserver, url);
    await this.registerApiService(sampleApiserver, port);
    this.log(`sample-apiserver ${url} registered as ${WARDLE_API_SERVICE}`);
    return {
      url,
      apiService: WARDLE_API_SERVICE,
      groupVersion: WARDLE_GROUP_VERSION,
      stop: () => this.processes.stopOne(sampleApiserver),
    };
  }

  /**
   * Start metrics-server v0.8.0 on a free loopback port, as its upstream ServiceAccount with upstream's RBAC,
   * and register v1beta1.metrics.k8s.io; resolves once it is Available. Its lists are empty: no kubelet runs.
   * The third-party binaries are built first if they are missing (build-third-party.sh).
   */
  async startMetricsServer(): Promise<ThirdPartyServer> {
    const [port] = (await freeLoopbackPorts(1)) as [number];
    return startThirdPartyServer(this.thirdPartyHost(), METRICS_SERVER, port, metricsServerFlags);
  }

  /**
   * Start the custom-metrics-apiserver v1.37.0 test adapter the same way, and register v1beta1 and
   * v1beta2.custom.metrics.k8s.io and v1beta1.external.metrics.k8s.io; resolves once all three are Available.
   */
  async startCustomMetricsAdapter(): Promise<CustomMetricsAdapter> {
    const [port, fakeMetricsPort] = (await freeLoopbackPorts(2)) as [number, number];
    const server = await startThirdPartyServer(this.thirdPartyHost(), CUSTOM_METRICS_ADAPTER, port, (run) =>
      customMetricsAdapterFlags(run, fakeMetricsPort));
    return { ...server, fakeMetricsUrl: `http://127.0.0.1:${fakeMetricsPort}` };
  }

  /** The Available condition the aggregator last wrote for an APIService. */
  apiServiceCondition(name: string): Promise<ApiServiceCondition> {
    return apiServiceCondition(this.thirdPartyHost(), name);
  }

  /**
   * Waits until an APIService is Available=False (after its server was stopped or killed), touching it so the
   * aggregator checks it at once rather than at its next periodic check; resolves with its condition.
   */
  async waitForApiServiceUnavailable(name: string, options?: WaitOptions): Promise<ApiServiceCondition> {
    const [condition] = await waitUntilUnavailable(this.thirdPartyHost(), [name], options);
    return condition!;
  }

  private thirdPartyHost(): ThirdPartyHost {
    return {
      server: this.server,
      stateDir: this.stateDir,
      pki: this.pki,
      tls: this.tls,
      processes: this.processes,
      keepRunning: this.keepRunning,
      log: this.log,
      kubectl: (args, options) => this.kubectl(args, options),
      request: (pathAndQuery, options) => this.request(pathAndQuery, options),
    };
  }

  // ---------------------------------------------------------------- start-up

  private async bootOrStop(certsReady: number): Promise<void> {
    try {
      this.timings = await this.boot(certsReady);
      this.logReady();
      if (this.keepRunning) this.processes.release();
    } catch (err) {
      const tail = this.logsTail(30);
      await this.stop().catch(() => undefined);
      throw new ClusterStartError(err instanceof Error ? err.message : String(err), tail);
    }
  }

  private async boot(certsReady: number): Promise<StartupTimings> {
    // Written before start-up so a hanging start can be inspected with kubectl.
    await this.writeKubeconfig();
    this.processes.spawn('etcd', etcdFlags(etcdDataOf(this.stateDir), this.etcd));
    const etcdSpawned = this.elapsed();
    await this.waitForEtcd();
    const etcdHealthy = this.elapsed();
    this.processes.spawn('kube-apiserver', kubeApiserverFlags(this.etcd.client, this.apiserverPort, this.pki));
    const apiserverSpawned = this.elapsed();
    await this.waitForApiserver();
    const apiserverReady = this.elapsed();
    await this.waitForBootstrap();
    const bootstrapDone = this.elapsed();
    this.processes.spawn('kube-controller-manager', controllerManagerFlags(this.kubeconfigPath));
    await this.registerWidgetCrd();
    const crdEstablished = this.elapsed();
    await this.warmUpWidgetWrites();
    const warmedUp = this.elapsed();
    return { certsReady, etcdSpawned, etcdHealthy, apiserverSpawned, apiserverReady, bootstrapDone, crdEstablished, warmedUp };
  }

  private elapsed(): number {
    return Date.now() - this.startedAt;
  }

  private async writeKubeconfig(): Promise<void> {
    await fsp.writeFile(this.kubeconfigPath, kubeconfigYaml(this.server, this.pki), { mode: 0o600 });
    // The mode above applies only when the file is created; one from an earlier run keeps its own.
    await fsp.chmod(this.kubeconfigPath, 0o600);
  }

  /** Waits for the control plane; any of its servers exiting ends the wait. */
  private waitUntilReady(what: string, isReady: () => Promise<boolean>): Promise<void> {
    return waitUntilReady(what, () => this.processes.failIfAnyExited(), isReady);
  }

  private waitForEtcd(): Promise<void> {
    return this.waitUntilReady('etcd /health', async () => (await httpGetStatus(`${this.etcd.client}/health`)) === 200);
  }

  private waitForApiserver(): Promise<void> {
    return this.waitUntilReady('kube-apiserver /readyz', async () => (await this.request('/readyz', { timeoutMs: 5_000 })).status === 200);
  }

  // /readyz can pass before the default namespace exists and before /apis lists apiextensions.k8s.io.
  private waitForBootstrap(): Promise<void> {
    return this.waitUntilReady('namespace "default" and apiextensions.k8s.io in /apis', async () => {
      if ((await this.request('/api/v1/namespaces/default')).status !== 200) return false;
      const apis = await this.request('/apis');
      if (apis.status !== 200) return false;
      const groups = (JSON.parse(apis.body) as { groups?: { name: string }[] }).groups ?? [];
      return groups.some((group) => group.name === 'apiextensions.k8s.io');
    });
  }

  private async registerWidgetCrd(): Promise<void> {
    const applied = await this.kubectl(['apply', '-f', widgetCrdManifest]);
    if (applied.code !== 0) throw new StartupError(`kubectl apply of the Widget CRD failed: ${applied.stderr.trim()}`);
    await this.waitUntilReady(`CRD ${CRD_NAME} Established and served`, () => this.widgetsAreServed());
  }

  private async widgetsAreServed(): Promise<boolean> {
    const crd = await this.request(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`);
    if (crd.status !== 200 || !hasTrueCondition(crd.body, 'Established')) return false;
    const discovery = await this.request('/apis/example.statuslint.dev/v1');
    if (discovery.status !== 200) return false;
    const resources = (JSON.parse(discovery.body) as { resources?: { name: string }[] }).resources ?? [];
    if (!resources.some((resource) => resource.name === 'widgets')) return false;
    // Discovery lists the resource before its storage (watch cache) accepts requests; until then: 429.
    return (await this.request('/apis/example.statuslint.dev/v1/widgets?limit=1')).status === 200;
  }

  // The first write of a new custom resource type stalls ~2 s while quota admission sets up its
  // evaluator; take that hit here (dry run, invalid on purpose) so callers see steady latencies.
  private async warmUpWidgetWrites(): Promise<void> {
    const invalidWidget = { apiVersion: 'example.statuslint.dev/v1', kind: 'Widget', metadata: { name: 'warm-up' }, spec: { size: 0 } };
    const response = await this.request('/apis/example.statuslint.dev/v1/namespaces/default/widgets?dryRun=All', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(invalidWidget),
      timeoutMs: 30_000,
    });
    if (response.status !== 422) {
      throw new StartupError(`dry-run create of an invalid Widget returned ${response.status}, expected 422: ${response.body}`);
    }
  }

  private logReady(): void {
    const { apiserverReady, crdEstablished, warmedUp, etcdSpawned } = this.timings;
    this.log(`kube-apiserver ${this.server} ready: spawn -> /readyz ${secondsOf(apiserverReady - etcdSpawned)}, ` +
      `-> CRD established ${secondsOf(crdEstablished - etcdSpawned)}, -> warmed up ${secondsOf(warmedUp - etcdSpawned)} ` +
      `(${secondsOf(warmedUp)} in all)`);
  }

  // ---------------------------------------------------------------- the aggregated server

  private waitForSampleApiserver(sampleApiserver: SupervisedProcess, url: string): Promise<void> {
    return waitUntilReady('sample-apiserver /readyz', () => failIfExited([sampleApiserver]), async () =>
      (await apiRequest(url, this.tls, '/readyz', { timeoutMs: 5_000 })).status === 200);
  }

  private async registerApiService(sampleApiserver: SupervisedProcess, port: number): Promise<void> {
    const applied = await this.kubectl(['apply', '-f', '-'], { input: apiServiceManifest(port, this.pki.caCert) });
    if (applied.code !== 0) throw new Error(`registering the APIService failed: ${applied.stderr.trim()}`);
    await waitUntilReady(`APIService ${WARDLE_API_SERVICE} Available, flunders served`, () => failIfExited([sampleApiserver]), async () => {
      const apiService = await this.request(`/apis/apiregistration.k8s.io/v1/apiservices/${WARDLE_API_SERVICE}`);
      if (!hasTrueCondition(apiService.body, 'Available')) return false;
      return (await this.request('/apis/wardle.example.com/v1alpha1/flunders?limit=1')).status === 200;
    });
  }
}

// A cluster left over from an earlier run would be using the etcd data this start wipes.
async function stopLeftoverCluster(stateDir: string, log: Log): Promise<void> {
  const leftovers = await stopRecordedCluster(stateDir, log);
  if (leftovers.length > 0) log(`stopped leftover ${leftovers.join(' and ')} from a previous run`);
}
