import { builtinProfile, httpStatusEntry, indexOf, isBuiltinProfileName } from '../schemas/catalog.js';
import type { CatalogEntry, Level } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import { ALL_CHECKS } from './checks/index.js';
import { diagnosticMustFindings } from './diagnostics.js';
import type { Finding } from './findings.js';
import { findingsOfItem, isSuppressedFailure, recordedSourceOf, type ResultItem, type Results, type ResultsSummary } from './results.js';
import { policySummary } from './policy/summary.js';
import { isConformant, nothingCheckedReason, runVerdict, type Verdict, VERDICT_LABEL, VERDICT_RULE } from './verdict.js';

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
const emptyLevels = (): LevelTallies => ({ MUST: emptyTally(), SHOULD: emptyTally() });

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

/** spec: the item of a whole document (its document-wide checks), not one of its operations. Its id is the document's, ending in `#`. */
export const isSpecDocumentItem = (item: ResultItem): boolean => item.id.endsWith('#');

/**
 * `7 responses`; for `spec`, whose items are operations and documents, `7 operations and the document`;
 * with `isFailing`, `4 of 7 operations and the document` (or `and 2 of 40 documents`): counts say what
 * they count.
 */
export function countedItems(results: Results, isFailing?: (item: ResultItem) => boolean): string {
  const of = (items: readonly ResultItem[], word: string): string => `${isFailing ? `${items.filter(isFailing).length} of ` : ''}${plural(items.length, word)}`;
  if (results.command !== 'spec') return of(results.items, 'response');
  const operations = results.items.filter((i) => !isSpecDocumentItem(i));
  const documents = results.items.filter(isSpecDocumentItem);
  const failingDocuments = isFailing ? documents.filter(isFailing).length : documents.length;
  const ofDocuments = failingDocuments === 0 ? '' : documents.length === 1 ? ' and the document' : ` and ${of(documents, 'document')}`;
  return `${of(operations, 'operation')}${ofDocuments}`;
}

/** A failed check counts at the level of its most severe finding (a MUST check may report a SHOULD finding); others at the check's own level. */
export function levelOf(result: CheckResult): Level {
  if (result.outcome !== 'fail') return result.level;
  return result.findings.some((f) => f.level === 'MUST') ? 'MUST' : result.findings.length > 0 ? 'SHOULD' : result.level;
}

function count(levels: LevelTallies, result: CheckResult): void {
  const tally = levels[levelOf(result)];
  if (result.outcome === 'pass') tally.passed++;
  else if (isSuppressedFailure(result)) tally.suppressed = (tally.suppressed ?? 0) + 1;
  else if (result.outcome === 'fail') tally.failed++;
  else tally.skipped++;
}

/** The worst that happened to one response: no answer, a MUST finding, a SHOULD finding, or nothing. */
export type ItemOutcome = 'error' | 'must' | 'should' | 'pass';

export function outcomeOf(item: ResultItem): ItemOutcome {
  if (item.error) return 'error';
  const findings = findingsOfItem(item);
  if (findings.some((f) => f.level === 'MUST')) return 'must';
  return findings.length > 0 ? 'should' : 'pass';
}

const OUTCOME_RANK: Record<ItemOutcome, number> = { pass: 0, should: 1, must: 2, error: 3 };
export const worseOutcome = (a: ItemOutcome, b: ItemOutcome): ItemOutcome => (OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a);

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

