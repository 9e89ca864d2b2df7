import { builtinProfile, httpStatusEntry, indexOf, isBuiltinProfileName } from '../schemas/catalog.js';
import type { CatalogEntry, Level } from '../schemas/types.js';
import { diagnosticMustFindings } from './diagnostics.js';
import { findingsOfItem, type ResultItem, type Results, type ResultsSummary } from './results.js';
import { type CheckSummaryRow, digestOf, type FailureGroup, type GroupSummaryRow, type ItemOutcome, type LevelTallies, outcomeOf, type Tally } from './run-digest.js';
import { policySummary } from './policy/summary.js';
import { isConformant, nothingCheckedReason, runVerdict, type Verdict, VERDICT_LABEL, VERDICT_RULE } from './verdict.js';

export {
  type CheckSummaryRow,
  type FailureGroup,
  type GroupKind,
  type GroupSummaryRow,
  isSpecDocumentItem,
  specSubjectOf,
  type ItemOutcome,
  type LevelTallies,
  levelOf,
  outcomeOf,
  subjectCount,
  subjectOf,
  type SubjectList,
  type Tally,
} from './run-digest.js';

export interface ProbeSummaryRow {
  probeId: string;
  /** The pass at the aggregated server's own address (`--direct`), counted apart. */
  via?: 'direct';
  ran: number;
  /** Responses with at least one failing check of the level. */
  failed: Record<Level, number>;
  errors: number;
}

/** Per-probe counts: how often each probe ran and how often its responses failed a MUST or SHOULD check. */
export function summarizeProbes(results: Results): ProbeSummaryRow[] {
  const rows = new Map<string, ProbeSummaryRow>();
  for (const item of results.items) {
    const id = item.probeId ?? 'passive';
    const direct = item.via === 'direct';
    const key = `${id}${direct ? ' (direct)' : ''}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { probeId: id, ...(direct ? { via: 'direct' as const } : {}), ran: 0, failed: { MUST: 0, SHOULD: 0 }, errors: 0 }));
    row.ran++;
    if (item.error) row.errors++;
    const levels = new Set(findingsOfItem(item).map((f) => f.level));
    for (const level of levels) row.failed[level]++;
  }
  return [...rows.values()];
}

export interface NotRunGroup {
  reason: string;
  /** The probes left out for this reason, each once. */
  probeIds: string[];
  /** How many (probe, subject) pairs: a subject is a resource, an operation or the server. */
  count: number;
}

/** The probes left out, grouped by why (write safety, verbs the resource lacks, no value surely unknown…), most first. */
export function notRunByReason(results: Results): NotRunGroup[] {
  const groups = new Map<string, NotRunGroup>();
  for (const { probeId, reason } of results.notRun ?? []) {
    const group = groups.get(reason) ?? { reason, probeIds: [], count: 0 };
    if (!group.probeIds.includes(probeId)) group.probeIds.push(probeId);
    group.count++;
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export interface VerdictSummary {
  verdict: Verdict;
  /** `conformant`, `not conformant`, `nothing checked`. */
  label: string;
  /** What ran passed (also when nothing or not everything was checked). */
  conformant: boolean;
  /** With `nothing-checked`: why. */
  why?: string;
  rule: string;
}

export function verdictOf(results: Results): VerdictSummary {
  const verdict = runVerdict(results);
  const why = verdict === 'nothing-checked' ? nothingCheckedReason(results) : undefined;
  return { verdict, label: VERDICT_LABEL[verdict], conformant: isConformant(results), ...(why ? { why } : {}), rule: VERDICT_RULE };
}

export interface ComparisonRow {
  probeId: string;
  resource: string;
  aggregator?: { status?: number; failed: string[] };
  direct?: { status?: number; failed: string[] };
}

/** Aggregated group-versions probed through the aggregator and directly, side by side. */
export function compareDirect(results: Results): ComparisonRow[] {
  const rows = new Map<string, ComparisonRow>();
  for (const item of results.items) {
    if (!item.via || !item.probeId) continue;
    const subject = item.resource ?? item.groupVersion ?? '(target)';
    const key = `${item.probeId}\u0000${subject}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { probeId: item.probeId, resource: subject }));
    row[item.via] = { ...(item.response ? { status: item.response.status } : {}), failed: [...new Set(findingsOfItem(item).map((f) => f.checkId))].sort() };
  }
  return [...rows.values()].filter((r) => r.aggregator && r.direct);
}

