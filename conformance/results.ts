import type { Level } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import type { Finding } from './findings.js';

export const RESULTS_SCHEMA_VERSION = 1;

/** A request as the results keep it: credentials are never recorded. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponseData {
  status: number;
  headers: Record<string, string>;
  body?: string;
  truncated?: boolean;
}

/** One judged response: a probe against a resource, or a response read from a file. */
export interface ResultItem {
  id: string;
  title: string;
  /** Where it came from: a file position, or the probe and resource. */
  location: string;
  probeId?: string;
  groupVersion?: string;
  resource?: string;
  /** The group-version is served by an aggregated API server. */
  aggregated?: boolean;
  request?: RecordedRequest;
  response?: RecordedResponseData;
  /** Why the probe could not run at all (e.g. the target did not answer). */
  error?: string;
  checks: CheckResult[];
}

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  tool: { name: 'statuslint'; version: string };
  command: 'validate' | 'probe' | 'spec';
  profile: string;
  target?: { server: string; context?: string; version?: string };
  startedAt: string;
  finishedAt: string;
  discovery?: DiscoverySummary;
  /** The run was stopped (Ctrl-C) before every probe ran. */
  interrupted?: boolean;
  /** The namespace created for `--allow-writes`, and whether it was deleted. */
  throwawayNamespace?: { name: string; deleted: boolean; note?: string };
  items: ResultItem[];
}

export interface DiscoverySummary {
  serverVersion?: string;
  groupVersions: Array<{ groupVersion: string; aggregated: boolean; service?: string; resources: number; error?: string }>;
  problems: string[];
}

export const findingsOfItem = (item: ResultItem): Finding[] =>
  item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : []));

export function countFindings(results: Results): Record<Level, number> {
  const counts: Record<Level, number> = { MUST: 0, SHOULD: 0 };
  for (const item of results.items) for (const finding of findingsOfItem(item)) counts[finding.level]++;
  return counts;
}
