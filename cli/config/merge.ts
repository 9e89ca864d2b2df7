/**
 * A config's values as flags: each one a command takes, unless the same flag was given on the command
 * line (flags override the file). Defaults of commander count as not given.
 */
import type { ConfigDocument } from '../../schemas/config-schema.js';

export type CommandName = 'probe' | 'validate' | 'spec' | 'report';

type FlagKey = string;

/** Config key → the flag it stands for, per command. */
const TARGET: ReadonlyArray<[keyof ConfigDocument, FlagKey]> = [
  ['kubeconfig', 'kubeconfig'],
  ['context', 'context'],
  ['server', 'server'],
];

const POLICY: ReadonlyArray<[keyof ConfigDocument, FlagKey]> = [
  ['failOn', 'failOn'],
  ['baseline', 'baseline'],
  ['sarifRoot', 'sarifRoot'],
];

export const CONFIG_FLAGS: Readonly<Record<CommandName, ReadonlyArray<[keyof ConfigDocument, FlagKey]>>> = {
  probe: [
    ['profile', 'profile'],
    ...TARGET,
    ['namespace', 'namespace'],
    ['openapi', 'openapi'],
    ['groups', 'group'],
    ['resources', 'resource'],
    ['operations', 'operation'],
    ['concurrency', 'concurrency'],
    ['timeout', 'timeout'],
    ...POLICY,
  ],
  validate: [['profile', 'profile'], ...POLICY],
  spec: [['profile', 'profile'], ['concurrency', 'concurrency'], ['timeout', 'timeout'], ...POLICY],
  report: POLICY,
};

/** Was this flag given on the command line (not a default, not from the config)? */
export type GivenOnCommandLine = (flag: FlagKey) => boolean;

/**
 * The flags with the config's values filled in where the command line gave none. `spec` reads the
 * config's cluster only with `--from-cluster`: its target flags are an error without it.
 */
export function mergeConfig<Flags extends object>(command: CommandName, flags: Flags, config: ConfigDocument | undefined, given: GivenOnCommandLine): Flags {
  if (!config) return flags;
  const merged = { ...flags } as Record<string, unknown>;
  const keys = command === 'spec' && merged.fromCluster === true ? [...CONFIG_FLAGS.spec, ...TARGET] : CONFIG_FLAGS[command];
  for (const [key, flag] of keys) {
    if (config[key] !== undefined && !given(flag)) merged[flag] = config[key];
  }
  // A list of probes selects them, as --probe does; a map of switches is read by `probeSelection`.
  if (command === 'probe' && Array.isArray(config.probes) && !given('probe')) merged.probe = config.probes;
  return merged as Flags;
}
