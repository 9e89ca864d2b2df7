import type { Profile } from '../../schemas/types.js';
import { type ResultItem, type Results, resultsHeader } from '../results.js';
import { documentContext, runSpecCheck, type SpecCheck } from './check.js';
import { DOCUMENT_CHECKS, OPERATION_CHECKS } from './checks/index.js';
import { isWithinPointer, type Operation, type SpecDocument } from './document.js';
import type { CheckResult } from '../check-core.js';
import type { Finding } from '../findings.js';
import { checkMemory } from './memory.js';
import type { TextPositions } from './positions.js';

/**
 * A result item of `statuslint spec`: one operation (its location is the operation's JSON pointer,
 * its findings' pointers point into the same document) or the document as a whole.
 */
export interface SpecResultItem extends ResultItem {
  /** The document the item's pointers point into: a file path, a URL, or a path on the target. */
  document: string;
}

export interface DocumentLabel {
  /** The group-version the whole document describes (a Kubernetes `/openapi/v3/<group-version>`). */
  groupVersion?: string;
  /** Group-versions served by aggregated API servers, to mark their operations. */
  aggregatedGroupVersions?: ReadonlySet<string>;
  /** Added to each operation's title where several documents describe the same paths: ` (OpenAPI v2)`. */
  titleSuffix?: string;
}

/** `v1` for `/api/v1/…`, `apps/v1` for `/apis/apps/v1/…`: the Kubernetes group-version a path belongs to. */
export function groupVersionOfPath(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  const literal = (s: string | undefined): s is string => s !== undefined && !s.includes('{');
  if (segments[0] === 'api' && literal(segments[1])) return segments[1];
  if (segments[0] === 'apis' && literal(segments[1]) && literal(segments[2])) return `${segments[1]}/${segments[2]}`;
  return undefined;
}

export interface CheckDocumentOptions {
  profile: Profile;
  /** The checks to run (default: all). */
  checks?: readonly SpecCheck[];
  label?: DocumentLabel;
  /** Told what is being done: `checking operations` with how many of how many, then `locating findings`. */
  onProgress?: (progress: { stage: string; done?: number; total?: number }) => void;
}

/** Operations checked between two progress reports and memory checks. */
const PROGRESS_EVERY = 2_000;

/** Judge one document: an item for the document's own checks, then one per operation. Pure. */
export function checkDocument(document: SpecDocument, options: CheckDocumentOptions): SpecResultItem[] {
  const { profile, label = {} } = options;
  const selected = (list: readonly SpecCheck[]): readonly SpecCheck[] => (options.checks ? list.filter((c) => options.checks!.includes(c)) : list);
  const context = documentContext(document, profile);
  const mark = (groupVersion: string | undefined): Partial<ResultItem> =>
    groupVersion === undefined
      ? {}
      : { groupVersion, ...(label.aggregatedGroupVersions ? { aggregated: label.aggregatedGroupVersions.has(groupVersion) } : {}) };
  const items: SpecResultItem[] = [
    {
      id: `${document.source}#`,
      title: `OpenAPI ${document.version} document`,
      location: document.source,
      document: document.source,
      ...mark(label.groupVersion),
      checks: selected(DOCUMENT_CHECKS).map((check) => runSpecCheck(check, context)),
    },
  ];
  const operationChecks = selected(OPERATION_CHECKS);
  const texts = new SharedTexts();
  const operations = [...document.operations()];
  for (const [done, operation] of operations.entries()) {
    if (done % PROGRESS_EVERY === 0) {
      options.onProgress?.({ stage: 'checking operations', done, total: operations.length });
      checkMemory(document.source);
    }
    const operationContext = { ...context, operation };
    items.push({
      id: `${document.source}#${operation.pointer}`,
      title: `${operation.title}${label.titleSuffix ?? ''}`,
      location: operation.pointer,
      document: document.source,
      ...mark(label.groupVersion ?? groupVersionOfPath(operation.path)),
      checks: texts.shareIn(operationChecks.map((check) => runSpecCheck(check, operationContext))),
    });
  }
  reportSharedOnce(items, operations);
  if (document.positions) {
    options.onProgress?.({ stage: 'locating findings' });
    locateFindings(items, document.positions);
  }
  return items;
}

/**
 * One copy of each text findings say. Operations alike get the same message and hint, each built anew:
 * in a description with hundreds of thousands of operations those copies were half the results.
 */
class SharedTexts {
  readonly #texts = new Map<string, string>();

