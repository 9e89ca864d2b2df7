import { toolVersion } from '../schemas/paths.js';
import type { Level } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import type { Finding } from './findings.js';
import { diagnosticMustFindings, type RunDiagnostic } from './diagnostics.js';
import type { PolicyRecord } from './policy/record.js';
import { digestOf } from './run-digest.js';

/**
 * Version of the results model, and of `schemas/results.schema.json` that describes it. Adding an
 * optional field keeps the version; adding a required one, renaming, removing or changing the meaning
 * of one bumps it. Version 2 added the required `summary`; version 3 moved the probes left out from
 * `api.notRun` to `notRun`, for Kubernetes probes too. Files of versions 1 and 2 are still read.
 */
export const RESULTS_SCHEMA_VERSION = 3;

/** A request as the results keep it: credentials are never recorded. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The body was cut at the recording limit; `body` holds its start. */
  truncated?: boolean;
  /** Sent without the target's credentials: with none, or with a bearer token no server accepts. */
  credentials?: 'none' | 'invalid-token';
}

export interface RecordedResponseData {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** The body was cut (at the client's size cap or the recording limit); `body` holds its start. */
  truncated?: boolean;
  /** With `truncated`: how many bytes the whole body had, when known. */
  bodyBytes?: number;
  /** The body was binary (a protobuf `Status`): `body` is the JSON form of what it encodes. */
  decodedFrom?: string;
}

/** What a probe asked for: the status and reason the conventions give the failure it provokes. */
export interface ExpectedAnswer {
  status: number;
  reason?: string;
  /** Alternatives to `reason`, any of which is right. */
  reasons?: string[];
  /** A condition the returned object must report, e.g. an APIService's `Available: True`. */
  condition?: { type: string; status: string };
}

/** A probe not run on one subject (a resource, an operation, or the whole server), and why. */
export interface NotRun {
  probeId: string;
  /** The resource (`widgets.example.dev`) and its group-version; neither for a server-wide probe. */
  resource?: string;
  groupVersion?: string;
  /** probe --openapi: the operation, e.g. `GET /clusters/{name}`. */
  operation?: string;
  /** Left out of the pass at the aggregated server's own address (`--direct`). */
  via?: 'direct';
  reason: string;
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
  /** probe --openapi: the operation probed, e.g. `GET /clusters/{name}`. */
  operation?: string;
  /** The group-version is served by an aggregated API server. */
  aggregated?: boolean;
  /** For aggregated group-versions: probed through kube-apiserver's aggregator, or at the server's own address. */
  via?: 'aggregator' | 'direct';
  /** For probes: the answer the conventions call for. */
  expected?: ExpectedAnswer;
  request?: RecordedRequest;
  response?: RecordedResponseData;
  /** spec: the OpenAPI document the location and the findings' pointers point into (file path, URL, or a path on target.server). */
  document?: string;
  /** Why the probe could not run at all (e.g. the target did not answer). */
  error?: string;
  /** probe: milliseconds from sending the request to the end of the response, or to the failure. */
  durationMs?: number;
  checks: CheckResult[];
}

/**
 * probe (Kubernetes): milliseconds spent in each phase, one after the other. With `--direct` each
 * phase adds the aggregated server's own pass. Start-up and writing the report are in none of them.
 */
export interface RunTiming {
  /** `/version`, `/api`, `/apis`, each group-version's resource list and the APIServices. */
  discoveryMs: number;
  /** The `?limit=1` lists that find an existing object and whether a resource paginates. */
  samplesMs: number;
  /** Choosing which probe runs on which subject, and why the others do not. */
  planningMs: number;
  /** Every probe sent and judged, with the throwaway namespace's creation and deletion (`--allow-writes`). */
  probesMs: number;
}

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  tool: { name: 'statuslint'; version: string };
  command: 'validate' | 'probe' | 'spec';
  profile: string;
  target?: {
    server: string;
    context?: string;
    version?: string;
    /** The credential headers sent with every request, lower-case, each with its scheme (`Bearer`, `Basic`, or empty): never a value. */
    credentials?: Record<string, string>;
    /** TLS as a reproduction needs it: a client certificate, a CA of the user's own, no verification (never the files). */
    tls?: { clientCertificate?: true; ca?: true; insecure?: true };
  };
  /** The aggregated API server probed at its own address too (`--direct`). */
  direct?: { server: string; version?: string };
  startedAt: string;
  finishedAt: string;
  discovery?: DiscoverySummary;
  /** probe --openapi: the document the probes were derived from. */
  api?: { document: string; operations: number };
  /** Probes that were selected but not run on a subject, each with the reason. */
  notRun?: NotRun[];
  /** The run was stopped (Ctrl-C) before every probe ran. */
  interrupted?: boolean;
  /** The namespace created for `--allow-writes`, and whether it was deleted. */
  throwawayNamespace?: { name: string; deleted: boolean; note?: string };
  /** probe (Kubernetes): how long each phase of the run took. */
  timing?: RunTiming;
  /** What a config file and a baseline changed: levels set, checks turned off, subjects ignored, waivers and the baseline applied. */
  policy?: PolicyRecord;
  /** What the run says once instead of on each response: the profile `auto` picked, a profile the error bodies do not fit, credentials not given. */
  diagnostics?: RunDiagnostic[];
  items: ResultItem[];
}


