/**
 * Which probes a run sends, from `--probe` (or a config's list) and a config's map of switches:
 * `off` leaves a probe out, `on` adds an optional one (such as `timeout`) to the default set.
 */
import { selectProbes } from '../../conformance/probe-model.js';
import { InputError } from '../../schemas/errors.js';

export interface ProbeSelection {
  /** For the runner: the probes named, or none for its default set. */
  probeIds: string[];
  /** Probes the config turned off that the run would otherwise have sent. */
  probesOff: string[];
}

export function probeSelection(
  all: ReadonlyArray<{ id: string; optional?: boolean }>,
  named: readonly string[] | undefined,
  switches: Readonly<Record<string, 'on' | 'off'>> | undefined,
  config: string,
): ProbeSelection {
  // A selection on the command line (or a list in the config) is what the user asked for: switches do not narrow it.
  if (named !== undefined && named.length > 0) return { probeIds: [...named], probesOff: [] };
  const ids = new Set(all.map((probe) => probe.id));
  const chosen = Object.entries(switches ?? {}).filter(([id]) => ids.has(id));
  if (chosen.length === 0) return { probeIds: [], probesOff: [] };
  const on = new Set(chosen.filter(([, value]) => value === 'on').map(([id]) => id));
  const off = new Set(chosen.filter(([, value]) => value === 'off').map(([id]) => id));
  const wouldRun = all.filter((probe) => !probe.optional || on.has(probe.id)).map((probe) => probe.id);
  const probeIds = wouldRun.filter((id) => !off.has(id));
  if (probeIds.length === 0) throw new InputError(`every probe is turned off (probes: ${[...off].join(', ')}: off)`, config);
  // The default set again: the runner's own choice, so that the results read as a run without a config.
  const defaults = selectProbes(all, []).map((probe) => probe.id);
  const same = probeIds.length === defaults.length && probeIds.every((id) => defaults.includes(id));
  return { probeIds: same ? [] : probeIds, probesOff: wouldRun.filter((id) => off.has(id)) };
}