  #of(text: string): string {
    const kept = this.#texts.get(text);
    if (kept !== undefined) return kept;
    this.#texts.set(text, text);
    return text;
  }

  /** The results, their findings' texts swapped for the copies kept (findings are fresh objects of the run's own). */
  shareIn(results: CheckResult[]): CheckResult[] {
    for (const result of results) {
      if (result.outcome !== 'fail') continue;
      for (const finding of result.findings) {
        finding.message = this.#of(finding.message);
        if (finding.hint !== undefined) finding.hint = this.#of(finding.hint);
        if (finding.expected !== undefined) finding.expected = this.#of(finding.expected);
        if (finding.received !== undefined) finding.received = this.#of(finding.received);
      }
    }
    return results;
  }
}

/** Operations named on a shared finding's message before the rest are only counted. */
const NAMED_OPERATIONS = 3;

function affecting(operations: readonly string[]): string {
  const named = operations.slice(0, NAMED_OPERATIONS).map((o) => `\`${o}\``).join(', ');
  const more = operations.length - NAMED_OPERATIONS;
  return `Affects ${operations.length} operation${operations.length === 1 ? '' : 's'}: ${named}${more > 0 ? ` and ${more} more` : ''}.`;
}

/**
 * A finding about a place operations share (a component, a 2.0 `produces`, a shared response) is one
 * problem with one fix: it moves from each operation to the document's item, once, listing the
 * operations it affects. An operation whose findings all moved is skipped by that check, saying where
 * they went.
 */
function reportSharedOnce(items: SpecResultItem[], operations: readonly Operation[]): void {
  const [documentItem, ...operationItems] = items;
  const shared = new Map<string, { finding: Finding; operations: string[] }>();
  operationItems.forEach((item, i) => {
    const operation = operations[i]!;
    item.checks = item.checks.map((result) => {
      if (result.outcome !== 'fail') return result;
      const own = result.findings.filter((f) => isWithinPointer(f.pointer, operation.pointer));
      if (own.length === result.findings.length) return result;
      for (const finding of result.findings) {
        if (isWithinPointer(finding.pointer, operation.pointer)) continue;
        const key = [finding.checkId, finding.level, finding.pointer, finding.expected ?? '', finding.received ?? ''].join('\u0000');
        const group = shared.get(key);
        if (group) group.operations.push(operation.title);
        else shared.set(key, { finding, operations: [operation.title] });
      }
      return own.length > 0 ? { ...result, findings: own } : { checkId: result.checkId, level: result.level, outcome: 'skip', reason: 'its findings are at places other operations share: reported once, on the document' };
    });
  });
  if (shared.size === 0) return;
  const byCheck = new Map<string, Finding[]>();
  for (const { finding, operations: affected } of shared.values()) {
    const list = byCheck.get(finding.checkId) ?? [];
    list.push({ ...finding, message: `${finding.message} ${affecting(affected)}`, operations: affected });
    byCheck.set(finding.checkId, list);
  }
  for (const check of OPERATION_CHECKS) {
    const findings = byCheck.get(check.id);
    if (findings) documentItem!.checks.push({ checkId: check.id, level: check.level, outcome: 'fail', findings });
  }
}

const failed = (items: readonly ResultItem[]): Array<Extract<NonNullable<ResultItem['checks']>[number], { outcome: 'fail' }>> =>
  items.flatMap((item) => (item.checks ?? []).filter((result) => result.outcome === 'fail'));

/** Each finding with the line and column its pointer is written at: one reading of the text for them all. */
function locateFindings(items: readonly ResultItem[], positions: TextPositions): void {
  const results = failed(items);
  if (results.length === 0) return;
  const located = positions.locate(results.flatMap((result) => result.findings.map((finding) => finding.pointer)));
  // Set on the findings themselves, fresh objects of this run's: a copy of each spread with two more
  // fields got a hidden class of its own from V8, a third of what the results held.
  for (const result of results) {
    for (const finding of result.findings) {
      const at = located.get(finding.pointer);
      if (!at) continue;
      finding.line = at.line;
      finding.column = at.column;
    }
  }
}

export interface SpecResultsInput {
  profile: Profile;
  target: NonNullable<Results['target']>;
  startedAt: Date;
  items: ResultItem[];
}

export function specResults({ profile, target, startedAt, items }: SpecResultsInput): Results {
  return {
    ...resultsHeader('spec', profile.name, startedAt),
    target,
    items,
  };
}
