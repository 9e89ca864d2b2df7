/**
 * What a policy set apart, counted and worded once for every reporter: findings known, waived and
 * inherited, fixed since the baseline, checks and probes turned off, subjects ignored, waivers expired.
 * Sentences are plain text; each reporter escapes them for its format.
 */
import type { Results } from '../results.js';
import { digestOf, type SuppressedGroup } from '../run-digest.js';
import type { AppliedBaseline, AppliedWaiver, BaselineEntry } from './record.js';

export interface BaselineCounts {
  file: string;
  /** Findings that count against the run: neither in the baseline nor waived. */
  new: number;
  known: number;
  fixed: number;
  fixedEntries: BaselineEntry[];
  updated?: { added: number; removed: number };
}

export type { SuppressedGroup } from '../run-digest.js';

export interface PolicySummary {
  config?: string;
  known: number;
  waived: number;
  inherited: number;
  baseline?: BaselineCounts;
  expiredWaivers: AppliedWaiver[];
  /** Waivers of the config that matched no finding: the problem they accepted may be gone. */
  unusedWaivers: AppliedWaiver[];
  checksOff: string[];
  levelsSet: Array<{ checkId: string; severity: 'must' | 'should' }>;
  groups: SuppressedGroup[];
}

/** The baseline's record with the run's count of new findings: those that count against it. */
function baselineCounts(baseline: AppliedBaseline, active: number): BaselineCounts {
  return {
    file: baseline.file,
    new: active,
    known: baseline.known,
    fixed: baseline.fixed.length,
    fixedEntries: baseline.fixed,
    ...(baseline.updated ? { updated: baseline.updated } : {}),
  };
}

export function policySummary(results: Results): PolicySummary {
  const digest = digestOf(results);
  const counts = { ...digest.suppressedCounts };
  const active = digest.activeFindings;
  const policy = results.policy;
  const waivers = policy?.waivers ?? [];
  const baseline = policy?.baseline;
  return {
    ...(policy?.config !== undefined ? { config: policy.config } : {}),
    ...counts,
    ...(baseline ? { baseline: baselineCounts(baseline, active) } : {}),
    expiredWaivers: waivers.filter((waiver) => waiver.expired),
    unusedWaivers: waivers.filter((waiver) => !waiver.expired && waiver.inherited === undefined && waiver.matched === 0),
    checksOff: (policy?.checks ?? []).filter((entry) => entry.severity === 'off').map((entry) => entry.checkId),
    levelsSet: (policy?.checks ?? []).flatMap((entry) => (entry.severity === 'off' ? [] : [{ checkId: entry.checkId, severity: entry.severity }])),
    groups: digest.suppressedGroupsOf(),
  };
}

const plural = (count: number, word: string): string => `${count} ${count === 1 ? word : `${word}s`}`;

/** One thing a report says about the policy; `failing` ones fail the run. */
export interface PolicyNote {
  kind: 'baseline' | 'waived' | 'inherited' | 'checks-off' | 'levels' | 'ignored' | 'expired' | 'unused';
  text: string;
  failing?: boolean;
}

/** A set is derived from one minor version: said when the target reports another (`v1.33.0` against `… v1.37`). */
function versionCaveat(results: Results): string {
  const setVersion = /\bv(\d+\.\d+)$/.exec(results.policy?.inherited ?? '')?.[1];
  const target = /^v(\d+\.\d+)/.exec(results.target?.version ?? '')?.[1];
  return setVersion !== undefined && target !== undefined && setVersion !== target ? ` (the set is of v${setVersion}; the target is ${results.target!.version})` : '';
}

/** The policy's effect in sentences, the baseline's first: "3 new, 12 known, 2 fixed since the baseline b.json". */
export function policyNotes(results: Results): PolicyNote[] {
  if (!results.policy) return [];
  const summary = policySummary(results);
  const config = summary.config ?? 'the config';
  const notes: PolicyNote[] = [];
  const { baseline } = summary;
  if (baseline) {
    const updated = baseline.updated ? `; the baseline was updated (${baseline.updated.added} added, ${baseline.updated.removed} removed)` : '';
    notes.push({ kind: 'baseline', text: `${baseline.new} new, ${baseline.known} known, ${baseline.fixed} fixed since the baseline ${baseline.file}${updated}` });
  }
  if (summary.waived > 0) notes.push({ kind: 'waived', text: `${plural(summary.waived, 'finding')} waived in ${config}, reported apart` });
  if (results.policy.inherited !== undefined) {
    notes.push({ kind: 'inherited', text: `${plural(summary.inherited, 'finding')} inherited from ${results.policy.inherited}, reported apart${versionCaveat(results)}` });
  }
  if (summary.checksOff.length > 0) notes.push({ kind: 'checks-off', text: `checks turned off in ${config}: ${summary.checksOff.join(', ')}` });
  if (summary.levelsSet.length > 0) notes.push({ kind: 'levels', text: `check levels set in ${config}: ${summary.levelsSet.map((entry) => `${entry.checkId} ${entry.severity.toUpperCase()}`).join(', ')}` });
  for (const ignore of results.policy.ignored ?? []) {
    const left = ignore.subjects.length === 0 ? 'nothing matched' : `${plural(ignore.subjects.length, 'subject')} left out: ${ignore.subjects.slice(0, 6).join(', ')}${ignore.subjects.length > 6 ? ', …' : ''}`;
    notes.push({ kind: 'ignored', text: `ignored in ${config} (${ignore.rule}${ignore.reason ? `: ${ignore.reason}` : ''}): ${left}` });
  }
  for (const waiver of summary.expiredWaivers) {
    notes.push({
      kind: 'expired',
      failing: true,
      text: `waiver "${waiver.name}" of ${config} expired on ${waiver.expires}: it waives nothing, and the run fails until it is renewed or removed`,
    });
  }
  for (const waiver of summary.unusedWaivers) notes.push({ kind: 'unused', text: `waiver "${waiver.name}" of ${config} matched no finding: remove it if the problem is gone` });
  return notes;
}
