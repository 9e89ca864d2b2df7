import type { Profile } from '../../schemas/types.js';
import { type ResultItem, type Results, resultsHeader } from '../results.js';
import { documentContext, runSpecCheck, type SpecCheck } from './check.js';
import { DOCUMENT_CHECKS, OPERATION_CHECKS } from './checks/index.js';
import { isWithinPointer, type Operation, type SpecDocument } from './document.js';
import type { CheckResult } from '../check-core.js';
import type { Finding } from '../findings.js';
import { checkMemory } from './memory.js';
import type { TextPosition, TextPositions } from './positions.js';

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
  /** Told what is being done: `checking operations` with how many of how many, `locating findings`, then `reporting operations`. */
  onProgress?: (progress: { stage: string; done?: number; total?: number }) => void;
}

/** Operations checked between two progress reports and memory checks. */
const PROGRESS_EVERY = 2_000;

/** Operation items given at a time by {@link DocumentParts.batches}. */
const BATCH_SIZE = 100;

/**
 * Where the operations' items wait from their checks to the reports, in the order added: in memory (an
 * array, the default), or somewhere that does not grow the heap (the CLI's temporary file).
 */
export interface ItemStore {
  add(item: SpecResultItem): void;
  /** The items added, in order, each once. */
  items(): Iterable<SpecResultItem>;
}

/** Items kept in memory. */
const heldItems = (): ItemStore => {
  const items: SpecResultItem[] = [];
  return { add: (item) => void items.push(item), items: () => items };
};

/** A document judged in parts, to be read once. */
export interface DocumentParts {
  operations: number;
  /**
   * The items, a batch at a time, each given once: first the document's (its checks, and the findings
   * at places operations share, each once), then the operations' in document order. Where findings
   * are written is found as the first batch is asked for (one reading of the text).
   */
  batches(): Generator<SpecResultItem[]>;
}

/** Judge one document: an item for the document's own checks, then one per operation. Pure. */
export function checkDocument(document: SpecDocument, options: CheckDocumentOptions): SpecResultItem[] {
  const parts = checkDocumentInParts(document, options);
  const items: SpecResultItem[] = [];
  for (const batch of parts.batches()) items.push(...batch);
  return items;
}

/**
 * Judge one document in parts, so that a description of hundreds of thousands of operations can be
 * reported without holding its results, nor the document, while the reports are written: each
 * operation is checked once, its item set aside in `store`, what operations share gathered for the
 * document's item (which comes first) and the pointers findings name noted; then one reading of the
 * text finds where those are written. The parts hold nothing of the document: it can be let go while
 * the operations' items are read back, positioned, a batch at a time. The items are those
 * `checkDocument` returns, in its order.
 */
export function checkDocumentInParts(document: SpecDocument, options: CheckDocumentOptions & { store?: ItemStore }): DocumentParts {
  const { profile, label = {}, store = heldItems() } = options;
  const selected = (list: readonly SpecCheck[]): readonly SpecCheck[] => (options.checks ? list.filter((c) => options.checks!.includes(c)) : list);
  const context = documentContext(document, profile);
  const mark = (groupVersion: string | undefined): Partial<ResultItem> =>
    groupVersion === undefined
      ? {}
      : { groupVersion, ...(label.aggregatedGroupVersions ? { aggregated: label.aggregatedGroupVersions.has(groupVersion) } : {}) };
  const operationChecks = selected(OPERATION_CHECKS);
  const texts = new SharedTexts();
  const total = countOperations(document);
  const shared = new SharedFindings();
  const pointers = new Set<string>();
  let done = 0;
  for (const operation of document.operations()) {
    if (done % PROGRESS_EVERY === 0) {
      options.onProgress?.({ stage: 'checking operations', done, total });
      checkMemory(document.source);
    }
    done++;
    const operationContext = { ...context, operation };
    const item = withoutSharedFindings(
      {
        id: `${document.source}#${operation.pointer}`,
        title: `${operation.title}${label.titleSuffix ?? ''}`,
        location: operation.pointer,
        document: document.source,
        ...mark(label.groupVersion ?? groupVersionOfPath(operation.path)),
        checks: texts.shareIn(operationChecks.map((check) => runSpecCheck(check, operationContext))),
      },
      operation,
      shared,
    );
    for (const finding of findingsOf([item])) pointers.add(finding.pointer);
    store.add(item);
  }
  const documentItem: SpecResultItem = {
    id: `${document.source}#`,
    title: `OpenAPI ${document.version} document`,
    location: document.source,
    document: document.source,
    ...mark(label.groupVersion),
    checks: [...selected(DOCUMENT_CHECKS).map((check) => runSpecCheck(check, context)), ...shared.results()],
  };
  for (const finding of findingsOf([documentItem])) pointers.add(finding.pointer);
  return partsOf({ documentItem, total, store, pointers, positions: document.positions, onProgress: options.onProgress });
}

