import { type Command, InvalidArgumentError } from 'commander';
import { BUILTIN_PROFILES } from '../schemas/builtin-profiles.js';
import { FAIL_ON, type FailOn } from '../schemas/config-schema.js';

/** The built-in profiles as `--profile` help lists them: from the one list, so a new profile is named everywhere. */
export const BUILTIN_PROFILE_NAMES = BUILTIN_PROFILES.join(', ');

export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function parseHttpStatus(value: string): number {
  const status = Number(value);
  if (!/^\d{3}$/.test(value) || status < 100 || status > 599) throw new InvalidArgumentError('must be an HTTP status from 100 to 599');
  return status;
}

export function parseFailOn(value: string): FailOn {
  const lower = value.toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(lower)) throw new InvalidArgumentError('must be "must", "should" or "never"');
  return lower as FailOn;
}

/**
 * What every command that judges takes for a project's policy: its config file, the level that fails
 * the run, and a baseline. `failsBy` says what the command fails on without `--fail-on`.
 */
export function addPolicyOptions(command: Command, failsBy: string): Command {
  return command
    .option('-c, --config <file>', 'config file (default: statuslint.config.yaml, .yml or .json in this directory or a parent, up to the repository root)')
    .option('--no-config', 'read no config file')
    .option('--fail-on <level>', `lowest finding level that fails the run: must, should, or never to report without failing (default: ${failsBy})`, parseFailOn)
    .option('--baseline <file>', 'findings in this baseline file are known: reported apart, they do not fail the run')
    .option('--update-baseline', 'write the --baseline file anew from this run\'s findings (new ones added, fixed ones removed)')
    .option('--sarif-root <dir>', 'sarif: the folder file locations are relative to (%SRCROOT%), e.g. the repository root (default: this directory)');
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

/** The flags `addPolicyOptions` adds. */
export interface PolicyFlags {
  /** A file, or false for `--no-config`. */
  config?: string | false;
  failOn?: FailOn;
  baseline?: string;
  updateBaseline?: boolean;
  sarifRoot?: string;
}

const RATE_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `--rate-limit 10/s` (or `/m`, `/h`), as Schemathesis writes it: requests per unit of time. */
export function parseRateLimit(value: string): { requests: number; perMs: number } {
  const match = /^(\d+)\/([smh])$/.exec(value.trim());
  const requests = Number(match?.[1]);
  if (!match || requests < 1) throw new InvalidArgumentError('must be requests per second, minute or hour, e.g. 10/s, 100/m or 1000/h');
  return { requests, perMs: RATE_UNITS[match[2]!]! };
}
