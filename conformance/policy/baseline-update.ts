/**
 * `--update-baseline` on a run that streams (validate of a million responses): the baseline the run
 * will write knows every finding no waiver covers, so each finding is judged `known` as it comes, and
 * what the file needs is gathered a response at a time. The result is that of the run held whole,
 * judged once, the baseline rewritten, and judged again (`updatedBaseline`): the same file, the same
 * suppressions, the same counts. Memory: one entry per distinct finding (what the file will hold) and
 * the keys of the old baseline's subjects.
 */
import type { ResultItem } from '../results.js';
import { baselineEntryOf, ExaminedSubjects, normaliseEntries } from './baseline.js';
import { findingFingerprint } from './fingerprint.js';
import type { AppliedBaseline, BaselineEntry } from './record.js';

export interface BaselineUpdate {
  /** The entries to write. */
  entries: BaselineEntry[];
  /** What the run records of the baseline: every finding known, none fixed (the new file holds them all). */
  outcome: AppliedBaseline;
}

export interface BaselineUpdater {
  /** A response as the policy judged it: every finding no waiver covers goes in the file (while updating, each is judged `known`). */
  add(item: ResultItem): void;
  /**
   * The baseline to write. `interrupted`: the old entries are all kept, since pruning one the run
   * never reached would call it fixed; the run's findings are added all the same, as the report says.
   */
  finish(interrupted: boolean): BaselineUpdate;
}

export function baselineUpdater(baseline: { file: string; entries: readonly BaselineEntry[] }): BaselineUpdater {
  const examined = new ExaminedSubjects(baseline.entries);
  /** One entry per fingerprint, the first met, as `normaliseEntries` keeps them. */
  const current = new Map<string, BaselineEntry>();
  let known = 0;
  return {
    add(item) {
      examined.add(item);
      for (const result of item.checks) {
        if (result.outcome !== 'fail') continue;
        for (const finding of result.findings) {
          // A waived or inherited finding stays out of the file; a new one (judged against the old file) goes in.
          if (finding.suppressed !== undefined && finding.suppressed.kind !== 'known') continue;
          if (finding.suppressed) known++;
          const fingerprint = finding.fingerprint ?? findingFingerprint(item, finding);
          if (!current.has(fingerprint)) current.set(fingerprint, baselineEntryOf(item, finding));
        }
      }
    },
    finish(interrupted) {
      const kept = interrupted ? baseline.entries : baseline.entries.filter((entry) => !examined.has(entry));
      const entries = normaliseEntries([...current.values(), ...kept]);
      const before = new Set(baseline.entries.map((entry) => entry.fingerprint));
      const after = new Set(entries.map((entry) => entry.fingerprint));
      const added = [...after].filter((fingerprint) => !before.has(fingerprint)).length;
      const removed = [...before].filter((fingerprint) => !after.has(fingerprint)).length;
      return { entries, outcome: { file: baseline.file, known, fixed: [], updated: { added, removed } } };
    },
  };
}

/**
 * The baseline `--update-baseline` writes, from a run's responses judged against the old one: every
 * finding of the run that no waiver covers, and the entries whose subject the run did not look at (a
 * run narrowed with `--resource` keeps the rest).
 */
export function updatedBaseline(items: readonly ResultItem[], previous: readonly BaselineEntry[]): { entries: BaselineEntry[]; added: number; removed: number } {
  const updater = baselineUpdater({ file: '', entries: previous });
  for (const item of items) updater.add(item);
  const { entries, outcome } = updater.finish(false);
  return { entries, ...outcome.updated! };
}
