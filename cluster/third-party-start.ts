// Starting a third-party aggregated server beside a running cluster: upstream's RBAC, the process,
// its health check, the registration with the aggregator; and waiting on its APIServices' availability.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { type ApiResponse, apiRequest, type RequestOptions, type TlsMaterial } from './api-client.js';
import { ensureThirdPartyBinaries } from './binaries.js';
import type { CommandResult } from './command.js';
import { singleUserKubeconfigYaml } from './kubeconfig.js';
import type { Log } from './log.js';
import type { PkiPaths } from './pki.js';
import type { ThirdPartyRun } from './server-flags.js';
import { logFileOf, logTailOf } from './state-dir.js';
import { failIfExited, type ProcessGroup, sleep, type SupervisedProcess, waitUntilReady } from './supervisor.js';
import { ensureThirdPartyPki } from './third-party-pki.js';
import {
  type ApiServiceCondition,
  apiServiceNameOf,
  registrationManifest,
  type ThirdPartyServer,
  type ThirdPartySpec,
  TOUCHED_AT_ANNOTATION,
  type WaitOptions,
} from './third-party-servers.js';

/** What starting a server needs of the cluster it joins (LocalCluster hands this over). */
export interface ThirdPartyHost {
  server: string;
  stateDir: string;
  pki: PkiPaths;
  tls: TlsMaterial;
  processes: ProcessGroup;
  keepRunning: boolean;
  log: Log;
  kubectl(args: string[], options?: { input?: string }): Promise<CommandResult>;
  request(pathAndQuery: string, options?: RequestOptions): Promise<ApiResponse>;
}

const DEFAULT_WAIT_MS = 60_000;
// The aggregator checks an APIService again when it changes; the first touch nearly always suffices.
const TOUCH_EVERY_MS = 2_000;

const secondsOf = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/**
 * Builds the binaries if missing, makes its certificates if needed, applies upstream's RBAC, starts the
 * server on 127.0.0.1:port, waits for its health check, registers it, and waits until every one of its
 * APIServices is Available=True and its group-versions are served through kube-apiserver. A failure
 * after the spawn stops the server and throws with the end of its log.
 */
