/**
 * What a project's policy did to a run, as the results keep it: every report says what was left out
 * and why from this record, and `statuslint report` shows it again from a saved file.
 */
import type { Level } from '../../schemas/types.js';

/** A check's level as a config sets it: `off` leaves the check out. */
export type Severity = 'must' | 'should' | 'off';

export const LEVEL_OF_SEVERITY: Readonly<Record<Exclude<Severity, 'off'>, Level>> = { must: 'MUST', should: 'SHOULD' };

/** A waiver as the run applied it, with how many findings it covered. */
export interface AppliedWaiver {
  /** The waiver's own name, else where it stands (`waivers[2]`), or for an inherited one its name in the set. */
  name: string;
  reason: string;
  /** The last day it holds, `YYYY-MM-DD`. */
  expires?: string;
  /** Past its date: it waived nothing, and the run fails until it is renewed or removed. */
  expired?: boolean;
  /** For a waiver of an inherited set: the set's label, e.g. `k8s.io/apiserver v1.37`. */
  inherited?: string;
  /** Findings it covered in this run. */
  matched: number;
}

/** Subjects an ignore rule of the config left out of the run. */
export interface AppliedIgnore {
  /** The rule as written: `resource componentstatuses`, `path /healthz`. */
  rule: string;
  reason?: string;
  /** What it left out: resources, group-versions, operations or recorded responses. */
  subjects: string[];
}

/** One finding of a baseline file, as `--update-baseline` writes it: the fingerprint matches, the rest is for reviewers. */
export interface BaselineEntry {
  fingerprint: string;
  checkId: string;
  level: Level;
  probeId?: string;
  /** The resource, group, operation or recorded response (`fingerprintSubject`). */
  subject: string;
  pointer: string;
  expected?: string;
}

export interface AppliedBaseline {
  /** The baseline file, as named. */
  file: string;
  /** Findings of the run that the baseline holds. */
  known: number;
  /** Entries of the baseline whose check ran on their subject and found nothing: fixed since the baseline was written. */
  fixed: BaselineEntry[];
  /** `--update-baseline`: the file was written again with this run's findings. */
  updated?: { added: number; removed: number };
}

export interface PolicyRecord {
  /** The config file the run read. */
  config?: string;
  /** Levels the config set per check, `off` included. */
  checks?: Array<{ checkId: string; severity: Severity }>;
  /** Probes the config turned off. */
  probesOff?: string[];
  ignored?: AppliedIgnore[];
  /** The inherited set the config selected (`inherit: k8s.io/apiserver`), by its label. */
  inherited?: string;
  /** The config's waivers and the inherited set's, in that order. */
  waivers?: AppliedWaiver[];
  baseline?: AppliedBaseline;
}
