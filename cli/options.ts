import { type Command, InvalidArgumentError } from 'commander';

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function parseHttpStatus(value: string): number {
  const status = Number(value);
  if (!/^\d{3}$/.test(value) || status < 100 || status > 599) throw new InvalidArgumentError('must be an HTTP status from 100 to 599');
  return status;
}

export function parseFailOn(value: string): 'must' | 'should' {
  const lower = value.toLowerCase();
  if (lower !== 'must' && lower !== 'should') throw new InvalidArgumentError('must be "must" or "should"');
  return lower;
}

export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

/** How to reach and authenticate to an API server, like kubectl: the same flags on every command that talks to one. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--server <url>', 'API server URL, instead of a kubeconfig')
    .option('--token <token>', 'bearer token (with --server)')
    .option('--cert <file>', 'client certificate (with --server)')
    .option('--key <file>', 'client key (with --server)')
    .option('--ca <file>', 'CA bundle to verify the server (with --server)')
    .option('--insecure-skip-tls-verify', 'do not verify the server certificate')
    .option('--in-cluster', "use the pod's service account (when running as a Job in the cluster)");
}