interface PartsInput {
  documentItem: SpecResultItem;
  total: number;
  store: ItemStore;
  /** The pointers findings name, and the text they are found in. */
  pointers: Set<string>;
  positions: TextPositions | undefined;
  onProgress: CheckDocumentOptions['onProgress'];
}

/**
 * The parts, made apart from `checkDocumentInParts` so that nothing they hold (their generator
 * included) reaches the document through the closures of that function: the text is read for
 * positions once the document can be let go.
 */
function partsOf({ documentItem, total, store, pointers, positions, onProgress }: PartsInput): DocumentParts {
  return {
    operations: total,
    *batches() {
      let located: ReadonlyMap<string, TextPosition> = new Map();
      if (positions && pointers.size > 0) {
        onProgress?.({ stage: 'locating findings' });
        located = positions.locate(pointers);
      }
      pointers.clear();
      yield placeFindings([documentItem], located);
      let batch: SpecResultItem[] = [];
      let done = 0;
      for (const item of store.items()) {
        if (done++ % PROGRESS_EVERY === 0) onProgress?.({ stage: 'reporting operations', done: done - 1, total });
        batch.push(item);
        if (batch.length === BATCH_SIZE) {
          yield placeFindings(batch, located);
          batch = [];
        }
      }
      if (batch.length > 0) yield placeFindings(batch, located);
    },
  };
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

function countOperations(document: SpecDocument): number {
  let count = 0;
  for (const _ of document.operations()) count++;
  return count;
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
 * operations it affects.
 */
class SharedFindings {
  readonly #groups = new Map<string, { finding: Finding; operations: string[] }>();

  add(finding: Finding, operation: string): void {
    const key = [finding.checkId, finding.level, finding.pointer, finding.expected ?? '', finding.received ?? ''].join('\u0000');
    const group = this.#groups.get(key);
    if (group) group.operations.push(operation);
    else this.#groups.set(key, { finding, operations: [operation] });
  }

  /** The document's failed results for them, in the order of the operation checks. */
  results(): CheckResult[] {
    const byCheck = new Map<string, Finding[]>();
    for (const { finding, operations } of this.#groups.values()) {
      const list = byCheck.get(finding.checkId) ?? [];
      list.push({ ...finding, message: `${finding.message} ${affecting(operations)}`, operations });
      byCheck.set(finding.checkId, list);
    }
    return OPERATION_CHECKS.flatMap((check) => {
      const findings = byCheck.get(check.id);
      return findings ? [{ checkId: check.id, level: check.level, outcome: 'fail' as const, findings }] : [];
    });
  }
}

/**
 * The operation's item with only the findings within the operation; those at shared places go to
 * `shared`. An operation whose findings all moved is skipped by that check, saying where they went.
 */
function withoutSharedFindings(item: SpecResultItem, operation: Operation, shared: SharedFindings): SpecResultItem {
  item.checks = item.checks!.map((result) => {
    if (result.outcome !== 'fail') return result;
    const own = result.findings.filter((f) => isWithinPointer(f.pointer, operation.pointer));
    if (own.length === result.findings.length) return result;
    for (const finding of result.findings) if (!isWithinPointer(finding.pointer, operation.pointer)) shared.add(finding, operation.title);
    return own.length > 0 ? { ...result, findings: own } : { checkId: result.checkId, level: result.level, outcome: 'skip', reason: 'its findings are at places other operations share: reported once, on the document' };
  });
  return item;
}

const findingsOf = (items: readonly ResultItem[]): Finding[] => failed(items).flatMap((result) => result.findings);

/**
 * Each finding with the line and column its pointer is written at. Set on the findings themselves,
 * fresh objects of this run's: a copy of each spread with two more fields got a hidden class of its own.
 */
function placeFindings<T extends ResultItem>(items: T[], located: ReadonlyMap<string, TextPosition>): T[] {
  if (located.size === 0) return items;
  for (const finding of findingsOf(items)) {
    const at = located.get(finding.pointer);
    if (!at) continue;
    finding.line = at.line;
    finding.column = at.column;
  }
  return items;
}

const failed = (items: readonly ResultItem[]): Array<Extract<NonNullable<ResultItem['checks']>[number], { outcome: 'fail' }>> =>
  items.flatMap((item) => (item.checks ?? []).filter((result) => result.outcome === 'fail'));

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
