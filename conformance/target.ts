import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
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
}

function readCredentialFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code})`, flag);
  }
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

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
    return {
      server: trimSlash(url.toString()),
      tls: {
        ...(flags.ca ? { ca: readCredentialFile(flags.ca, '--ca') } : {}),
        ...(flags.cert ? { cert: readCredentialFile(flags.cert, '--cert') } : {}),
        ...(flags.key ? { key: readCredentialFile(flags.key, '--key') } : {}),
        rejectUnauthorized: !flags.insecureSkipTlsVerify,
      },
      authHeaders: flags.token ? { authorization: `Bearer ${flags.token}` } : {},
    };
  }
  const config = new KubeConfig();
  try {
    if (flags.inCluster) {
      if (!process.env.KUBERNETES_SERVICE_HOST || !process.env.KUBERNETES_SERVICE_PORT) {
        throw new InputError('not in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set', '--in-cluster');
      }
      // The service-account files live under this root (default `/`): /var/run/secrets/kubernetes.io/serviceaccount.
      config.loadFromCluster(process.env.STATUSLINT_IN_CLUSTER_ROOT ?? '');
    } else if (flags.kubeconfig) config.loadFromFile(flags.kubeconfig);
    else config.loadFromDefault();
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
  return {
    server: trimSlash(cluster.server),
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
    server: url.toString().replace(/\/+$/, ''),
    tls: { ...target.tls, ...(ca ? { ca } : {}) },
  };
}