/** The fields every results model starts with, whatever made it. */
export function resultsHeader(command: Results['command'], profile: string, startedAt: Date | string): Pick<Results, 'schemaVersion' | 'tool' | 'command' | 'profile' | 'startedAt' | 'finishedAt'> {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'statuslint', version: toolVersion() },
    command,
    profile,
    startedAt: typeof startedAt === 'string' ? startedAt : startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}

/**
 * How a run ended, in the words of `--format json`: `conformant`, `not-conformant` or `nothing-checked`
 * by the verdict rule, or `interrupted` when it was stopped before it finished. For `probe` these are
 * its exit codes 0, 1, 5 and 130.
 */
export type SummaryVerdict = 'conformant' | 'not-conformant' | 'nothing-checked' | 'interrupted';

/** The outcome of a run, so that a script reading the results file need not count the items itself. */
export interface ResultsSummary {
  verdict: SummaryVerdict;
  /** The verdict rule applied to what ran, also when the run was interrupted. */
  conformant: boolean;
  findings: Record<Level, number>;
  responses: number;
  /** Responses with at least one finding. */
  failedResponses: number;
  /** Items with no usable response (or, for `spec`, a document that could not be read). */
  errors: number;
  /** Check results at each level; a failed check counts at the level of its most severe finding. */
  checks: Record<Level, { passed: number; failed: number; skipped: number }>;
  /** passed ÷ (passed + failed) at each level, from 0 to 1; null when no check of the level ran. */
  passRates: Record<Level, number | null>;
  /** With a policy: findings reported apart, which do not count in `findings`. */
  suppressed?: { known: number; waived: number; inherited: number };
  /** With `--baseline`: findings not in it, findings in it, and entries fixed since (`3 new, 12 known, 2 fixed`). */
  baseline?: { new: number; known: number; fixed: number };
  /** Waivers past their date, by name: the run fails until they are renewed or removed. */
  expiredWaivers?: string[];
}

/** What `--format json` writes: the model, with its summary computed when written. */
export type ResultsDocument = Results & { summary: ResultsSummary };

export interface DiscoverySummary {
  serverVersion?: string;
  /** The groups named with `--group`, as named (`core` for the core group). */
  groups?: string[];
  groupVersions: Array<{
    groupVersion: string;
    aggregated: boolean;
    /** The APIService's backing service (`namespace/name`) for an aggregated group-version. */
    service?: string;
    /** How many resources discovery listed. */
    resources: number;
    /** Their names, when recorded. */
    resourceNames?: string[];
    error?: string;
  }>;
  problems: string[];
}

