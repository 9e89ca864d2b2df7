import { builtinProfile, httpStatusEntry, indexOf, isBuiltinProfileName } from '../schemas/catalog.js';
import type { CatalogEntry, Level } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import { ALL_CHECKS } from './checks/index.js';
import type { Finding } from './findings.js';
import { findingsOfItem, recordedSourceOf, type ResultItem, type Results, type ResultsSummary } from './results.js';
import { isConformant, VERDICT_RULE } from './verdict.js';

export interface ProbeSummaryRow {
  probeId: string;
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
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { probeId: id, ran: 0, failed: { MUST: 0, SHOULD: 0 }, errors: 0 }));
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
  /** How many (probe, operation) pairs. */
  count: number;
}

/** probe --openapi: the probes left out, grouped by why (write safety, no value surely unknown…), most first. */
export function notRunByReason(results: Results): NotRunGroup[] {
  const groups = new Map<string, NotRunGroup>();
  for (const { probeId, reason } of results.api?.notRun ?? []) {
    const group = groups.get(reason) ?? { reason, probeIds: [], count: 0 };
    if (!group.probeIds.includes(probeId)) group.probeIds.push(probeId);
    group.count++;
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export function verdictOf(results: Results): { conformant: boolean; rule: string } {
  return { conformant: isConformant(results), rule: VERDICT_RULE };
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
    const key = `${item.probeId}\u0000${item.resource ?? ''}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { probeId: item.probeId, resource: item.resource ?? '(target)' }));
    row[item.via] = { ...(item.response ? { status: item.response.status } : {}), failed: [...new Set(findingsOfItem(item).map((f) => f.checkId))].sort() };
  }
  return [...rows.values()].filter((r) => r.aggregator && r.direct);
}

/** How often checks of one level passed, failed and were skipped. */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
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

/** A failed check counts at the level of its most severe finding (a MUST check may report a SHOULD finding); others at the check's own level. */
export function levelOf(result: CheckResult): Level {
  if (result.outcome !== 'fail') return result.level;
  return result.findings.some((f) => f.level === 'MUST') ? 'MUST' : result.findings.length > 0 ? 'SHOULD' : result.level;
}

function count(levels: LevelTallies, result: CheckResult): void {
  const tally = levels[levelOf(result)];
  if (result.outcome === 'pass') tally.passed++;
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
  /** Findings the check reported, over all responses. */
  findings: number;
}

/** One row per check, in the order statuslint runs them; checks a results file names but this version lacks come last. */
export function summarizeChecks(results: Results): CheckSummaryRow[] {
  const rows = new Map<string, CheckSummaryRow>();
  for (const check of ALL_CHECKS) {
    rows.set(check.id, { checkId: check.id, title: check.title, description: check.description, level: check.level, passed: 0, failed: 0, skipped: 0, findings: 0 });
  }
  const seen = new Set<string>();
  for (const item of results.items) {
    for (const result of item.checks) {
      let row = rows.get(result.checkId);
      if (!row) rows.set(result.checkId, (row = { checkId: result.checkId, title: result.checkId, description: undefined, level: result.level, passed: 0, failed: 0, skipped: 0, findings: 0 }));
      seen.add(result.checkId);
      if (result.outcome === 'pass') row.passed++;
      else if (result.outcome === 'skip') row.skipped++;
      else {
        row.failed++;
        row.findings += result.findings.length;
      }
    }
  }
  return [...rows.values()].filter((row) => seen.has(row.checkId));
}

export type GroupKind = 'group-version' | 'target' | 'discovery' | 'file' | 'path';

export interface GroupSummaryRow {
  key: string;
  /** `apps/v1`, `apps/v1 (direct)`, a file name, or what the pseudo-group holds. */
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
  const direct = item.via === 'direct';
  if (item.groupVersion !== undefined) {
    return { key: `gv:${item.groupVersion}${direct ? ':direct' : ''}`, label: `${item.groupVersion}${direct ? ' (direct)' : ''}`, kind: 'group-version', groupVersion: item.groupVersion, ...(item.via ? { via: item.via } : {}) };
  }
  // probe --openapi: the operation's path is what a reader knows the API by.
  if (item.operation !== undefined) {
    const path = item.operation.slice(item.operation.indexOf(' ') + 1);
    return { key: `path:${path}`, label: path, kind: 'path' };
  }
  if (item.probeId !== undefined) return { key: `target${direct ? ':direct' : ''}`, label: direct ? 'server-wide probes (direct)' : 'server-wide probes', kind: 'target', ...(direct ? { via: 'direct' as const } : {}) };
  const source = recordedSourceOf(item);
  if (results.command !== 'probe' && source) return { key: `file:${source.file}`, label: source.file, kind: 'file' };
  return { key: `discovery${direct ? ':direct' : ''}`, label: results.command === 'probe' ? `responses seen while discovering${direct ? ' (direct)' : ''}` : 'responses', kind: 'discovery' };
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
        errors: 0,
        failedResponses: 0,
        levels: emptyLevels(),
      };
      rows.set(key.key, row);
    }
    if (key.via) row.via = key.via;
    row.responses++;
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
  const order: Record<GroupKind, number> = { 'group-version': 0, file: 0, path: 0, target: 1, discovery: 2 };
  return [...rows.values()].sort((a, b) => order[a.kind] - order[b.kind]);
}

export interface ComplianceSummary {
  verdict: { conformant: boolean; rule: string };
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
  const { conformant } = verdictOf(results);
  return {
    // An interrupted run has no verdict on the whole; `conformant` still tells how what ran fared.
    verdict: results.interrupted ? 'interrupted' : conformant ? 'conformant' : 'not-conformant',
    conformant,
    findings,
    responses,
    failedResponses,
    errors,
    checks: levels,
    passRates: { MUST: passRate(levels.MUST) ?? null, SHOULD: passRate(levels.SHOULD) ?? null },
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

/** The reason in a response body (a Status, an envelope's code, or a watch event's Status). */
function reasonInBody(item: ResultItem): string | undefined {
  const text = item.response?.body;
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const status = typeof body.object === 'object' && body.object !== null && body.type !== undefined ? (body.object as Record<string, unknown>) : body;
    return typeof status.reason === 'string' ? status.reason : undefined;
  } catch {
    return undefined;
  }
}

const failedCheck = (item: ResultItem, checkId: string): Finding | undefined =>
  item.checks.flatMap((c) => (c.checkId === checkId && c.outcome === 'fail' ? c.findings : []))[0];
const passedCheck = (item: ResultItem, checkId: string): boolean => item.checks.some((c) => c.checkId === checkId && c.outcome === 'pass');

/**
 * The reason a probe asked for. Results record it (`expected`); for files from before that, it is read
 * back from the checks: a failed `reason-expected` names it, a passed one means the body carries it.
 */
function recordedExpectedReason(item: ResultItem): string | undefined {
  if (item.expected) return item.expected.reason;
  const failed = failedCheck(item, 'reason-expected');
  if (failed?.expected) return failed.expected;
  return passedCheck(item, 'reason-expected') ? reasonInBody(item) : undefined;
}

function recordedExpectedStatus(item: ResultItem): number | undefined {
  if (item.expected) return item.expected.status;
  const failed = failedCheck(item, 'status-code-expected');
  if (failed?.expected && /^\d{3}$/.test(failed.expected)) return Number(failed.expected);
  return passedCheck(item, 'status-code-expected') ? item.response?.status : undefined;
}

export interface MatrixColumn {
  reason: string;
  /** The HTTP status the catalog pairs with the reason. */
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
  cells: Map<string, MatrixCell>;
}

export interface ReasonMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

const probeReasonCache = new WeakMap<Results, Map<string, string>>();

/** A probe asks for the same reason of every resource: where one response hides it (say, a body that is not JSON), another tells. */
function reasonsOfProbes(results: Results): Map<string, string> {
  let reasons = probeReasonCache.get(results);
  if (!reasons) {
    reasons = new Map();
    for (const item of results.items) {
      if (item.probeId === undefined || reasons.has(item.probeId)) continue;
      const reason = recordedExpectedReason(item);
      if (reason) reasons.set(item.probeId, reason);
    }
    probeReasonCache.set(results, reasons);
  }
  return reasons;
}

/** The reason a probe asked for, from its own record or from the same probe on another resource. */
export function expectedReasonOf(item: ResultItem, results: Results): string | undefined {
  if (item.probeId === undefined) return undefined;
  return recordedExpectedReason(item) ?? reasonsOfProbes(results).get(item.probeId);
}

/** Each probed resource against each reason the probes asked of it: did it answer as the conventions say? */
export function reasonResourceMatrix(results: Results): ReasonMatrix {
  const index = catalogIndex(results);
  const probes = results.items.filter((item) => item.probeId !== undefined);
  const columnOf = (item: ResultItem): string | undefined => {
    if (item.expected?.condition) return item.expected.condition.type;
    const reason = expectedReasonOf(item, results);
    if (reason) return reason;
    const status = recordedExpectedStatus(item);
    if (status === undefined) return undefined;
    const candidates = index?.codesForStatus(status) ?? [];
    return candidates.length === 1 ? candidates[0]!.code : `HTTP ${status}`;
  };
  const rows = new Map<string, MatrixRow>();
  const columns = new Map<string, MatrixColumn>();
  for (const item of probes) {
    const column = columnOf(item);
    if (column === undefined) continue;
    if (!columns.has(column)) {
      const status = /^HTTP (\d{3})$/.exec(column)?.[1];
      columns.set(column, { reason: column, status: status ? Number(status) : (index?.errorCode(column)?.httpStatus ?? recordedExpectedStatus(item) ?? undefined) });
    }
    const key = `${item.groupVersion ?? ''}\u0000${item.resource ?? 'server'}\u0000${item.via === 'direct' ? 'direct' : ''}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        label: item.resource ?? 'server',
        ...(item.groupVersion ? { groupVersion: item.groupVersion } : {}),
        aggregated: item.aggregated === true,
        ...(item.via ? { via: item.via } : {}),
        cells: new Map(),
      };
      rows.set(key, row);
    }
    const cell = row.cells.get(column) ?? { outcome: 'pass' as ItemOutcome, items: [] };
    cell.outcome = worseOutcome(cell.outcome, outcomeOf(item));
    cell.items.push(item);
    row.cells.set(column, cell);
  }
  const byStatus = (a: MatrixColumn, b: MatrixColumn): number => (a.status ?? 999) - (b.status ?? 999) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);
  // Resources of a group-version stay together, the core group first; the server-wide row closes the table.
  const rowOrder = (row: MatrixRow): string[] => [row.groupVersion === undefined ? '2' : row.groupVersion === 'v1' ? '0' : '1', row.groupVersion ?? '', row.label, row.via ?? ''];
  const compare = (a: MatrixRow, b: MatrixRow): number => {
    const [x, y] = [rowOrder(a), rowOrder(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  };
  return { columns: [...columns.values()].sort(byStatus), rows: [...rows.values()].sort(compare) };
}

/** Recovery advice from the catalog for a response: the entry of the reason the probe expected, else of the status received. */
export interface Advice {
  /** `Conflict`, or `HTTP 503`. */
  code: string;
  entry: CatalogEntry;
}

export function adviceFor(item: ResultItem, results: Results): Advice | undefined {
  const index = catalogIndex(results);
  const reason = expectedReasonOf(item, results);
  const byReason = reason !== undefined && reason !== '' ? index?.errorCode(reason) : undefined;
  if (byReason) return { code: byReason.code, entry: byReason };
  const expectedStatus = item.probeId !== undefined ? recordedExpectedStatus(item) : undefined;
  // A probe's status that only one reason goes with names that reason (400: `BadRequest`).
  const only = expectedStatus !== undefined ? index?.codesForStatus(expectedStatus) : undefined;
  if (only?.length === 1) return { code: only[0]!.code, entry: only[0]! };
  const status = expectedStatus ?? item.response?.status;
  if (status === undefined) return undefined;
  const byStatus = httpStatusEntry(status);
  return byStatus ? { code: `HTTP ${status}`, entry: byStatus } : undefined;
}