export async function startThirdPartyServer(
  host: ThirdPartyHost,
  spec: ThirdPartySpec,
  port: number,
  flags: (run: ThirdPartyRun) => string[],
): Promise<ThirdPartyServer> {
  const binDir = await ensureThirdPartyBinaries(host.log);
  if (host.processes.isRunning(spec.name)) throw new Error(`${spec.name} is already running in this cluster; stop() it first`);
  const certs = await ensureThirdPartyPki(host.pki, spec, host.log);
  const kubeconfig = path.join(host.stateDir, `${spec.name}.kubeconfig`);
  await fsp.writeFile(kubeconfig, singleUserKubeconfigYaml(host.server, host.pki.caCert, spec.user, certs.clientCert, certs.clientKey), { mode: 0o600 });
  await fsp.chmod(kubeconfig, 0o600);
  await kubectlOrThrow(host, ['apply', '-f', spec.rbacManifest], `applying ${path.basename(spec.rbacManifest)}`);

  const url = `https://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const supervised = host.processes.spawn(spec.name, flags({ port, servingCert: certs.servingCert, servingKey: certs.servingKey, kubeconfig }), binDir);
  if (host.keepRunning) host.processes.release([supervised]);
  let healthy = 0;
  try {
    await waitUntilReady(`${spec.name} ${spec.healthPath}`, () => failIfExited([supervised]), async () =>
      (await apiRequest(url, host.tls, spec.healthPath, { as: 'anonymous', timeoutMs: 5_000 })).status === 200);
    healthy = Date.now() - spawnedAt;
    await register(host, spec, supervised, port);
  } catch (err) {
    await host.processes.stopOne(supervised).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    const tail = logTailOf(host.stateDir, spec.name, 30);
    throw new Error(`${spec.name} failed to start: ${reason}${tail ? `\n${tail}` : ''}`);
  }
  const available = Date.now() - spawnedAt;
  const apiServices = spec.apiServices.map(apiServiceNameOf);
  host.log(`${spec.name} ${url} (pid ${supervised.pid}): ${spec.healthPath} after ${secondsOf(healthy)}, ` +
    `${apiServices.join(', ')} Available after ${secondsOf(available)}`);
  return {
    name: spec.name,
    url,
    caFile: host.pki.caCert,
    apiServices,
    pid: supervised.pid,
    logFile: logFileOf(host.stateDir, spec.name),
    timings: { healthy, available },
    request: (pathAndQuery, options) => apiRequest(url, host.tls, pathAndQuery, options),
    stop: () => host.processes.stopOne(supervised),
    kill: () => host.processes.killOne(supervised),
    waitUntilUnavailable: (options) => waitUntilUnavailable(host, apiServices, options),
  };
}

async function register(host: ThirdPartyHost, spec: ThirdPartySpec, supervised: SupervisedProcess, port: number): Promise<void> {
  const manifest = registrationManifest(spec, port, host.pki.caCert, new Date().toISOString());
  await kubectlOrThrow(host, ['apply', '-f', '-'], `registering ${spec.name}`, manifest);
  const names = spec.apiServices.map(apiServiceNameOf);
  await waitUntilReady(`${names.join(', ')} Available and served`, () => failIfExited([supervised]), async () => {
    const conditions = await Promise.all(names.map((name) => apiServiceCondition(host, name)));
    if (!conditions.every((condition) => condition.status === 'True')) return false;
    const discovery = await Promise.all(spec.apiServices.map((v) => host.request(`/apis/${v.group}/${v.version}`)));
    return discovery.every((response) => response.status === 200);
  });
}

async function kubectlOrThrow(host: ThirdPartyHost, args: string[], what: string, input?: string): Promise<void> {
  const result = await host.kubectl(args, { input });
  if (result.code !== 0) throw new Error(`${what} failed: ${result.stderr.trim()}`);
}

/** The Available condition of an APIService (status Unknown when it has none yet). */
export async function apiServiceCondition(host: ThirdPartyHost, name: string): Promise<ApiServiceCondition> {
  const response = await host.request(`/apis/apiregistration.k8s.io/v1/apiservices/${name}`);
  if (response.status !== 200) throw new Error(`GET APIService ${name} returned ${response.status}: ${response.body}`);
  type Condition = { type: string; status: ApiServiceCondition['status']; reason?: string; message?: string };
  const conditions = (JSON.parse(response.body) as { status?: { conditions?: Condition[] } }).status?.conditions ?? [];
  const available = conditions.find((condition) => condition.type === 'Available');
  return { apiService: name, status: available?.status ?? 'Unknown', reason: available?.reason ?? '', message: available?.message ?? '' };
}

/** Changes an annotation, so the aggregator's availability controller checks the APIService now. */
async function touch(host: ThirdPartyHost, name: string): Promise<void> {
  const response = await host.request(`/apis/apiregistration.k8s.io/v1/apiservices/${name}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ metadata: { annotations: { [TOUCHED_AT_ANNOTATION]: `${Date.now()}` } } }),
  });
  if (response.status !== 200) throw new Error(`touching APIService ${name} returned ${response.status}: ${response.body}`);
}

/**
 * Waits until every named APIService is Available=False, touching those still True every 2 s so the
 * aggregator re-checks them at once rather than at its next periodic check. Resolves with their conditions.
 */
export async function waitUntilUnavailable(host: ThirdPartyHost, names: readonly string[], options: WaitOptions = {}): Promise<ApiServiceCondition[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  let touchedAt = 0;
  for (;;) {
    const conditions = await Promise.all(names.map((name) => apiServiceCondition(host, name)));
    const stillUp = conditions.filter((condition) => condition.status !== 'False');
    if (stillUp.length === 0) return conditions;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for Available=False: ` +
        stillUp.map((condition) => `${condition.apiService} is ${condition.status} (${condition.reason})`).join(', '));
    }
    if (Date.now() - touchedAt >= TOUCH_EVERY_MS) {
      await Promise.all(stillUp.map((condition) => touch(host, condition.apiService)));
      touchedAt = Date.now();
    }
    await sleep(100);
  }
}
