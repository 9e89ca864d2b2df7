import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { RequestOptions } from 'node:https';
import { type Cluster, KubeConfig } from '@kubernetes/client-node';
import { InputError } from '../schemas/errors.js';

/** Where to send probes and how to authenticate. Credentials live here and nowhere else. */
export interface Target {
  /** Base URL, e.g. `https://127.0.0.1:6443`, without a trailing slash. */
  server: string;
  /** The kubeconfig context, when the target came from one. */
  context?: string;
  tls: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer; rejectUnauthorized: boolean };
  /** Authentication headers (e.g. `Authorization`); sent only to `server`'s origin. */
  authHeaders: Record<string, string>;
}

export interface TargetFlags {
  kubeconfig?: string;
  context?: string;
  server?: string;
  token?: string;
  cert?: string;
  key?: string;
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  /** Use the pod's service account (client-node's in-cluster config). */
  inCluster?: boolean;
  /** `-H "Name: value"` (with --server): sent with every request, and kept secret like a token. */
  header?: string[];
  /** `--basic-auth user:password` (with --server). */
  basicAuth?: string;
}

/**
 * Headers a probe sets itself (the media types it breaks, the body it sends) or that the connection
 * owns: a user's `-H` may not replace them, or the probes would no longer test what they say.
 */
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'accept', 'transfer-encoding', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection']);

/**
 * `-H "Name: value"` and `--basic-auth` as authentication headers: sent to the target's origin only,
 * left off by the probes that test a request without credentials, and scrubbed from whatever the
 * server sends back. A value is never quoted in an error.
 */
function userHeaders(flags: TargetFlags): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of flags.header ?? []) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InputError('must be "Name: value", with a header name before the colon', '--header');
    const value = line.slice(colon + 1).trim();
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new InputError(`the value of ${name} holds a line break or another control character`, '--header');
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key) || key.startsWith('proxy-')) throw new InputError(`${name} is set by statuslint or the connection, not by --header`, '--header');
    if (key in headers) throw new InputError(`${name} is given twice`, '--header');
    headers[key] = value;
  }
  if (flags.basicAuth !== undefined) {
    if (!flags.basicAuth.includes(':')) throw new InputError('must be user:password', '--basic-auth');
    if (/[\u0000-\u001f\u007f]/.test(flags.basicAuth)) throw new InputError('holds a line break or another control character', '--basic-auth');
    headers.authorization = `Basic ${Buffer.from(flags.basicAuth, 'utf8').toString('base64')}`;
  }
  const authorizations = [flags.token !== undefined, flags.basicAuth !== undefined, (flags.header ?? []).some((line) => /^\s*authorization\s*:/i.test(line))].filter(Boolean).length;
  if (authorizations > 1) throw new InputError('give one of --token, --basic-auth and an Authorization header', flags.basicAuth !== undefined ? '--basic-auth' : '--header');
  return headers;
}

function readCredentialFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, flag);
  }
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The server URL without `user:password@`: requests authenticate by header only, and the URL is
 * printed (progress line, "did not answer" errors), where a password must not appear.
 */
function withoutUserinfo(url: URL): string {
  const copy = new URL(url.toString());
  copy.username = '';
  copy.password = '';
  return trimSlash(copy.toString());
}

/**
 * Refuse a client certificate or key TLS cannot use before connecting: otherwise the handshake fails
 * and the user reads that the target did not answer (exit 3) about a mistake of their own.
 */
