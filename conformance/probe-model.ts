/**
 * What every probe declares, whatever it probes: a Kubernetes API (`ProbeDefinition`) or an API
 * described by OpenAPI (`ApiProbeDefinition`). The runner core plans, skips and records both through
 * these fields; each kind adds what only it needs (resources and samples, or operations and documents).
 */
export interface ProbeBase<Safety extends string> {
  /** Stable kebab-case id, also the file name and the doc page name. */
  id: string;
  title: string;
  description: string;
  /** How far the probe may go towards a write; kinds that could persist wait for `--allow-writes`. */
  safety: Safety | ((subject: never) => Safety);
  /** Not run unless named with `--probe`. */
  optional?: boolean;
  /** What the runner must fetch before the probe can be planned (e.g. an existing object to collide with). */
  needs?: readonly ProbeNeed[];
}

/** `sample`: one existing object of the resource, listed before probing. */
export type ProbeNeed = 'sample';

/** The probes a run selects: the ones named, else every probe that is not optional. */
export function selectProbes<Probe extends { id: string; optional?: boolean }>(all: readonly Probe[], ids: readonly string[]): Probe[] {
  return ids.length === 0 ? all.filter((probe) => !probe.optional) : all.filter((probe) => ids.includes(probe.id));
}

export const needs = (probe: { needs?: readonly ProbeNeed[] }, need: ProbeNeed): boolean => probe.needs?.includes(need) === true;