/** One row per check, in the order statuslint runs them; checks a results file names but this version lacks come last. */
export function summarizeChecks(results: Results): CheckSummaryRow[] {
  const rows = new Map<string, CheckSummaryRow>();
  for (const check of ALL_CHECKS) {
    rows.set(check.id, { checkId: check.id, title: check.title, description: check.description, level: check.level, passed: 0, failed: 0, skipped: 0, findings: 0, suppressed: 0 });
  }
  const seen = new Set<string>();
  const failedAt = new Map<string, Level>();
  for (const item of results.items) {
    for (const result of item.checks) {
      let row = rows.get(result.checkId);
      if (!row) rows.set(result.checkId, (row = { checkId: result.checkId, title: result.checkId, description: undefined, level: result.level, passed: 0, failed: 0, skipped: 0, findings: 0, suppressed: 0 }));
      seen.add(result.checkId);
      if (result.outcome === 'pass') row.passed++;
      else if (result.outcome === 'skip') row.skipped++;
      else if (isSuppressedFailure(result)) row.suppressed++;
      else {
        // A MUST check whose findings are all SHOULD fails at SHOULD, here as in the level tallies.
        if (row.failed === 0 || levelOf(result) === 'MUST') failedAt.set(row.checkId, levelOf(result));
        row.failed++;
        row.findings += result.findings.filter((finding) => finding.suppressed === undefined).length;
      }
    }
  }
  return [...rows.values()].filter((row) => seen.has(row.checkId)).map((row) => ({ ...row, level: failedAt.get(row.checkId) ?? row.level }));
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

function groupKeyOf(item: ResultItem, results: Results): GroupKey {
  // spec: a reader fixes a document, and one cluster document (`/openapi/v2`) spans every group-version.
  if (results.command === 'spec' && item.document !== undefined) return { key: `document:${item.document}`, label: item.document, kind: 'document' };
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
  const source = recordedSourceOf(item);
  if (results.command !== 'probe' && source) return { key: `file:${source.file}`, label: source.file, kind: 'file' };
  return {
    key: `discovery${direct ? ':direct' : ''}`,
    label: results.command === 'probe' ? `responses seen while discovering${direct ? ' (direct)' : ''}` : 'responses',
    kind: 'discovery',
  };
}

/** Pass rates per group-version (every discovered one, probed or not), then per server-wide probe, discovery response or file. */
export function summarizeGroups(results: Results): GroupSummaryRow[] {
  const rows = new Map<string, GroupSummaryRow>();
  const resourcesSeen = new Map<string, Set<string>>();
  for (const gv of results.discovery?.groupVersions ?? []) {
    rows.set(`gv:${gv.groupVersion}`, {
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
  for (const item of results.items) {
    const key = groupKeyOf(item, results);
    let row = rows.get(key.key);
    if (!row) {
      const discovered = key.groupVersion ? rows.get(`gv:${key.groupVersion}`) : undefined;
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
      rows.set(key.key, row);
    }
    if (key.via) row.via = key.via;
    row.responses++;
    if (key.kind === 'document' && !isSpecDocumentItem(item)) row.operations++;
    if (item.error) row.errors++;
    if (findingsOfItem(item).length > 0) row.failedResponses++;
    for (const result of item.checks) count(row.levels, result);
    if (item.resource && !results.discovery) {
      let set = resourcesSeen.get(key.key);
      if (!set) resourcesSeen.set(key.key, (set = new Set()));
      set.add(item.resource);
    }
  }
  for (const [key, set] of resourcesSeen) rows.get(key)!.resources = set.size;
  const order: Record<GroupKind, number> = { 'group-version': 0, file: 0, path: 0, document: 0, target: 1, discovery: 2 };
  return [...rows.values()].sort((a, b) => order[a.kind] - order[b.kind]);
}

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
  const levels = emptyLevels();
  const findings: Record<Level, number> = { MUST: 0, SHOULD: 0 };
  let errors = 0;
  let failedResponses = 0;
  for (const item of results.items) {
    if (item.error) errors++;
    const itemFindings = findingsOfItem(item);
    if (itemFindings.length > 0) failedResponses++;
    for (const finding of itemFindings) findings[finding.level]++;
    for (const result of item.checks) count(levels, result);
  }
  findings.MUST += diagnosticMustFindings(results);
  return { levels, responses: results.items.length, errors, failedResponses, findings };
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

/** The same problem met on several responses: one check, one level, the same expected and received values. */
export interface FailureGroup {
  checkId: string;
  level: Level;
  expected?: string;
  received?: string;
  /** The first response's finding, as an example. */
  finding: Finding;
  items: ResultItem[];
}

/** Findings grouped by problem: MUST before SHOULD, then the most widespread first. */
export function failureGroups(results: Results): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const item of results.items) {
    for (const finding of findingsOfItem(item)) {
      const key = [finding.checkId, finding.level, finding.expected ?? '', finding.received ?? ''].join('\u0000');
      let group = groups.get(key);
      if (!group) {
        group = {
          checkId: finding.checkId,
          level: finding.level,
          ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
          ...(finding.received !== undefined ? { received: finding.received } : {}),
          finding,
          items: [],
        };
        groups.set(key, group);
      }
      if (!group.items.includes(item)) group.items.push(item);
    }
  }
  return [...groups.values()].sort((a, b) => (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : 1) || b.items.length - a.items.length || a.checkId.localeCompare(b.checkId));
}

/** A short name for the thing a response is about: the resource, the server, or the recorded position. */
export function subjectOf(item: ResultItem): string {
  const direct = item.via === 'direct' ? ' (direct)' : '';
  if (item.resource) return `${item.resource}${direct}`;
  if (item.operation) return item.operation;
  if (item.probeId) return `server${direct}`;
  return item.location;
}

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