/** The findings that count against the run: every finding of a failed check that is not suppressed (known, waived, inherited). */
export function findingsOfItem(item: ResultItem): Finding[] {
  // A loop rather than flatMap: every reporter asks this of every item, and most checks pass.
  const findings: Finding[] = [];
  for (const check of item.checks) {
    if (check.outcome !== 'fail') continue;
    for (const finding of check.findings) if (finding.suppressed === undefined) findings.push(finding);
  }
  return findings;
}

/** Whether a check failed: only then has the response findings (most responses of a run pass). */
export function hasFailedCheck(item: ResultItem): boolean {
  for (const result of item.checks) if (result.outcome === 'fail') return true;
  return false;
}

/** The findings reported apart: known from the baseline, waived, or inherited. */
export const suppressedFindingsOfItem = (item: ResultItem): Finding[] =>
  item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings.filter((f) => f.suppressed !== undefined) : []));

/** A failed check all of whose findings are suppressed: it counts neither as passed nor as failed. */
export const isSuppressedFailure = (result: CheckResult): boolean => result.outcome === 'fail' && result.findings.every((f) => f.suppressed !== undefined);

export function countFindings(results: Results): Record<Level, number> {
  const counts: Record<Level, number> = { ...digestOf(results).findings };
  // A profile the error bodies do not fit is one MUST finding of the run, said once.
  counts.MUST += diagnosticMustFindings(results);
  return counts;
}

/** A bearer token no authenticator accepts: not a JWT, not a known static or bootstrap token. Not a secret: reports show it. */
export const INVALID_TOKEN = 'statuslint-invalid-token';

/** The placeholder every reporter writes instead of a secret. */
export const REDACTED = '[redacted]';

/** Headers that carry credentials or session state; a name containing one of the words does too. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'apikey']);
const CREDENTIAL_WORDS = /(^|[-_])(token|secret|password|passwd|credentials?|session|api[-_]?key|auth[-_]?key|signature)($|[-_])/i;
/** Names of query parameters that carry credentials in a request line. */
const CREDENTIAL_PARAM_NAMES = 'access[-_]?token|token|api[-_]?key|apikey|key|secret|password|sig|signature|x-amz-signature|x-goog-signature';
const CREDENTIAL_PARAMS = new RegExp(`([?&])(${CREDENTIAL_PARAM_NAMES})=[^&#\\s)"']*`, 'gi');
const CREDENTIAL_PARAM = new RegExp(`^(?:${CREDENTIAL_PARAM_NAMES})$`, 'i');

export const isCredentialHeader = (name: string): boolean => CREDENTIAL_HEADERS.has(name.toLowerCase()) || CREDENTIAL_WORDS.test(name);
export const isCredentialParam = (name: string): boolean => CREDENTIAL_PARAM.test(name);

/** Header names already judged: a run's responses share a handful, so each is tested once. */
const credentialNames = new Map<string, boolean>();
// Names come from servers: past this many, the table stops growing and new names are tested each time.
const MAX_NAMES_KEPT = 1024;

function isCredentialName(name: string): boolean {
  let credential = credentialNames.get(name);
  if (credential === undefined) {
    credential = isCredentialHeader(name);
    if (credentialNames.size < MAX_NAMES_KEPT) credentialNames.set(name, credential);
  }
  return credential;
}

function hasCredentialHeader(headers: Record<string, string>): boolean {
  for (const name in headers) if (Object.prototype.hasOwnProperty.call(headers, name) && isCredentialName(name)) return true;
  return false;
}

/** The headers with credentials replaced; the same object when none carries one, as most do not. */
function redactHeaders(headers: Record<string, string>): Record<string, string> {
  if (!hasCredentialHeader(headers)) return headers;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isCredentialName(name) ? REDACTED : value;
  return out;
}

/** Text with credentials in URL user info (`https://user:pass@host`) or in query parameters replaced. */
export const redactText = (text: string): string =>
  // Most text has neither user info nor a query: skip the expressions (every response's title and location passes here).
  !text.includes('@') && !text.includes('=') ? text : text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, `$1${REDACTED}@`).replace(CREDENTIAL_PARAMS, `$1$2=${REDACTED}`);

