/**
 * What the reports say about a run as a whole, gathered one judged response at a time: the counts,
 * the rows per check and per group, the failures grouped by problem, what the policy set apart, and a
 * few responses to show. Its memory is bounded whatever the number of responses (the groups, the
 * subjects they name and the responses kept as examples are capped), so a run of millions of
 * responses can be summarised as it streams; a run held whole is summarised the same way.
 */
import type { Level } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import { ALL_CHECKS } from './checks/index.js';
import type { Finding, Suppression } from './findings.js';
import { fingerprintSubject } from './policy/fingerprint.js';
import { findingsOfItem, isSuppressedFailure, recordedSourceOf, type ResultItem, type Results } from './results.js';

/** How often checks of one level passed, failed and were skipped. */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Failed checks whose every finding is known, waived or inherited: neither passed nor failed. Present when there are any. */
  suppressed?: number;
}

export type LevelTallies = Record<Level, Tally>;

const emptyTally = (): Tally => ({ passed: 0, failed: 0, skipped: 0 });
export const emptyLevels = (): LevelTallies => ({ MUST: emptyTally(), SHOULD: emptyTally() });

/** A failed check counts at the level of its most severe finding (a MUST check may report a SHOULD finding); others at the check's own level. */
export function levelOf(result: CheckResult): Level {
  if (result.outcome !== 'fail') return result.level;
  return result.findings.some((f) => f.level === 'MUST') ? 'MUST' : result.findings.length > 0 ? 'SHOULD' : result.level;
}

/** How a check result counts in a tally. */
type TallyKind = 'passed' | 'failed' | 'skipped' | 'suppressed';

const tallyKindOf = (result: CheckResult): TallyKind =>
  result.outcome === 'pass' ? 'passed' : result.outcome !== 'fail' ? 'skipped' : isSuppressedFailure(result) ? 'suppressed' : 'failed';

/** Each property named: a tally is counted fifteen times a response, and a computed name costs several times as much. */
function countAs(levels: LevelTallies, level: Level, kind: TallyKind): void {
  const tally = level === 'MUST' ? levels.MUST : levels.SHOULD;
  if (kind === 'passed') tally.passed++;
  else if (kind === 'skipped') tally.skipped++;
  else if (kind === 'failed') tally.failed++;
  else tally.suppressed = (tally.suppressed ?? 0) + 1;
}

/** The worst that happened to one response: no answer, a MUST finding, a SHOULD finding, or nothing. */
export type ItemOutcome = 'error' | 'must' | 'should' | 'pass';

export function outcomeOf(item: ResultItem): ItemOutcome {
  if (item.error) return 'error';
  const findings = findingsOfItem(item);
  if (findings.some((f) => f.level === 'MUST')) return 'must';
  return findings.length > 0 ? 'should' : 'pass';
}

export interface CheckSummaryRow {
  checkId: string;
  /** From the check's definition; the id for a check this version does not know. */
  title: string;
  description: string | undefined;
  level: Level;
  passed: number;
  failed: number;
  skipped: number;
  /** Findings the check reported, over all responses, that count against the run. */
  findings: number;
  /** Failures whose every finding is known, waived or inherited. */
  suppressed: number;
}

export type GroupKind = 'group-version' | 'target' | 'discovery' | 'file' | 'path' | 'document';

export interface GroupSummaryRow {
  key: string;
  /** `apps/v1`, `apps/v1 (direct)`, a file name, an OpenAPI document (spec), or what the pseudo-group holds. */
  label: string;
  kind: GroupKind;
  groupVersion?: string;
  aggregated: boolean;
  /** The APIService's service, for an aggregated group-version. */
  service?: string;
  via?: 'aggregator' | 'direct';
  /** Resources discovery listed (or, without discovery, resources probed). */
  resources: number;
  responses: number;
  /** spec: the document's operations (its items less the document's own). */
  operations: number;
  /** Probes that got no usable response. */
  errors: number;
  /** Responses with at least one finding. */
  failedResponses: number;
  levels: LevelTallies;
  /** Discovery could not read the group-version. */
  error?: string;
}

interface GroupKey {
  key: string;
  label: string;
  kind: GroupKind;
  groupVersion?: string;
  via?: 'aggregator' | 'direct';
}

