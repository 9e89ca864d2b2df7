import { diagnosticMustFindings } from './diagnostics.js';
import type { Results } from './results.js';
import { digestOf } from './run-digest.js';

/**
 * How a run ends: `not-conformant` when a MUST-level check failed or a probe got no response;
 * `nothing-checked` when no response was judged at all, or a group the user named (`--group`) had
 * none of its resources probed; else `conformant`.
 */
export type Verdict = 'conformant' | 'not-conformant' | 'nothing-checked';

export const VERDICT_RULE =
  'Conformant when no MUST-level check fails, every probe got a response and something was checked; SHOULD-level findings are reported but do not decide the verdict. Nothing checked when no response was judged, or no resource of a group named with --group was probed.';

export const VERDICT_LABEL: Record<Verdict, string> = {
  conformant: 'conformant',
  'not-conformant': 'not conformant',
  'nothing-checked': 'nothing checked',
};

/** What ran passed: no MUST finding, and no probe without a response. */
export function isConformant(results: Results): boolean {
  if (diagnosticMustFindings(results) > 0) return false;
  return !digestOf(results).mustOrError;
}

/** `metrics.k8s.io/v1beta1` → `metrics.k8s.io`; `v1` → `core`, as `--group` names it. */
const groupOf = (groupVersion: string): string => (groupVersion.includes('/') ? groupVersion.slice(0, groupVersion.indexOf('/')) : 'core');

/** Group-versions of the groups named with `--group` of which no resource was probed (at the aggregator, where there is one). */
export function uncheckedGroupVersions(results: Results): string[] {
  const named = results.discovery?.groups;
  if (!named?.length) return [];
  // A response some check had something to say about (a probe without a response counts: it is a failure).
  const probed = digestOf(results).probedGroupVersions;
  return results.discovery!.groupVersions.filter((gv) => named.includes(groupOf(gv.groupVersion)) && !probed.has(gv.groupVersion)).map((gv) => gv.groupVersion);
}

/** Why nothing was checked, in one sentence; undefined when something was. */
export function nothingCheckedReason(results: Results): string | undefined {
  if (!digestOf(results).judgedSubject) {
    if (results.command !== 'probe') return 'no response was judged';
    return results.notRun?.length ? 'no probe ran: every selected probe was left out (see the probes not run)' : 'no probe ran: discovery found nothing to probe';
  }
  const unchecked = uncheckedGroupVersions(results);
  if (unchecked.length === 0) return undefined;
  return `no resource of ${unchecked.join(', ')} was probed (see the probes not run)`;
}

export function runVerdict(results: Results): Verdict {
  if (!isConformant(results)) return 'not-conformant';
  return nothingCheckedReason(results) === undefined ? 'conformant' : 'nothing-checked';
}