/** A Secret's values, wherever a body carries one (the object, a list's items, a watch event's object). */
function redactSecretValues(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const object = value as Record<string, unknown>;
  let changed = false;
  if (object.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = object[field];
      if (typeof values !== 'object' || values === null) continue;
      for (const key of Object.keys(values)) (values as Record<string, unknown>)[key] = REDACTED;
      changed = true;
    }
  }
  if (Array.isArray(object.items)) for (const item of object.items) changed = redactSecretValues(item) || changed;
  if (object.type !== undefined && 'object' in object) changed = redactSecretValues(object.object) || changed;
  return changed;
}

/** A recorded body with a Secret's values replaced; other bodies unchanged. */
export function redactBody(text: string | undefined): string | undefined {
  if (text === undefined || !text.includes('Secret')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return redactSecretValues(parsed) ? JSON.stringify(parsed) : text;
  } catch {
    // A Secret cut off at the recording limit cannot be parsed; keep none of it.
    return /"kind"\s*:\s*"Secret"/.test(text) ? `${REDACTED} (a Secret, cut off when recorded)` : text;
  }
}

/**
 * The model with every credential replaced. statuslint never records credentials, but a results file
 * may come from elsewhere or an older version, and reports get published: redact again.
 */
export function redactResults(results: Results): Results {
  return {
    ...results,
    ...(results.target ? { target: { ...results.target, server: redactText(results.target.server) } } : {}),
    ...(results.direct ? { direct: { ...results.direct, server: redactText(results.direct.server) } } : {}),
    items: results.items.map(redactItem),
  };
}

/**
 * One response with every credential replaced, as `redactResults` replaces them. An item with nothing
 * to replace, as nearly every one is, is given back as it is (nothing changes a judged item in place):
 * redacting a response again, as each format does, then costs a look and no copy.
 */
export function redactItem(item: ResultItem): ResultItem {
  const title = redactText(item.title);
  const location = redactText(item.location);
  const request = item.request && redactRequest(item.request);
  const response = item.response && redactResponse(item.response);
  if (title === item.title && location === item.location && request === item.request && response === item.response) return item;
  return {
    ...item,
    title,
    location,
    ...(request ? { request } : {}),
    ...(response ? { response } : {}),
  };
}

/** A recorded request with credentials replaced; the same object when it has none. */
function redactRequest(request: RecordedRequest): RecordedRequest {
  const path = redactText(request.path);
  const headers = redactHeaders(request.headers);
  const body = request.body !== undefined ? redactBody(request.body) : undefined;
  if (path === request.path && headers === request.headers && body === request.body) return request;
  return { ...request, path, headers, ...(request.body !== undefined ? { body } : {}) };
}

/** A recorded response with credentials replaced; the same object when it has none. */
function redactResponse(response: RecordedResponseData): RecordedResponseData {
  const headers = redactHeaders(response.headers);
  const body = response.body !== undefined ? redactBody(response.body) : undefined;
  if (headers === response.headers && body === response.body) return response;
  return { ...response, headers, ...(response.body !== undefined ? { body } : {}) };
}

/** Where a recorded response came from, read from `location` (`file#3` HAR entry, `file:3` JSON Lines line, `file[2]` array element). */
export interface RecordedSource {
  file: string;
  line?: number;
  entry?: number;
  element?: number;
}

export function recordedSourceOf(item: ResultItem): RecordedSource | undefined {
  if (item.probeId !== undefined || item.request !== undefined) return undefined;
  const match = /^(.*?)(?:#(\d+)|:(\d+)|\[(\d+)\])?$/.exec(item.location);
  if (!match || match[1] === '' || match[1] === '<stdin>') return undefined;
  return {
    file: match[1]!,
    ...(match[2] ? { entry: Number(match[2]) } : {}),
    ...(match[3] ? { line: Number(match[3]) } : {}),
    ...(match[4] ? { element: Number(match[4]) } : {}),
  };
}