/** The subjects a group names: each once, in the order met, the first few thousand kept and the rest counted. */
export interface SubjectList {
  /** The first distinct subjects met. */
  names: string[];
  /** Subjects met after `names` was full: distinct from those named, maybe not from each other. */
  more: number;
}

/** Distinct subjects kept per group: enough to name a few and count the rest, bounded on a run of millions. */
const SUBJECTS_KEPT = 1000;

function addSubject(list: SubjectList, seen: Set<string>, subject: string): void {
  if (seen.has(subject)) return;
  if (list.names.length < SUBJECTS_KEPT) {
    seen.add(subject);
    list.names.push(subject);
  } else list.more++;
}

/** How many distinct subjects, as far as a bounded list can tell. */
export const subjectCount = (list: SubjectList): number => list.names.length + list.more;

/** The same problem met on several responses: one check, one level, the same expected and received values. */
export interface FailureGroup {
  checkId: string;
  level: Level;
  expected?: string;
  received?: string;
  /** The first response's finding, as an example. */
  finding: Finding;
  /** The first response met with it. */
  first: ResultItem;
  /** How many responses. */
  responses: number;
  /** What the responses are about (`subjectOf`). */
  subjects: SubjectList;
  /** The probes that drew it, each once. */
  probeIds: string[];
}

/** Findings of one check set apart for one reason (a waiver, the baseline, the inherited set). */
export interface SuppressedGroup {
  kind: Suppression['kind'];
  by: string;
  reason: string;
  checkId: string;
  level: Level;
  /** How many findings. */
  count: number;
  /** What they are about, each once, in the order met. */
  subjects: string[];
  /** Subjects past the first few thousand, counted. */
  moreSubjects: number;
  /** The first finding, as an example. */
  finding: Finding;
}

/**
 * Problems grouped at most: past this many distinct ones (a server whose every answer is wrong in its
 * own words), further problems are counted, not grouped.
 */
export const GROUPS_KEPT = 1000;

/** Responses kept of each outcome, to be listed (the HTML report lists 1,000 of those with findings and of those without). */
export const RESPONSES_KEPT = 1000;

/** A short name for the thing a response is about: the resource, the server, or the recorded position. */
/** spec: an operation as its reader knows it (`GET /pets`), a document by its name; the pointers are in the findings. */
export const specSubjectOf = (item: ResultItem): string => (isSpecDocumentItem(item) ? (item.document ?? item.location) : item.title);

export function subjectOf(item: ResultItem): string {
  const direct = item.via === 'direct' ? ' (direct)' : '';
  if (item.resource) return `${item.resource}${direct}`;
  if (item.operation) return item.operation;
  if (item.probeId) return `server${direct}`;
  return item.location;
}

/** What a response or an operation is about, as reports name it: a `spec` item by its operation (`GET /pets`) or document. */
export const itemSubjectOf = (item: ResultItem): string => (item.document !== undefined ? specSubjectOf(item) : subjectOf(item));

/**
 * A response as a group names it, without its exchange and checks: a group keeps its first response,
 * and ten thousand groups must not keep ten thousand bodies.
 */
function aboutOnly(item: ResultItem): ResultItem {
  const { response: _response, checks: _checks, request, ...about } = item;
  return { ...about, ...(request ? { request: { method: request.method, path: request.path, headers: {} } } : {}), checks: [] };
}

