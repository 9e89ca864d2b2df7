import type { Finding } from './findings.js';
import { RESULTS_SCHEMA_VERSION, type ExpectedAnswer, type NotRun, type ResultItem, type Results } from './results.js';

/** A results file of any version this statuslint reads (1 to the current one). */
export type StoredResults = Omit<Results, 'schemaVersion' | 'api'> & {
  schemaVersion: number;
  summary?: unknown;
  api?: NonNullable<Results['api']> & { notRun?: NotRun[] };
};

/**
 * A results file read as the current version, so that reporters know one model. The summary
 * (version 2 on) is dropped because the reporters compute it afresh; version 3 moved `api.notRun` to
 * `notRun`; probe items from before results recorded `expected` get it back from their checks.
 */
export function upgradeResults(stored: StoredResults): Results {
  const { summary: _summary, api, ...model } = stored;
  const { notRun: apiNotRun, ...apiRest } = api ?? { document: '', operations: 0 };
  const notRun = model.notRun ?? apiNotRun;
  return {
    ...model,
    ...(api ? { api: apiRest } : {}),
    ...(notRun ? { notRun } : {}),
    schemaVersion: RESULTS_SCHEMA_VERSION,
    items: model.items.map((item) => (item.probeId === undefined || item.expected ? item : withExpectation(item))),
  };
}

function withExpectation(item: ResultItem): ResultItem {
  const expected = expectationFromChecks(item);
  return expected ? { ...item, expected } : item;
}

const failedFinding = (item: ResultItem, checkId: string): Finding | undefined =>
  item.checks.flatMap((c) => (c.checkId === checkId && c.outcome === 'fail' ? c.findings : []))[0];
const passed = (item: ResultItem, checkId: string): boolean => item.checks.some((c) => c.checkId === checkId && c.outcome === 'pass');

/** What a probe asked for, read back from its checks: a failed check names it; a passed one means the response had it. */
function expectationFromChecks(item: ResultItem): ExpectedAnswer | undefined {
  const statusFinding = failedFinding(item, 'status-code-expected')?.expected;
  const status = statusFinding && /^\d{3}$/.test(statusFinding) ? Number(statusFinding) : passed(item, 'status-code-expected') ? item.response?.status : undefined;
  if (status === undefined) return undefined;
  const reason = failedFinding(item, 'reason-expected')?.expected ?? (passed(item, 'reason-expected') ? reasonInBody(item) : undefined);
  return { status, ...(reason ? { reason } : {}) };
}

/** The reason in a recorded body (a Status, or a watch event's Status). */
function reasonInBody(item: ResultItem): string | undefined {
  try {
    const body = JSON.parse(item.response?.body ?? '') as Record<string, unknown>;
    const status = typeof body.object === 'object' && body.object !== null && body.type !== undefined ? (body.object as Record<string, unknown>) : body;
    return typeof status.reason === 'string' ? status.reason : undefined;
  } catch {
    return undefined;
  }
}
