// Starts and stops a real local Kubernetes control plane (etcd + kube-apiserver) on 127.0.0.1.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_CONTEXT = 'statuslint-admin';
export const UNPRIVILEGED_CONTEXT = 'statuslint-unprivileged';
export const CLUSTER_NAME = 'statuslint-local';
export const KUBE_VERSION = 'v1.37.2';
export const CRD_NAME = 'widgets.example.statuslint.dev';

const clusterDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(clusterDir, '..', '..');
const buildScript = path.join(clusterDir, 'build.sh');
const crdManifest = path.join(clusterDir, 'manifests', 'widgets-crd.yaml');

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const REQUIRED_BINARIES = ['etcd', 'kube-apiserver', 'kubectl'] as const;

export interface KubectlOptions {
  /** kubeconfig context; defaults to the admin context */
  context?: string;
  /** written to kubectl's stdin (e.g. for `apply -f -`) */
  input?: string;
  timeoutMs?: number;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export type Identity = 'admin' | 'unprivileged' | 'anonymous';

export interface RequestOptions {
  /** which client certificate to present; 'anonymous' presents none */
  as?: Identity;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  unprivilegedCert: string;
  unprivilegedKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
  /** sample-apiserver's serving certificate, for `api.wardle.svc` (what the aggregator verifies) and 127.0.0.1 */
  wardleCert: string;
  wardleKey: string;
}

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

export interface LocalCluster {
  /** https://127.0.0.1:PORT */
  server: string;
  kubeconfigPath: string;
  adminContext: 'statuslint-admin';
  unprivilegedContext: 'statuslint-unprivileged';
  stateDir: string;
  caFile: string;
  binDir: string;
  pki: PkiPaths;
  pids: { etcd: number; apiserver: number; controllerManager: number };
  timings: StartupTimings;
  kubectl(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** one HTTPS request to the apiserver with the chosen client certificate */
  request(pathAndQuery: string, opts?: RequestOptions): Promise<ApiResponse>;
  stop(): Promise<void>;
  logsTail(lines?: number): string;
  /** Start k8s.io/sample-apiserver (group wardle.example.com) and register it with the aggregator. */
  startAggregated(): Promise<AggregatedServer>;
}

/** The sample-apiserver, served through kube-apiserver's aggregator and at its own address. */
export interface AggregatedServer {
  /** Its own address, for probing it directly: `https://127.0.0.1:PORT`. */
  url: string;
  apiService: string;
  groupVersion: string;
  /** Stop the server process (the APIService stays registered, as when a deployment goes down). */
  stop(): Promise<void>;
}

export interface StartOptions {
  stateDir?: string;
  log?: (line: string) => void;
  /** leave etcd and kube-apiserver running after this Node process exits (for `cluster:up`) */
  keepRunning?: boolean;
}

interface RecordedProcess {
  pid: number;
  bin: string;
}

interface PidsFile {
  server: string;
  startedAt: string;
  processes: { sampleApiserver?: RecordedProcess; controllerManager?: RecordedProcess; apiserver?: RecordedProcess; etcd?: RecordedProcess };
}

export function defaultStateDir(): string {
  const fromEnv = process.env['STATUSLINT_CLUSTER_DIR'];
  return path.resolve(fromEnv && fromEnv.length > 0 ? fromEnv : path.join(repoRoot, '.cluster'));
}

const defaultLog = (line: string): void => {
  process.stderr.write(`[cluster] ${line}\n`);
};

// ---------------------------------------------------------------- processes

function run(
  file: string,
  args: string[],
  opts: { cwd?: string; input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const errCode: unknown = err ? (err as { code?: unknown }).code : 0;
        if (typeof errCode === 'string') {
          // spawn failure (ENOENT etc.), not a non-zero exit
          reject(err);
          return;
        }
        if (err?.killed) stderr += `\n(${path.basename(file)} killed after ${opts.timeoutMs ?? 60_000} ms)`;
        resolve({ stdout, stderr, code: typeof errCode === 'number' ? errCode : 1 });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

async function runChecked(file: string, args: string[], opts: { cwd?: string } = {}): Promise<string> {
  const r = await run(file, args, opts);
  if (r.code !== 0) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed (exit ${r.code}): ${r.stderr.trim()}`);
  }
  return r.stdout;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An unreaped zombie still answers signal 0; treat it as gone.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    // no /proc (not Linux): signal 0 is all we have
  }
  return true;
}

/** Guards against killing an unrelated process that reused a recorded pid. */
function isRecordedProcess(rec: RecordedProcess): boolean {
  if (!isAlive(rec.pid)) return false;
  try {
    const argv0 = fs.readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === rec.bin;
  } catch {
    return process.platform !== 'linux';
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

/** SIGTERM the process group, wait, then SIGKILL. `exited` is used for our own children, which Node reaps. */
async function terminate(pid: number, exited: () => boolean): Promise<void> {
  if (exited()) return;
  killGroup(pid, 'SIGTERM');
  if (await waitUntil(exited, STOP_GRACE_MS)) return;
  killGroup(pid, 'SIGKILL');
  await waitUntil(exited, 5_000);
}

// Children killed if this process goes away: all of them while starting, afterwards unless keepRunning.
const guarded = new Map<number, string>(); // pgid -> state dir to clean
let handlersInstalled = false;

function killGuardedSync(): void {
  for (const [pid, stateDir] of guarded) {
    killGroup(pid, 'SIGKILL');
    try {
      fs.rmSync(etcdDataOf(stateDir), { recursive: true, force: true });
      fs.rmSync(pidsFileOf(stateDir), { force: true });
    } catch {
      // best effort while exiting
    }
  }
  guarded.clear();
}

const onExit = (): void => killGuardedSync();
const onSignal = (signal: NodeJS.Signals): void => {
  killGuardedSync();
  removeHandlers();
  // Keep the default "die by signal" behaviour unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
};
const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  for (const s of signals) process.on(s, onSignal);
}

function removeHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  for (const s of signals) process.off(s, onSignal);
}

function guard(pid: number, stateDir: string): void {
  guarded.set(pid, stateDir);
  installHandlers();
}

function unguard(pid: number): void {
  guarded.delete(pid);
  if (guarded.size === 0) removeHandlers();
}

// ---------------------------------------------------------------- binaries

async function printBinDir(): Promise<string> {
  return (await runChecked('bash', [buildScript, '--print-bin-dir'])).trim();
}

function missingBinaries(binDir: string): string[] {
  return REQUIRED_BINARIES.filter((name) => {
    try {
      fs.accessSync(path.join(binDir, name), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

function streamLines(stream: NodeJS.ReadableStream, log: (line: string) => void): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      log(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buf) log(buf);
  });
}

/** Pids of build.sh runs in progress (two concurrent builds would share one output directory). */
function runningBuilds(): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((a) => a.endsWith('cluster/build.sh')) && !argv.includes('--print-bin-dir')) {
        pids.push(Number(entry));
      }
    } catch {
      // process ended while scanning
    }
  }
  return pids;
}

export async function ensureBinaries(log: (line: string) => void = defaultLog): Promise<string> {
  const binDir = await printBinDir();
  let missing = missingBinaries(binDir);
  if (missing.length === 0) return binDir;
  let lastNote = 0;
  for (let building = runningBuilds(); building.length > 0; building = runningBuilds()) {
    if (Date.now() - lastNote > 60_000) {
      log(`waiting for the build.sh run in progress (pid ${building.join(', ')}); see its output for progress`);
      lastNote = Date.now();
    }
    await sleep(2_000);
  }
  missing = missingBinaries(binDir);
  if (missing.length === 0) return binDir;
  log(`missing ${missing.join(', ')} in ${binDir}; running ${path.relative(repoRoot, buildScript)}`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('bash', [buildScript], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    streamLines(child.stdout, log);
    streamLines(child.stderr, log);
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`build.sh failed with exit code ${code}`);
  const still = missingBinaries(binDir);
  if (still.length > 0) throw new Error(`build.sh finished but ${still.join(', ')} are missing in ${binDir}`);
  return binDir;
}

// ---------------------------------------------------------------- ports

async function freeLoopbackPorts(count: number): Promise<number[]> {
  // Hold all listeners open together so the ports are distinct.
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
      });
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

// ---------------------------------------------------------------- certificates

function pkiPaths(stateDir: string): PkiPaths {
  const dir = path.join(stateDir, 'pki');
  const p = (name: string): string => path.join(dir, name);
  return {
    dir,
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    servingCert: p('apiserver.crt'),
    servingKey: p('apiserver.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    unprivilegedCert: p('unprivileged.crt'),
    unprivilegedKey: p('unprivileged.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
    frontProxyCaCert: p('front-proxy-ca.crt'),
    frontProxyCaKey: p('front-proxy-ca.key'),
    frontProxyClientCert: p('front-proxy-client.crt'),
    frontProxyClientKey: p('front-proxy-client.key'),
    wardleCert: p('wardle.crt'),
    wardleKey: p('wardle.key'),
  };
}

const SERVING_SANS = [
  'IP:127.0.0.1',
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
];

// Our own config so the system openssl.cnf defaults do not leak into the certificates.
const OPENSSL_CNF = `[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
[serving]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = ${SERVING_SANS.join(',')}
[wardle]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:api.wardle.svc,DNS:localhost,IP:127.0.0.1
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

const CERT_DAYS = '3650';

async function genKey(openssl: string, keyFile: string): Promise<void> {
  await runChecked(openssl, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
  await fsp.chmod(keyFile, 0o600);
}

async function makeCa(openssl: string, cnf: string, cert: string, key: string, cn: string): Promise<void> {
  await genKey(openssl, key);
  await runChecked(openssl, [
    'req', '-x509', '-new', '-config', cnf, '-extensions', 'ca', '-key', key,
    '-subj', `/CN=${cn}`, '-days', CERT_DAYS, '-sha256', '-out', cert,
  ]);
}

async function makeLeaf(
  openssl: string,
  cnf: string,
  caCert: string,
  caKey: string,
  cert: string,
  key: string,
  subject: string,
  profile: 'serving' | 'client' | 'wardle',
): Promise<void> {
  await genKey(openssl, key);
  const csr = `${cert}.csr`;
  await runChecked(openssl, ['req', '-new', '-config', cnf, '-key', key, '-subj', subject, '-out', csr]);
  await runChecked(openssl, [
    'x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey,
    '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', CERT_DAYS, '-sha256',
    '-extfile', cnf, '-extensions', profile, '-out', cert,
  ]);
  await fsp.rm(csr, { force: true });
}

/** True when every file exists, parses, is valid for another day and chains to its CA. */
function pkiIsUsable(pki: PkiPaths): boolean {
  try {
    const load = (f: string): X509Certificate => new X509Certificate(fs.readFileSync(f));
    const soon = Date.now() + 24 * 3600 * 1000;
    const ca = load(pki.caCert);
    const fpCa = load(pki.frontProxyCaCert);
    const pairs: [X509Certificate, X509Certificate][] = [
      [ca, ca],
      [fpCa, fpCa],
      [load(pki.servingCert), ca],
      [load(pki.adminCert), ca],
      [load(pki.unprivilegedCert), ca],
      [load(pki.frontProxyClientCert), fpCa],
      [load(pki.wardleCert), ca],
    ];
    for (const [cert, issuer] of pairs) {
      if (new Date(cert.validTo).getTime() < soon) return false;
      if (!cert.verify(issuer.publicKey)) return false;
    }
    const serving = load(pki.servingCert);
    if (!SERVING_SANS.every((san) => (serving.subjectAltName ?? '').includes(san.replace('IP:', 'IP Address:')))) {
      return false;
    }
    for (const f of [pki.caKey, pki.servingKey, pki.adminKey, pki.unprivilegedKey, pki.serviceAccountKey,
      pki.serviceAccountPub, pki.frontProxyCaKey, pki.frontProxyClientKey, pki.wardleKey]) {
      if (fs.statSync(f).size === 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}

export async function ensurePki(stateDir: string, log: (line: string) => void = defaultLog): Promise<PkiPaths> {
  const pki = pkiPaths(stateDir);
  if (pkiIsUsable(pki)) return pki;
  log(`creating certificates in ${pki.dir}`);
  const openssl = 'openssl';
  await fsp.rm(pki.dir, { recursive: true, force: true });
  await fsp.mkdir(pki.dir, { recursive: true, mode: 0o700 });
  const cnf = path.join(pki.dir, 'openssl.cnf');
  await fsp.writeFile(cnf, OPENSSL_CNF);

  await makeCa(openssl, cnf, pki.caCert, pki.caKey, 'statuslint-ca');
  await makeCa(openssl, cnf, pki.frontProxyCaCert, pki.frontProxyCaKey, 'statuslint-front-proxy-ca');
  await Promise.all([
    makeLeaf(openssl, cnf, pki.caCert, pki.caKey, pki.servingCert, pki.servingKey, '/CN=kube-apiserver', 'serving'),
    makeLeaf(openssl, cnf, pki.caCert, pki.caKey, pki.adminCert, pki.adminKey,
      `/O=system:masters/CN=${ADMIN_CONTEXT}`, 'client'),
    makeLeaf(openssl, cnf, pki.caCert, pki.caKey, pki.unprivilegedCert, pki.unprivilegedKey,
      `/CN=${UNPRIVILEGED_CONTEXT}`, 'client'),
    makeLeaf(openssl, cnf, pki.frontProxyCaCert, pki.frontProxyCaKey, pki.frontProxyClientCert,
      pki.frontProxyClientKey, '/CN=front-proxy-client', 'client'),
    makeLeaf(openssl, cnf, pki.caCert, pki.caKey, pki.wardleCert, pki.wardleKey, '/CN=api.wardle.svc', 'wardle'),
    (async () => {
      await genKey(openssl, pki.serviceAccountKey);
      await runChecked(openssl, ['pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub]);
    })(),
  ]);
  if (!pkiIsUsable(pki)) throw new Error(`certificates in ${pki.dir} failed verification after creation`);
  return pki;
}

// ---------------------------------------------------------------- kubeconfig

function b64File(file: string): string {
  return fs.readFileSync(file).toString('base64');
}

function kubeconfigYaml(server: string, pki: PkiPaths): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${CLUSTER_NAME}
  cluster:
    server: ${server}
    certificate-authority-data: ${b64File(pki.caCert)}
users:
- name: ${ADMIN_CONTEXT}
  user:
    client-certificate-data: ${b64File(pki.adminCert)}
    client-key-data: ${b64File(pki.adminKey)}
- name: ${UNPRIVILEGED_CONTEXT}
  user:
    client-certificate-data: ${b64File(pki.unprivilegedCert)}
    client-key-data: ${b64File(pki.unprivilegedKey)}
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

// ---------------------------------------------------------------- HTTP

interface TlsMaterial {
  ca: Buffer;
  certs: Record<Exclude<Identity, 'anonymous'>, { cert: Buffer; key: Buffer }>;
}

function loadTls(pki: PkiPaths): TlsMaterial {
  return {
    ca: fs.readFileSync(pki.caCert),
    certs: {
      admin: { cert: fs.readFileSync(pki.adminCert), key: fs.readFileSync(pki.adminKey) },
      unprivileged: { cert: fs.readFileSync(pki.unprivilegedCert), key: fs.readFileSync(pki.unprivilegedKey) },
    },
  };
}

function apiRequest(server: string, tls: TlsMaterial, pathAndQuery: string, opts: RequestOptions = {}): Promise<ApiResponse> {
  const url = new URL(pathAndQuery, server);
  const as = opts.as ?? 'admin';
  const clientCert = as === 'anonymous' ? {} : tls.certs[as];
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: opts.method ?? 'GET',
        ca: tls.ca,
        ...clientCert,
        agent: false,
        headers: { accept: 'application/json', ...opts.headers },
        timeout: opts.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${url.href} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// ---------------------------------------------------------------- logs and pids

function tailFile(file: string, lines: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 256 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      const all = buf.toString('utf8').split('\n');
      if (all[all.length - 1] === '') all.pop();
      return all.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function logsTailOf(stateDir: string, lines: number): string {
  const parts: string[] = [];
  for (const name of ['kube-apiserver.log', 'kube-controller-manager.log', 'sample-apiserver.log', 'etcd.log']) {
    const text = tailFile(path.join(stateDir, name), lines);
    if (text) parts.push(`--- ${name} (last ${lines} lines) ---\n${text}`);
  }
  return parts.join('\n');
}

const pidsFileOf = (stateDir: string): string => path.join(stateDir, 'pids.json');
const etcdDataOf = (stateDir: string): string => path.join(stateDir, 'etcd-data');
const kubectlCacheOf = (stateDir: string): string => path.join(stateDir, 'kubectl-cache');

function readPids(stateDir: string): PidsFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(pidsFileOf(stateDir), 'utf8')) as PidsFile;
  } catch {
    return undefined;
  }
}

function writePids(stateDir: string, data: PidsFile): void {
  const file = pidsFileOf(stateDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Stops whatever pids.json in stateDir records (apiserver first, then etcd) and removes
 * the etcd data and pids.json. Returns the names of the processes that were still running.
 */
export async function stopRecordedCluster(
  stateDir: string = defaultStateDir(),
  log: (line: string) => void = defaultLog,
): Promise<string[]> {
  const recorded = readPids(stateDir);
  const stopped: string[] = [];
  if (recorded) {
    for (const name of ['sampleApiserver', 'controllerManager', 'apiserver', 'etcd'] as const) {
      const rec = recorded.processes[name];
      if (!rec || !isRecordedProcess(rec)) continue;
      log(`stopping ${name} (pid ${rec.pid})`);
      await terminate(rec.pid, () => !isAlive(rec.pid));
      if (isAlive(rec.pid)) throw new Error(`${name} (pid ${rec.pid}) did not exit after SIGKILL`);
      stopped.push(name);
    }
  }
  await fsp.rm(etcdDataOf(stateDir), { recursive: true, force: true });
  await fsp.rm(pidsFileOf(stateDir), { force: true });
  await fsp.rm(kubectlCacheOf(stateDir), { recursive: true, force: true });
  return stopped;
}

// ---------------------------------------------------------------- start

interface Spawned {
  child: ChildProcess;
  pid: number;
  name: string;
  exited: boolean;
}

function spawnLogged(bin: string, args: string[], logFile: string, name: string, stateDir: string): Spawned {
  const fd = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`failed to spawn ${bin}`);
  const s: Spawned = { child, pid: child.pid, name, exited: false };
  child.on('exit', () => {
    s.exited = true;
  });
  child.on('error', () => {
    s.exited = true;
  });
  child.unref();
  // Guarded even with keepRunning until start-up succeeds, so a failed or interrupted start leaves nothing behind.
  guard(child.pid, stateDir);
  return s;
}

class StartupError extends Error {}

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

export async function startCluster(options: StartOptions = {}): Promise<LocalCluster> {
  const t0 = Date.now();
  const since = (): number => Date.now() - t0;
  const log = options.log ?? defaultLog;
  const keepRunning = options.keepRunning ?? false;
  const stateDir = path.resolve(options.stateDir ?? defaultStateDir());
  await fsp.mkdir(stateDir, { recursive: true });

  const binDir = await ensureBinaries(log);
  const bin = (name: string): string => path.join(binDir, name);

  // A cluster left over from an earlier run would be using the data we are about to wipe.
  const leftovers = await stopRecordedCluster(stateDir, log);
  if (leftovers.length > 0) log(`stopped leftover ${leftovers.join(' and ')} from a previous run`);
  const dataDir = etcdDataOf(stateDir);
  await fsp.rm(dataDir, { recursive: true, force: true });

  const pki = await ensurePki(stateDir, log);
  const certsReady = since();
  const tls = loadTls(pki);

  const [etcdClientPort, etcdPeerPort, apiPort] = (await freeLoopbackPorts(3)) as [number, number, number];
  const etcdClientUrl = `http://127.0.0.1:${etcdClientPort}`;
  const etcdPeerUrl = `http://127.0.0.1:${etcdPeerPort}`;
  const server = `https://127.0.0.1:${apiPort}`;
  const kubeconfigPath = path.join(stateDir, 'kubeconfig');
  const kubectlCacheDir = kubectlCacheOf(stateDir);

  const spawned: Spawned[] = [];
  const record = (): void => {
    const processes: PidsFile['processes'] = {};
    for (const s of spawned) {
      if (s.exited) continue;
      const key = ({ etcd: 'etcd', 'kube-controller-manager': 'controllerManager', 'sample-apiserver': 'sampleApiserver' } as const)[s.name as 'etcd'] ?? 'apiserver';
      processes[key] = { pid: s.pid, bin: bin(s.name) };
    }
    writePids(stateDir, { server, startedAt: new Date(t0).toISOString(), processes });
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopSpawned());
  const stopSpawned = async (): Promise<void> => {
    // apiserver first so it does not log etcd connection errors on the way down
    for (const s of [...spawned].reverse()) {
      await terminate(s.pid, () => s.exited);
      unguard(s.pid);
      if (!s.exited) throw new Error(`${s.name} (pid ${s.pid}) did not exit after SIGKILL`);
    }
    await fsp.rm(dataDir, { recursive: true, force: true });
    await fsp.rm(pidsFileOf(stateDir), { force: true });
    await fsp.rm(kubectlCacheDir, { recursive: true, force: true });
  };

  const logsTail = (lines = 40): string => logsTailOf(stateDir, lines);
  const failIfExited = (): void => {
    for (const s of spawned) {
      if (s.exited) {
        const code = s.child.exitCode ?? s.child.signalCode;
        throw new StartupError(`${s.name} exited during start-up (${code})`);
      }
    }
  };

  const kubectl = (args: string[], opts: KubectlOptions = {}): Promise<KubectlResult> =>
    run(bin('kubectl'), ['--kubeconfig', kubeconfigPath, '--context', opts.context ?? ADMIN_CONTEXT,
      '--cache-dir', kubectlCacheDir, ...args], {
      input: opts.input,
      timeoutMs: opts.timeoutMs ?? 60_000,
    });

  try {
    // Written before start-up so a hanging start can be inspected with kubectl.
    await fsp.writeFile(kubeconfigPath, kubeconfigYaml(server, pki), { mode: 0o600 });
    await fsp.chmod(kubeconfigPath, 0o600);

    // etcd
    spawned.push(
      spawnLogged(bin('etcd'), [
        '--name', 'default',
        '--data-dir', dataDir,
        '--listen-client-urls', etcdClientUrl,
        '--advertise-client-urls', etcdClientUrl,
        '--listen-peer-urls', etcdPeerUrl,
        '--initial-advertise-peer-urls', etcdPeerUrl,
        '--initial-cluster', `default=${etcdPeerUrl}`,
        '--unsafe-no-fsync',
        '--log-level', 'warn',
      ], path.join(stateDir, 'etcd.log'), 'etcd', stateDir),
    );
    record();
    const etcdSpawned = since();
    await pollUntil('etcd /health', READY_TIMEOUT_MS, failIfExited, async () =>
      (await httpGetStatus(`${etcdClientUrl}/health`)) === 200);
    const etcdHealthy = since();

    // kube-apiserver
    spawned.push(
      spawnLogged(bin('kube-apiserver'), [
        `--etcd-servers=${etcdClientUrl}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${apiPort}`,
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
      ], path.join(stateDir, 'kube-apiserver.log'), 'kube-apiserver', stateDir),
    );
    record();
    const apiserverSpawned = since();

    await pollUntil('kube-apiserver /readyz', READY_TIMEOUT_MS, failIfExited, async () => {
      try {
        return (await apiRequest(server, tls, '/readyz', { timeoutMs: 5_000 })).status === 200;
      } catch {
        return false;
      }
    });
    const apiserverReady = since();

    await pollUntil('namespace "default" and apiextensions.k8s.io in /apis', READY_TIMEOUT_MS, failIfExited, async () => {
      try {
        const ns = await apiRequest(server, tls, '/api/v1/namespaces/default');
        if (ns.status !== 200) return false;
        const apis = await apiRequest(server, tls, '/apis');
        if (apis.status !== 200) return false;
        const groups = (JSON.parse(apis.body) as { groups?: { name: string }[] }).groups ?? [];
        return groups.some((g) => g.name === 'apiextensions.k8s.io');
      } catch {
        return false;
      }
    });
    const bootstrapDone = since();

    // Only the namespace controller: it empties and finalizes deleted namespaces, so a throwaway
    // namespace really goes away, as it does on any real cluster.
    spawned.push(
      spawnLogged(bin('kube-controller-manager'), [
        `--kubeconfig=${kubeconfigPath}`,
        '--controllers=namespace',
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        '--use-service-account-credentials=false',
      ], path.join(stateDir, 'kube-controller-manager.log'), 'kube-controller-manager', stateDir),
    );
    record();

    const applied = await kubectl(['apply', '-f', crdManifest]);
    if (applied.code !== 0) throw new StartupError(`kubectl apply of the Widget CRD failed: ${applied.stderr.trim()}`);
    await pollUntil(`CRD ${CRD_NAME} Established and served`, READY_TIMEOUT_MS, failIfExited, async () => {
      try {
        const crd = await apiRequest(server, tls, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}`);
        if (crd.status !== 200) return false;
        const conditions = (JSON.parse(crd.body) as { status?: { conditions?: { type: string; status: string }[] } })
          .status?.conditions ?? [];
        if (!conditions.some((c) => c.type === 'Established' && c.status === 'True')) return false;
        const disc = await apiRequest(server, tls, '/apis/example.statuslint.dev/v1');
        if (disc.status !== 200) return false;
        const resources = (JSON.parse(disc.body) as { resources?: { name: string }[] }).resources ?? [];
        if (!resources.some((r) => r.name === 'widgets')) return false;
        // Discovery lists the resource before its storage (watch cache) accepts requests; until then: 429.
        return (await apiRequest(server, tls, '/apis/example.statuslint.dev/v1/widgets?limit=1')).status === 200;
      } catch {
        return false;
      }
    });
    const crdEstablished = since();

    // The first write of a new custom resource type stalls ~2 s while quota admission sets up its
    // evaluator; take that hit here (dry run, invalid on purpose) so callers see steady latencies.
    const warm = await apiRequest(server, tls, '/apis/example.statuslint.dev/v1/namespaces/default/widgets?dryRun=All', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'example.statuslint.dev/v1',
        kind: 'Widget',
        metadata: { name: 'warm-up' },
        spec: { size: 0 },
      }),
      timeoutMs: 30_000,
    });
    if (warm.status !== 422) {
      throw new StartupError(`dry-run create of an invalid Widget returned ${warm.status}, expected 422: ${warm.body}`);
    }
    const warmedUp = since();

    const timings: StartupTimings = {
      certsReady, etcdSpawned, etcdHealthy, apiserverSpawned, apiserverReady, bootstrapDone, crdEstablished, warmedUp,
    };
    const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    log(`kube-apiserver ${server} ready: spawn -> /readyz ${secs(apiserverReady - etcdSpawned)}, ` +
      `-> CRD established ${secs(crdEstablished - etcdSpawned)}, -> warmed up ${secs(warmedUp - etcdSpawned)} ` +
      `(${secs(warmedUp)} in all)`);
    if (keepRunning) for (const s of spawned) unguard(s.pid);

    const startAggregated = async (): Promise<AggregatedServer> => {
      const [port] = (await freeLoopbackPorts(1)) as [number];
      const url = `https://127.0.0.1:${port}`;
      const wardle = spawnLogged(bin('sample-apiserver'), [
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
      ], path.join(stateDir, 'sample-apiserver.log'), 'sample-apiserver', stateDir);
      spawned.push(wardle);
      record();
      if (keepRunning) unguard(wardle.pid);
      const failIfDown = (): void => {
        if (wardle.exited) throw new StartupError(`sample-apiserver exited during start-up (${wardle.child.exitCode ?? wardle.child.signalCode})`);
      };
      await pollUntil('sample-apiserver /readyz', READY_TIMEOUT_MS, failIfDown, async () => {
        try {
          return (await apiRequest(url, tls, '/readyz', { timeoutMs: 5_000 })).status === 200;
        } catch {
          return false;
        }
      });
      // Endpoints may not hold loopback addresses; an ExternalName Service may: with aggregator
      // routing off, kube-apiserver dials <externalName>:<APIService port> and verifies the
      // certificate for api.wardle.svc against the APIService's caBundle.
      const manifest = [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'wardle' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'wardle' }, spec: { type: 'ExternalName', externalName: 'localhost' } },
        {
          apiVersion: 'apiregistration.k8s.io/v1',
          kind: 'APIService',
          metadata: { name: 'v1alpha1.wardle.example.com' },
          spec: {
            group: 'wardle.example.com',
            version: 'v1alpha1',
            service: { namespace: 'wardle', name: 'api', port },
            caBundle: fs.readFileSync(pki.caCert).toString('base64'),
            groupPriorityMinimum: 1000,
            versionPriority: 15,
          },
        },
      ].map((o) => JSON.stringify(o)).join('\n---\n');
      const applied = await kubectl(['apply', '-f', '-'], { input: manifest });
      if (applied.code !== 0) throw new Error(`registering the APIService failed: ${applied.stderr.trim()}`);
      await pollUntil('APIService v1alpha1.wardle.example.com Available, flunders served', READY_TIMEOUT_MS, failIfDown, async () => {
        try {
          const service = await apiRequest(server, tls, '/apis/apiregistration.k8s.io/v1/apiservices/v1alpha1.wardle.example.com');
          const conditions = (JSON.parse(service.body) as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
          if (!conditions.some((c) => c.type === 'Available' && c.status === 'True')) return false;
          return (await apiRequest(server, tls, '/apis/wardle.example.com/v1alpha1/flunders?limit=1')).status === 200;
        } catch {
          return false;
        }
      });
      log(`sample-apiserver ${url} registered as v1alpha1.wardle.example.com`);
      return {
        url,
        apiService: 'v1alpha1.wardle.example.com',
        groupVersion: 'wardle.example.com/v1alpha1',
        stop: async () => {
          await terminate(wardle.pid, () => wardle.exited);
          unguard(wardle.pid);
          record();
        },
      };
    };

    return {
      server,
      kubeconfigPath,
      adminContext: ADMIN_CONTEXT,
      unprivilegedContext: UNPRIVILEGED_CONTEXT,
      stateDir,
      caFile: pki.caCert,
      binDir,
      pki,
      pids: { etcd: spawned[0]!.pid, apiserver: spawned[1]!.pid, controllerManager: spawned[2]!.pid },
      timings,
      kubectl,
      request: (p, o) => apiRequest(server, tls, p, o),
      stop,
      logsTail,
      startAggregated,
    };
  } catch (err) {
    const tail = logsTail(30);
    await stop().catch(() => undefined);
    throw new ClusterStartError(err instanceof Error ? err.message : String(err), tail);
  }
}

async function pollUntil(
  what: string,
  timeoutMs: number,
  failIfExited: () => void,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    failIfExited();
    if (await check()) return;
    if (Date.now() > deadline) throw new StartupError(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}