/** What a recorded response's position leaves of its location: the file. */
const fileOfLocation = (location: string): string => location.replace(/(#\d+|:\d+|\[\d+\])$/, '');

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * The location is the file's followed by one position (`#3`, `:3`, `[3]`), so its file is `file`.
 * Responses of one file come one after the other: this answers without a regular expression or a new
 * string what `fileOfLocation` and `recordedSourceOf` would.
 */
function continuesFile(location: string, file: string): boolean {
  const length = location.length;
  if (length <= file.length + 1 || !location.startsWith(file)) return false;
  const lead = location.charCodeAt(file.length);
  const bracketed = lead === 0x5b; // [
  if (lead !== 0x23 && lead !== 0x3a && !bracketed) return false; // # :
  const end = bracketed ? length - 1 : length;
  if (bracketed && location.charCodeAt(end) !== 0x5d) return false; // ]
  if (end <= file.length + 1) return false;
  for (let i = file.length + 1; i < end; i++) if (!isDigit(location.charCodeAt(i))) return false;
  return true;
}

/** Files kept for naming the input: a report names three and counts the rest. */
const FILES_KEPT = 1000;

/** spec: the item of a whole document (its document-wide checks), not one of its operations. Its id is the document's, ending in `#`. */
export const isSpecDocumentItem = (item: ResultItem): boolean => item.id.endsWith('#');

/** A check's row as the digest keeps it. */
interface CheckEntry {
  row: CheckSummaryRow;
  met: boolean;
}

const emptyCheckRow = (checkId: string, title: string, description: string | undefined, level: Level): CheckSummaryRow => ({
  checkId,
  title,
  description,
  level,
  passed: 0,
  failed: 0,
  skipped: 0,
  findings: 0,
  suppressed: 0,
});

/** The context a digest groups by: what made the run, and what discovery found. */
export type DigestContext = Pick<Results, 'command' | 'discovery'>;

export class RunDigest {
  readonly levels = emptyLevels();
  readonly findings: Record<Level, number> = { MUST: 0, SHOULD: 0 };
  responses = 0;
  errors = 0;
  failedResponses = 0;
  /** Responses with a finding or without an answer. */
  failingOrError = 0;
  /** spec: items that are documents (the rest are operations), with findings, and with findings or errors. */
  readonly documents = { all: 0, failing: 0, failingOrError: 0 };
  /** Some response had a MUST finding or no answer. */
  mustOrError = false;
  /** Some subject was judged (`nothing checked` otherwise); for probe, only probes count. */
  judgedSubject = false;
  /** Group-versions of which a resource was judged at the aggregator (for `--group`). */
  readonly probedGroupVersions = new Set<string | undefined>();
  readonly outcomes: Record<ItemOutcome, number> = { error: 0, must: 0, should: 0, pass: 0 };
  /** The first responses of each outcome, in the order met. */
  readonly kept: Record<ItemOutcome, ResultItem[]> = { error: [], must: [], should: [], pass: [] };
  /** The first failing responses (a finding or no answer), in the order met. */
  readonly firstFailing: ResultItem[] = [];
  /** Findings that count against the run, and those set apart by kind. */
  activeFindings = 0;
  readonly suppressedCounts = { known: 0, waived: 0, inherited: 0 };
  /** Problems met after GROUPS_KEPT groups: counted in the totals, not grouped. */
  ungrouped = 0;
  readonly files: string[] = [];
  moreFiles = 0;

  /** Each check's row, and whether a response had its result (kept apart from the row that reports read). */
  private readonly checkRows = new Map<string, CheckEntry>();
  /** The check met at each position of the last response: responses judged by one profile list their checks in one order. */
  private readonly checkAt: Array<CheckEntry | undefined> = [];
  private readonly failedAt = new Map<string, Level>();
  private readonly groupRows = new Map<string, GroupSummaryRow>();
  private readonly resourcesSeen = new Map<string, Set<string>>();
  private readonly failures = new Map<string, FailureGroup & { seen: Set<string>; last: ResultItem }>();
  private readonly suppressed = new Map<string, SuppressedGroup & { seen: Set<string> }>();
  private readonly filesSeen = new Set<string>();
  /** Where each response kept was met. */
  private readonly keptAt = new Map<ResultItem, number>();
  /** The file of the last recorded response grouped by its file, with its group: the next response is likely of the same file. */
  private lastFile: { file: string; key: GroupKey } | undefined;

  constructor(private readonly context: DigestContext) {
    for (const check of ALL_CHECKS) {
      this.checkRows.set(check.id, { row: emptyCheckRow(check.id, check.title, check.description, check.level), met: false });
    }
    for (const gv of context.discovery?.groupVersions ?? []) {
      this.groupRows.set(`gv:${gv.groupVersion}`, {
        key: `gv:${gv.groupVersion}`,
        label: gv.groupVersion,
        kind: 'group-version',
        groupVersion: gv.groupVersion,
        aggregated: gv.aggregated,
        ...(gv.service ? { service: gv.service } : {}),
        resources: gv.resources,
        responses: 0,
        operations: 0,
        errors: 0,
        failedResponses: 0,
        levels: emptyLevels(),
        ...(gv.error ? { error: gv.error } : {}),
      });
    }
  }

  /** The digest of responses held whole. */
  static of(results: Results): RunDigest {
    const digest = new RunDigest(results);
    for (const item of results.items) digest.add(item);
    return digest;
  }

  /**
   * One response, in one pass over its checks: every response of a run of millions passes here, most
   * with no finding, so nothing here makes an array or a key for one of a file already met.
   */
  add(item: ResultItem): void {
    const sameFile = this.lastFile !== undefined && continuesFile(item.location, this.lastFile.file);
    const row = this.groupRowOf(item, sameFile);
    let must = 0;
    let should = 0;
    let judged = item.error !== undefined;
    for (let position = 0; position < item.checks.length; position++) {
      const result = item.checks[position]!;
      if (result.outcome !== 'skip') judged = true;
      const level = levelOf(result);
      const kind = tallyKindOf(result);
      countAs(this.levels, level, kind);
      countAs(row.levels, level, kind);
      this.addCheckRow(this.checkEntryOf(result, position), result, level, kind);
      if (result.outcome !== 'fail') continue;
      for (const finding of result.findings) {
        if (finding.suppressed !== undefined) {
          this.addSuppressed(item, finding);
          continue;
        }
        if (finding.level === 'MUST') must++;
        else should++;
        this.addFailure(item, finding);
      }
    }
    this.addResponse(item, row, must, should, judged);
    this.addFile(sameFile ? this.lastFile!.file : fileOfLocation(item.location));
  }

  /** What counts per response: its outcome, the totals, its group's row, the examples kept. */
  private addResponse(item: ResultItem, row: GroupSummaryRow, must: number, should: number, judged: boolean): void {
    const failing = must + should > 0;
    this.responses++;
    if (item.error) this.errors++;
    if (failing) this.failedResponses++;
    if (failing || item.error) this.failingOrError++;
    if (isSpecDocumentItem(item)) {
      this.documents.all++;
      if (failing) this.documents.failing++;
      if (failing || item.error) this.documents.failingOrError++;
    }
    this.findings.MUST += must;
    this.findings.SHOULD += should;
    this.activeFindings += must + should;
    if (item.error || must > 0) this.mustOrError = true;
    if (judged && (this.context.command !== 'probe' || item.probeId !== undefined)) this.judgedSubject = true;
    if (judged && item.resource !== undefined && item.via !== 'direct') this.probedGroupVersions.add(item.groupVersion);
    const outcome: ItemOutcome = item.error ? 'error' : must > 0 ? 'must' : failing ? 'should' : 'pass';
    this.outcomes[outcome]++;
    if (this.kept[outcome].length < RESPONSES_KEPT) {
      this.kept[outcome].push(item);
      this.keptAt.set(item, this.responses);
    }
    if (outcome !== 'pass' && this.firstFailing.length < RESPONSES_KEPT) this.firstFailing.push(item);
    if (failing) row.failedResponses++;
  }

  /** The check's entry: the one at its position in the last response, most often, without a look-up by name. */
  private checkEntryOf(result: CheckResult, position: number): CheckEntry {
    const last = this.checkAt[position];
    if (last !== undefined && last.row.checkId === result.checkId) return last;
    let entry = this.checkRows.get(result.checkId);
    if (!entry) this.checkRows.set(result.checkId, (entry = { row: emptyCheckRow(result.checkId, result.checkId, undefined, result.level), met: false }));
    this.checkAt[position] = entry;
    return entry;
  }

  private addCheckRow(entry: CheckEntry, result: CheckResult, level: Level, kind: TallyKind): void {
    entry.met = true;
    const row = entry.row;
    if (kind === 'passed') row.passed++;
    else if (kind === 'skipped') row.skipped++;
    else if (kind === 'suppressed') row.suppressed++;
    if (kind !== 'failed') return;
    // A MUST check whose findings are all SHOULD fails at SHOULD, here as in the level tallies.
    if (row.failed === 0 || level === 'MUST') this.failedAt.set(row.checkId, level);
    row.failed++;
    if (result.outcome === 'fail') for (const finding of result.findings) if (finding.suppressed === undefined) row.findings++;
  }

  /** `sameFile`: the response's location continues the last file's (`continuesFile`). */
  private groupKeyOf(item: ResultItem, sameFile: boolean): GroupKey {
    // spec: a reader fixes a document, and one cluster document (`/openapi/v2`) spans every group-version.
    if (this.context.command === 'spec' && item.document !== undefined) return { key: `document:${item.document}`, label: item.document, kind: 'document' };
    const direct = item.via === 'direct';
    if (item.groupVersion !== undefined) {
      return {
        key: `gv:${item.groupVersion}${direct ? ':direct' : ''}`,
        label: `${item.groupVersion}${direct ? ' (direct)' : ''}`,
        kind: 'group-version',
        groupVersion: item.groupVersion,
        ...(item.via ? { via: item.via } : {}),
      };
    }
    // probe --openapi: the operation's path is what a reader knows the API by.
    if (item.operation !== undefined) {
      const path = item.operation.slice(item.operation.indexOf(' ') + 1);
      return { key: `path:${path}`, label: path, kind: 'path' };
    }
    if (item.probeId !== undefined) return {
      key: `target${direct ? ':direct' : ''}`,
      label: direct ? 'server-wide probes (direct)' : 'server-wide probes',
      kind: 'target',
      ...(direct ? { via: 'direct' as const } : {}),
    };
    if (sameFile && this.context.command !== 'probe' && item.request === undefined) return this.lastFile!.key;
    const source = recordedSourceOf(item);
    if (this.context.command !== 'probe' && source) {
      const key: GroupKey = { key: `file:${source.file}`, label: source.file, kind: 'file' };
      this.lastFile = { file: source.file, key };
      return key;
    }
    return {
      key: `discovery${direct ? ':direct' : ''}`,
      label: this.context.command === 'probe' ? `responses seen while discovering${direct ? ' (direct)' : ''}` : 'responses',
      kind: 'discovery',
    };
  }

  /** The row of the response's group, with the response counted but not yet its checks and findings. */
  private groupRowOf(item: ResultItem, sameFile: boolean): GroupSummaryRow {
    const key = this.groupKeyOf(item, sameFile);
    let row = this.groupRows.get(key.key);
    if (!row) {
      const discovered = key.groupVersion ? this.groupRows.get(`gv:${key.groupVersion}`) : undefined;
      row = {
        ...key,
        aggregated: item.aggregated ?? discovered?.aggregated ?? false,
        ...(discovered?.service ? { service: discovered.service } : {}),
        resources: key.via === 'direct' ? 0 : (discovered?.resources ?? 0),
        responses: 0,
        operations: 0,
        errors: 0,
        failedResponses: 0,
        levels: emptyLevels(),
      };
      this.groupRows.set(key.key, row);
    }
    if (key.via) row.via = key.via;
    row.responses++;
    if (key.kind === 'document' && !isSpecDocumentItem(item)) row.operations++;
    if (item.error) row.errors++;
    if (item.resource && !this.context.discovery) {
      let set = this.resourcesSeen.get(key.key);
      if (!set) this.resourcesSeen.set(key.key, (set = new Set()));
      set.add(item.resource);
    }
    return row;
  }

  private addFailure(item: ResultItem, finding: Finding): void {
    const key = `${finding.checkId}\u0000${finding.level}\u0000${finding.expected ?? ''}\u0000${finding.received ?? ''}`;
    let group = this.failures.get(key);
    if (!group) {
      if (this.failures.size >= GROUPS_KEPT) {
        this.ungrouped++;
        return;
      }
      group = {
        checkId: finding.checkId,
        level: finding.level,
        ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
        ...(finding.received !== undefined ? { received: finding.received } : {}),
        finding,
        first: aboutOnly(item),
        responses: 0,
        subjects: { names: [], more: 0 },
        probeIds: [],
        seen: new Set(),
        last: item,
      };
      this.failures.set(key, group);
    } else if (group.last === item) return;
    // Items come one at a time: a repeat of this item can only be the last one.
    group.last = item;
    group.responses++;
    addSubject(group.subjects, group.seen, itemSubjectOf(item));
    if (item.probeId !== undefined && !group.probeIds.includes(item.probeId)) group.probeIds.push(item.probeId);
  }

  private addSuppressed(item: ResultItem, finding: Finding): void {
    const suppression = finding.suppressed!;
    this.suppressedCounts[suppression.kind]++;
    const key = [suppression.kind, suppression.by, suppression.reason, finding.checkId, finding.level].join('\u0000');
    let group = this.suppressed.get(key);
    if (!group) {
      if (this.suppressed.size >= GROUPS_KEPT) return;
      this.suppressed.set(key, (group = {
        kind: suppression.kind,
        by: suppression.by,
        reason: suppression.reason,
        checkId: finding.checkId,
        level: finding.level,
        count: 0,
        subjects: [],
        moreSubjects: 0,
        finding,
        seen: new Set(),
      }));
    }
    group.count++;
    const list = { names: group.subjects, more: group.moreSubjects };
    addSubject(list, group.seen, fingerprintSubject(item));
    group.moreSubjects = list.more;
  }

  private addFile(file: string): void {
    if (this.filesSeen.has(file)) return;
    if (this.files.length >= FILES_KEPT) {
      this.moreFiles++;
      return;
    }
    this.filesSeen.add(file);
    this.files.push(file);
  }

  /** One row per check, in the order statuslint runs them; checks a results file names but this version lacks come last. */
  checkRowsOf(): CheckSummaryRow[] {
    return [...this.checkRows.values()].filter((entry) => entry.met).map(({ row }) => ({ ...row, level: this.failedAt.get(row.checkId) ?? row.level }));
  }

  /** Pass rates per group-version (every discovered one, probed or not), then per server-wide probe, discovery response or file. */
  groupRowsOf(): GroupSummaryRow[] {
    const rows = new Map([...this.groupRows].map(([key, row]) => [key, { ...row, levels: { MUST: { ...row.levels.MUST }, SHOULD: { ...row.levels.SHOULD } } }]));
    for (const [key, set] of this.resourcesSeen) rows.get(key)!.resources = set.size;
    const order: Record<GroupKind, number> = { 'group-version': 0, file: 0, path: 0, document: 0, target: 1, discovery: 2 };
    return [...rows.values()].sort((a, b) => order[a.kind] - order[b.kind]);
  }

  /** Findings grouped by problem: MUST before SHOULD, then the most widespread first. */
  failureGroupsOf(): FailureGroup[] {
    const groups = [...this.failures.values()].map(({ seen: _seen, last: _last, ...group }) => group);
    return groups.sort((a, b) => (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : 1) || b.responses - a.responses || a.checkId.localeCompare(b.checkId));
  }

  /** The responses kept as examples, for the reports that list some: the first of each outcome, in the order met. */
  examples(): ResultItem[] {
    return [...this.kept.error, ...this.kept.must, ...this.kept.should, ...this.kept.pass].sort((a, b) => this.keptAt.get(a)! - this.keptAt.get(b)!);
  }

  /** Findings set apart, by kind (waived, inherited, known), then the most first. */
  suppressedGroupsOf(): SuppressedGroup[] {
    const order: Readonly<Record<Suppression['kind'], number>> = { waived: 0, inherited: 1, known: 2 };
    return [...this.suppressed.values()].map(({ seen: _seen, ...group }) => group).sort((a, b) => order[a.kind] - order[b.kind] || b.count - a.count);
  }
}

/** Digests of models whose items are not all held (a run summarised as it streamed): the model's items are only examples. */
const attached = new WeakMap<Results, RunDigest>();

/** The model, with the digest of every response of the run, of which `model.items` holds only some. */
export function withDigest<T extends Results>(model: T, digest: RunDigest): T {
  attached.set(model, digest);
  return model;
}

/** Digests made from the items held, kept while the model and its items are the same: a report asks for several summaries. */
const made = new WeakMap<Results, { items: readonly ResultItem[]; length: number; digest: RunDigest }>();

/** The digest of a run: the one a streamed run gathered, or one made from the items held. */
export function digestOf(results: Results): RunDigest {
  const streamed = attached.get(results);
  if (streamed) return streamed;
  const known = made.get(results);
  if (known && known.items === results.items && known.length === results.items.length) return known.digest;
  const digest = RunDigest.of(results);
  made.set(results, { items: results.items, length: results.items.length, digest });
  return digest;
}

/** The model stands for more responses than it holds. */
export const isDigested = (results: Results): boolean => attached.has(results);