function checkClientCredentials(cert: string | Buffer | undefined, key: string | Buffer | undefined, names: { cert: string; key: string }, where: { cert: string; key: string }): void {
  let certificate: X509Certificate | undefined;
  if (cert !== undefined) {
    try {
      certificate = new X509Certificate(cert);
    } catch {
      throw new InputError(`${names.cert} is not a PEM certificate`, where.cert);
    }
  }
  if (key === undefined) return;
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new InputError(`${names.key} is not a usable PEM private key (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, where.key);
  }
  if (certificate && !certificate.checkPrivateKey(privateKey)) throw new InputError(`${names.key} is not the key of ${names.cert}`, where.key);
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Without a kubeconfig, client-node falls back to a made-up context for http://localhost:8080, whose
 * errors name a context and flags the user never gave. Say what was looked for instead, as kubectl
 * does; in a pod, the service account is what kubectl would use, so leave that to client-node.
 */
function requireDefaultKubeconfig(): void {
  const fromEnvironment = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  const candidates = fromEnvironment.length > 0 ? fromEnvironment : [join(homedir(), '.kube', 'config')];
  if (candidates.some((file) => existsSync(file)) || existsSync(SERVICE_ACCOUNT_TOKEN)) return;
  const looked = fromEnvironment.length > 0 ? `KUBECONFIG=${process.env.KUBECONFIG}` : '~/.kube/config (KUBECONFIG is not set)';
  throw new InputError(`no kubeconfig found (looked in ${looked}); give --kubeconfig FILE and --context, or --server URL with --token or --cert and --key (--in-cluster in a pod)`, 'kubeconfig');
}

/** A kubeconfig's `users[].user.exec`, as far as statuslint reads it. */
interface ExecConfig {
  apiVersion?: unknown;
  env?: Array<{ name: string; value: string }> | null;
  interactiveMode?: unknown;
  provideClusterInfo?: unknown;
}

const EXEC_INFO = 'KUBERNETES_EXEC_INFO';

/**
 * Tell an exec credential plugin what kubectl tells it: client-node runs the plugin but sets no
 * KUBERNETES_EXEC_INFO, and plugins read it (`aws eks get-token` answers in the apiVersion it names).
 * The plugin gets no terminal (client-node pipes its standard input), so `interactive` is always false.
 */
function passExecInfo(exec: ExecConfig | null | undefined, cluster: Cluster, where: string): void {
  if (!exec || typeof exec !== 'object') return;
  if (exec.interactiveMode === 'Always') {
    throw new InputError('the exec credential plugin needs a terminal (`interactiveMode: Always`), and statuslint runs it without one; log in with the plugin first, or set `interactiveMode: IfAvailable`', where);
  }
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo === true) spec.cluster = clusterInfo(cluster);
  const info = {
    kind: 'ExecCredential',
    apiVersion: typeof exec.apiVersion === 'string' && exec.apiVersion !== '' ? exec.apiVersion : 'client.authentication.k8s.io/v1',
    spec,
  };
  // Last, as kubectl appends it after the kubeconfig's own `env`: a kubeconfig cannot override it.
  exec.env = [...(Array.isArray(exec.env) ? exec.env.filter((e) => e?.name !== EXEC_INFO) : []), { name: EXEC_INFO, value: JSON.stringify(info) }];
}

/** `spec.cluster` of the ExecCredential: the fields of the kubeconfig cluster that client-node keeps, named as kubectl names them. */
function clusterInfo(cluster: Cluster): Record<string, unknown> {
  let caData: string | undefined;
  if (cluster.caData) caData = cluster.caData.replace(/\s+/g, '');
  else if (cluster.caFile) caData = readCredentialFile(cluster.caFile, 'certificate-authority').toString('base64');
  return {
    server: cluster.server,
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(caData ? { 'certificate-authority-data': caData } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
}

/** A target from `--server` and friends, or from a kubeconfig context (client-node resolves tokens, certs, exec plugins). */
export async function resolveTarget(flags: TargetFlags): Promise<Target> {
  if (flags.server) {
    let url: URL;
    try {
      url = new URL(flags.server);
    } catch {
      throw new InputError(`not a URL: ${flags.server}`, '--server');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('must be an http or https URL', '--server');
    if ((flags.cert === undefined) !== (flags.key === undefined)) throw new InputError('--cert and --key go together', flags.cert ? '--key' : '--cert');
    // An HTTP header cannot carry a line break or other control characters; never echo the token itself.
    if (flags.token !== undefined && /[\u0000-\u001f\u007f]/.test(flags.token)) throw new InputError('the token holds a line break or another control character', '--token');
    const cert = flags.cert ? readCredentialFile(flags.cert, '--cert') : undefined;
    const key = flags.key ? readCredentialFile(flags.key, '--key') : undefined;
    checkClientCredentials(cert, key, { cert: flags.cert ?? '', key: flags.key ?? '' }, { cert: '--cert', key: '--key' });
    return {
      server: withoutUserinfo(url),
      tls: {
        ...(flags.ca ? { ca: readCredentialFile(flags.ca, '--ca') } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
        rejectUnauthorized: !flags.insecureSkipTlsVerify,
      },
      authHeaders: { ...userHeaders(flags), ...(flags.token ? { authorization: `Bearer ${flags.token}` } : {}) },
    };
  }
  // A kubeconfig brings its own credentials; headers of the user's go with --server.
  if (flags.header !== undefined || flags.basicAuth !== undefined) throw new InputError('needs --server', flags.header !== undefined ? '--header' : '--basic-auth');
  const config = new KubeConfig();
  try {
    if (flags.inCluster) {
      if (!process.env.KUBERNETES_SERVICE_HOST || !process.env.KUBERNETES_SERVICE_PORT) {
        throw new InputError('not in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set', '--in-cluster');
      }
      // The service-account files live under this root (default `/`): /var/run/secrets/kubernetes.io/serviceaccount.
      config.loadFromCluster(process.env.STATUSLINT_IN_CLUSTER_ROOT ?? '');
    } else if (flags.kubeconfig) config.loadFromFile(flags.kubeconfig);
    else {
      requireDefaultKubeconfig();
      config.loadFromDefault();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot load kubeconfig: ${(error as Error).message.split('\n')[0]}`, flags.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config');
  }
  if (flags.context) {
    if (!config.getContextObject(flags.context)) {
      throw new InputError(`no context "${flags.context}" in the kubeconfig (have: ${config.getContexts().map((c) => c.name).join(', ') || 'none'})`, '--context');
    }
    config.setCurrentContext(flags.context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new InputError('the kubeconfig has no current context or cluster; use --context or --server', flags.kubeconfig ?? 'kubeconfig');
  const options: RequestOptions = {};
  const where = `${flags.kubeconfig ?? process.env.KUBECONFIG ?? 'kubeconfig'} (context "${config.getCurrentContext()}")`;
  passExecInfo(config.getCurrentUser()?.exec as ExecConfig | null | undefined, cluster, where);
  try {
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    throw new InputError(`cannot get credentials for context "${config.getCurrentContext()}": ${(error as Error).message.split('\n')[0]}`, '--context');
  }
  const authHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === 'string') authHeaders[name.toLowerCase()] = value;
  }
  if (options.auth) authHeaders.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  for (const [name, value] of Object.entries(authHeaders)) {
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new InputError(`the ${name} credential holds a line break or another control character`, where);
  }
  checkClientCredentials(options.cert as string | Buffer | undefined, options.key as string | Buffer | undefined, { cert: 'client-certificate', key: 'client-key' }, { cert: where, key: where });
  let server: string;
  try {
    server = withoutUserinfo(new URL(cluster.server));
  } catch {
    server = trimSlash(cluster.server);
  }
  return {
    server,
    context: config.getCurrentContext(),
    tls: {
      ...(options.ca ? { ca: options.ca as string | Buffer } : {}),
      ...(options.cert ? { cert: options.cert as string | Buffer } : {}),
      ...(options.key ? { key: options.key as string | Buffer } : {}),
      rejectUnauthorized: flags.insecureSkipTlsVerify ? false : !cluster.skipTLSVerify,
    },
    authHeaders,
  };
}

/** The same target without any credential: for the `unauthenticated` probe. */
export const anonymous = (target: Target): Target => ({
  ...target,
  tls: { ...(target.tls.ca ? { ca: target.tls.ca } : {}), rejectUnauthorized: target.tls.rejectUnauthorized },
  authHeaders: {},
});

/** The same credentials, sent to another server (an aggregated API server at its own address). */
export function retarget(target: Target, server: string, ca?: Buffer): Target {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new InputError(`not a URL: ${server}`, '--direct');
  }
  return {
    ...target,
    server: withoutUserinfo(url),
    tls: { ...target.tls, ...(ca ? { ca } : {}) },
  };
}
