/**
 * Baselines: the findings a project already knows, so that a run fails only on new ones. The file is
 * small, sorted and one finding a line, so that a pull request that updates it shows which findings
 * came and went.
 */
import { BASELINE_SCHEMA_ID, BASELINE_VERSION, baselineJsonSchema } from '../../schemas/baseline-schema.js';
import { createAjv, type ValidateFunction } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { Finding } from '../findings.js';
import type { ResultItem } from '../results.js';
import { findingFingerprint, fingerprintSubject } from './fingerprint.js';
import type { BaselineEntry } from './record.js';

export interface BaselineDocument {
  $schema?: string;
  baselineVersion: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

export function baselineEntryOf(item: ResultItem, finding: Finding): BaselineEntry {
  return {
    fingerprint: finding.fingerprint ?? findingFingerprint(item, finding),
    checkId: finding.checkId,
    level: finding.level,
    ...(item.probeId !== undefined ? { probeId: item.probeId } : {}),
    subject: fingerprintSubject(item),
    pointer: finding.pointer,
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
  };
}

/** Reading order: by check, probe and subject, so that a diff groups what belongs together. */
const sortKey = (entry: BaselineEntry): string => [entry.checkId, entry.probeId ?? '', entry.subject, entry.pointer, entry.fingerprint].join('\u0000');

/** One entry per fingerprint, sorted. */
export function normaliseEntries(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const entry of entries) if (!byFingerprint.has(entry.fingerprint)) byFingerprint.set(entry.fingerprint, entry);
  return [...byFingerprint.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** The file's text: fields in one order, one finding a line, a newline at the end. */
export function renderBaseline(entries: Iterable<BaselineEntry>): string {
  const lines = normaliseEntries(entries).map((entry) =>
    JSON.stringify({
      fingerprint: entry.fingerprint,
      checkId: entry.checkId,
      level: entry.level,
      ...(entry.probeId !== undefined ? { probeId: entry.probeId } : {}),
      subject: entry.subject,
      pointer: entry.pointer,
      ...(entry.expected !== undefined ? { expected: entry.expected } : {}),
    }),
  );
  const findings = lines.length === 0 ? '[]' : `[\n    ${lines.join(',\n    ')}\n  ]`;
  return `{\n  "$schema": "${BASELINE_SCHEMA_ID}",\n  "baselineVersion": ${BASELINE_VERSION},\n  "findings": ${findings}\n}\n`;
}

let validator: ValidateFunction | undefined;

/** A baseline file's entries; every problem is one InputError naming the file and the place. */
export function parseBaseline(text: string, where: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not a baseline: not JSON (${(error as Error).message})`, where);
  }
  validator ??= createAjv({ allErrors: false }).compile(baselineJsonSchema());
  if (!validator(data)) {
    const first = validator.errors?.[0];
    const detail = first ? `${first.instancePath || '/'} ${first.keyword === 'const' ? `must be ${BASELINE_VERSION}` : (first.message ?? 'is invalid')}` : 'is invalid';
    throw new InputError(`not a statuslint baseline (${detail}); write one with --update-baseline`, where);
  }
  return (data as BaselineDocument).findings;
}

const examinedKey = (checkId: string, probeId: string | undefined, subject: string): string => [checkId, probeId ?? '', subject].join('\u0000');

/**
 * Which of a baseline's subjects a run looked at again: a check that ran (passed or failed) on the
 * entry's subject, so that an entry not found again there was fixed. Only the baseline's own subjects
 * are kept: memory is the baseline's size, whatever the run's.
 */
export class ExaminedSubjects {
  readonly #wanted: ReadonlySet<string>;
  readonly #examined = new Set<string>();

  constructor(entries: readonly BaselineEntry[]) {
    this.#wanted = new Set(entries.map((entry) => examinedKey(entry.checkId, entry.probeId, entry.subject)));
  }

  /** The checks that ran on a response. */
  add(item: ResultItem): void {
    let subject: string | undefined;
    for (const result of item.checks) {
      if (result.outcome === 'skip') continue;
      subject ??= fingerprintSubject(item);
      const key = examinedKey(result.checkId, item.probeId, subject);
      if (this.#wanted.has(key)) this.#examined.add(key);
    }
  }

  /** Whether the entry's check ran on its subject. */
  has(entry: BaselineEntry): boolean {
    return this.#examined.has(examinedKey(entry.checkId, entry.probeId, entry.subject));
  }
}

export { updatedBaseline } from './baseline-update.js';