/** Passed of the checks that ran (skips do not count); undefined when none ran. */
export const passRate = (tally: Tally): number | undefined => (tally.passed + tally.failed === 0 ? undefined : tally.passed / (tally.passed + tally.failed));

/** `92.3%`, `100%`, `0%`, or `–` when no check of the kind ran. A single failure never shows as 100%. */
export function formatRate(tally: Tally): string {
  const rate = passRate(tally);
  if (rate === undefined) return '–';
  if (rate === 1 || rate === 0) return `${rate * 100}%`;
  return `${Math.min(Math.max(Math.round(rate * 1000) / 10, 0.1), 99.9).toFixed(1)}%`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Which responses a count counts: all, those with findings, or those with findings or without an answer. */
export type Counted = 'all' | 'failing' | 'failing-or-error';

/**
 * `7 responses`; for `spec`, whose items are operations and documents, `7 operations and the document`;
 * with `failing`, `4 of 7 operations and the document` (or `and 2 of 40 documents`): counts say what
 * they count.
 */
export function countedItems(results: Results, counted: Counted = 'all'): string {
  const digest = digestOf(results);
  const failingOf = (all: { responses: number; failedResponses: number; failingOrError: number }): number =>
    counted === 'failing' ? all.failedResponses : all.failingOrError;
  const of = (all: number, failing: number, word: string): string => `${counted !== 'all' ? `${failing} of ` : ''}${plural(all, word)}`;
  if (results.command !== 'spec') return of(digest.responses, failingOf(digest), 'response');
  const documents = digest.documents;
  const operations = {
    responses: digest.responses - documents.all,
    failedResponses: digest.failedResponses - documents.failing,
    failingOrError: digest.failingOrError - documents.failingOrError,
  };
  const failingDocuments = counted === 'all' ? documents.all : failingOf({ responses: documents.all, failedResponses: documents.failing, failingOrError: documents.failingOrError });
  const ofDocuments = failingDocuments === 0 ? '' : documents.all === 1 ? ' and the document' : ` and ${of(documents.all, failingDocuments, 'document')}`;
  return `${of(operations.responses, failingOf(operations), 'operation')}${ofDocuments}`;
}

const OUTCOME_RANK: Record<ItemOutcome, number> = { pass: 0, should: 1, must: 2, error: 3 };
export const worseOutcome = (a: ItemOutcome, b: ItemOutcome): ItemOutcome => (OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a);

/** One row per check, in the order statuslint runs them; checks a results file names but this version lacks come last. */
export const summarizeChecks = (results: Results): CheckSummaryRow[] => digestOf(results).checkRowsOf();

/** Pass rates per group-version (every discovered one, probed or not), then per server-wide probe, discovery response or file. */
export const summarizeGroups = (results: Results): GroupSummaryRow[] => digestOf(results).groupRowsOf();

export interface ComplianceSummary {
  verdict: VerdictSummary;
  /** Check results at each level, over every response. */
  levels: LevelTallies;
  responses: number;
  errors: number;
  failedResponses: number;
  findings: Record<Level, number>;
  checks: CheckSummaryRow[];
  groups: GroupSummaryRow[];
  durationMs: number | undefined;
}

type RunTally = Pick<ComplianceSummary, 'levels' | 'responses' | 'errors' | 'failedResponses' | 'findings'>;

/** The counts over every response, shared by the reports and the results file's summary so they cannot disagree. */
function tallyRun(results: Results): RunTally {
  const digest = digestOf(results);
  const levels = { MUST: { ...digest.levels.MUST }, SHOULD: { ...digest.levels.SHOULD } };
  const findings = { ...digest.findings };
  findings.MUST += diagnosticMustFindings(results);
  return { levels, responses: digest.responses, errors: digest.errors, failedResponses: digest.failedResponses, findings };
}

/** Everything a report states about the run as a whole. */
export function summarize(results: Results): ComplianceSummary {
  const { levels, responses, errors, failedResponses, findings } = tallyRun(results);
  const duration = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  return {
    verdict: verdictOf(results),
    levels,
    responses,
    errors,
    failedResponses,
    findings,
    checks: summarizeChecks(results),
    groups: summarizeGroups(results),
    durationMs: Number.isFinite(duration) && duration >= 0 ? duration : undefined,
  };
}

/** The `summary` of a results file: the verdict and the counts a script would otherwise recount from the items. */
export function resultsSummary(results: Results): ResultsSummary {
  const { levels, responses, errors, failedResponses, findings } = tallyRun(results);
  const { conformant, verdict } = verdictOf(results);
  return {
    // An interrupted run has no verdict on the whole; `conformant` still tells how what ran fared.
    verdict: results.interrupted ? 'interrupted' : verdict,
    conformant,
    findings,
    responses,
    failedResponses,
    errors,
    checks: levels,
    passRates: { MUST: passRate(levels.MUST) ?? null, SHOULD: passRate(levels.SHOULD) ?? null },
    ...policyCounts(results),
  };
}

/** What the policy set apart, for the results file: only when a policy was applied, so that other files stay as they were. */
function policyCounts(results: Results): Pick<ResultsSummary, 'suppressed' | 'baseline' | 'expiredWaivers'> {
  if (!results.policy) return {};
  const policy = policySummary(results);
  return {
    suppressed: { known: policy.known, waived: policy.waived, inherited: policy.inherited },
    ...(policy.baseline ? { baseline: { new: policy.baseline.new, known: policy.baseline.known, fixed: policy.baseline.fixed } } : {}),
    ...(policy.expiredWaivers.length > 0 ? { expiredWaivers: policy.expiredWaivers.map((waiver) => waiver.name) } : {}),
  };
}

/** Findings grouped by problem: MUST before SHOULD, then the most widespread first. */
export const failureGroups = (results: Results): FailureGroup[] => digestOf(results).failureGroupsOf();

function catalogIndex(results: Results): ReturnType<typeof indexOf> | undefined {
  return isBuiltinProfileName(results.profile) ? indexOf(builtinProfile(results.profile)) : undefined;
}

/** What a matrix column stands for: a reason the probes asked for, a condition, or only a status. */
export type MatrixColumnKind = 'reason' | 'condition' | 'status';

export interface MatrixColumn {
  /** Unique among the columns: the kind and the label. */
  key: string;
  kind: MatrixColumnKind;
  /** `NotFound`, `Available`, or `HTTP 200`. */
  label: string;
  /** The HTTP status the catalog pairs with the reason, or the one the probe asked for. */
  status: number | undefined;
}

export interface MatrixCell {
  outcome: ItemOutcome;
  items: ResultItem[];
}

export interface MatrixRow {
  key: string;
  /** The resource (`widgets.example.dev`), or `server` for server-wide probes. */
  label: string;
  groupVersion?: string;
  aggregated: boolean;
  via?: 'aggregator' | 'direct';
  /** By column key. */
  cells: Map<string, MatrixCell>;
}

export interface ReasonMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

/** The reason a probe asked for, as its result item records it. */
export const expectedReasonOf = (item: ResultItem): string | undefined => item.expected?.reason;

/** The column a probe's answer belongs in: the condition or reason it asked for, else its status (named by the reason when only one goes with it). */
function columnOf(item: ResultItem, index: ReturnType<typeof indexOf> | undefined): MatrixColumn | undefined {
  const { expected } = item;
  if (!expected) return undefined;
  const reasonColumn = (reason: string): MatrixColumn => ({ key: `reason:${reason}`, kind: 'reason', label: reason, status: index?.errorCode(reason)?.httpStatus ?? expected.status });
  if (expected.condition) return { key: `condition:${expected.condition.type}`, kind: 'condition', label: expected.condition.type, status: expected.status };
  if (expected.reason) return reasonColumn(expected.reason);
  const candidates = index?.codesForStatus(expected.status) ?? [];
  if (candidates.length === 1) return reasonColumn(candidates[0]!.code);
  return { key: `status:${expected.status}`, kind: 'status', label: `HTTP ${expected.status}`, status: expected.status };
}

const rowKeyOf = (item: ResultItem): string => `${item.groupVersion ?? ''}\u0000${item.resource ?? 'server'}\u0000${item.via === 'direct' ? 'direct' : ''}`;

function newRow(item: ResultItem): MatrixRow {
  return {
    key: rowKeyOf(item),
    label: item.resource ?? 'server',
    ...(item.groupVersion ? { groupVersion: item.groupVersion } : {}),
    aggregated: item.aggregated === true,
    ...(item.via ? { via: item.via } : {}),
    cells: new Map(),
  };
}

const byStatus = (a: MatrixColumn, b: MatrixColumn): number => (a.status ?? 999) - (b.status ?? 999) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/** Resources of a group-version stay together, the core group first; the server-wide row closes the table. */
function byRow(a: MatrixRow, b: MatrixRow): number {
  const order = (row: MatrixRow): string[] => [row.groupVersion === undefined ? '2' : row.groupVersion === 'v1' ? '0' : '1', row.groupVersion ?? '', row.label, row.via ?? ''];
  const [x, y] = [order(a), order(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** Each probed resource against each reason the probes asked of it: did it answer as the conventions say? */
export function reasonResourceMatrix(results: Results): ReasonMatrix {
  const index = catalogIndex(results);
  const rows = new Map<string, MatrixRow>();
  const columns = new Map<string, MatrixColumn>();
  for (const item of results.items) {
    const column = item.probeId === undefined ? undefined : columnOf(item, index);
    if (column === undefined) continue;
    if (!columns.has(column.key)) columns.set(column.key, column);
    const row = rows.get(rowKeyOf(item)) ?? newRow(item);
    rows.set(row.key, row);
    const cell = row.cells.get(column.key) ?? { outcome: 'pass' as ItemOutcome, items: [] };
    cell.outcome = worseOutcome(cell.outcome, outcomeOf(item));
    cell.items.push(item);
    row.cells.set(column.key, cell);
  }
  return { columns: [...columns.values()].sort(byStatus), rows: [...rows.values()].sort(byRow) };
}

/** Recovery advice from the catalog for a response: the entry of the reason the probe expected, else of the status received. */
export interface Advice {
  /** `Conflict`, or `HTTP 503`. */
  code: string;
  entry: CatalogEntry;
}

export function adviceFor(item: ResultItem, results: Results): Advice | undefined {
  const index = catalogIndex(results);
  const reason = expectedReasonOf(item);
  const byReason = reason !== undefined && reason !== '' ? index?.errorCode(reason) : undefined;
  if (byReason) return { code: byReason.code, entry: byReason };
  const expectedStatus = item.probeId !== undefined ? item.expected?.status : undefined;
  // A probe's status that only one reason goes with names that reason (400: `BadRequest`).
  const only = expectedStatus !== undefined ? index?.codesForStatus(expectedStatus) : undefined;
  if (only?.length === 1) return { code: only[0]!.code, entry: only[0]! };
  const status = expectedStatus ?? item.response?.status;
  if (status === undefined) return undefined;
  const byStatus = httpStatusEntry(status);
  return byStatus ? { code: `HTTP ${status}`, entry: byStatus } : undefined;
}
