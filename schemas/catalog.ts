import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { catalogDir } from './paths.js';
import type { AppearsIn, CatalogEntry, OperationCondition, OperationVerb, Profile, ProfileDocument, RequestError, RetryGuidance, StatusOperations } from './types.js';
import { WORKLOAD_APPEARS_IN } from './types.js';
import { type BuiltinProfileName, isBuiltinProfileName } from './builtin-profiles.js';

export { BUILTIN_PROFILES, type BuiltinProfileName, isBuiltinProfileName } from './builtin-profiles.js';

const documents = new Map<string, ProfileDocument>();

/** A catalog file as shipped in `schemas/catalog/` (validated against the profile schema by the test suite). */
export function readCatalogDocument(name: BuiltinProfileName | 'http'): ProfileDocument {
  let document = documents.get(name);
  if (!document) {
    document = JSON.parse(readFileSync(join(catalogDir(), `${name}.json`), 'utf8')) as ProfileDocument;
    documents.set(name, document);
  }
  return document;
}

/** Turn a profile document into a profile, merging the entries of the built-in it extends. */
export function profileFromDocument(document: ProfileDocument, origin: string): Profile {
  const base = document.extends && isBuiltinProfileName(document.extends) ? builtinProfile(document.extends) : undefined;
  const own = document.entries ?? [];
  const overridden = new Set(own.map((e) => `${e.appearsIn}\u0000${e.code}`));
  const inherited = (base?.entries ?? []).filter((e) => !overridden.has(`${e.appearsIn}\u0000${e.code}`));
  return {
    name: document.name,
    title: document.title ?? base?.title ?? document.name,
    description: document.description ?? base?.description ?? '',
    ...(document.reference ?? base?.reference ? { reference: document.reference ?? base?.reference } : {}),
    body: document.body,
    contentTypes: document.contentTypes ?? base?.contentTypes ?? ['application/json'],
    ...(document.requestErrors ?? base?.requestErrors ? { requestErrors: { ...base?.requestErrors, ...document.requestErrors } } : {}),
    entries: [...inherited, ...own],
    origin,
  };
}

const builtins = new Map<string, Profile>();

export function builtinProfile(name: BuiltinProfileName): Profile {
  let profile = builtins.get(name);
  if (!profile) {
    profile = profileFromDocument(readCatalogDocument(name), 'builtin');
    builtins.set(name, profile);
  }
  return profile;
}

/** The HTTP status codes every profile shares. */
export function httpStatusEntries(): CatalogEntry[] {
  return readCatalogDocument('http').entries ?? [];
}

/**
 * The status a profile gives a request error: its own (or what it extends) declares it, else the
 * shared HTTP table's `requestErrors` (`http.json`).
 */
export function requestErrorStatus(profile: Pick<Profile, 'requestErrors'>, error: RequestError): number {
  const status = profile.requestErrors?.[error] ?? readCatalogDocument('http').requestErrors?.[error];
  if (status === undefined) throw new Error(`schemas/catalog/http.json declares no requestErrors.${error}`);
  return status;
}

export function httpStatusEntry(status: number): CatalogEntry | undefined {
  return httpStatusEntries().find((e) => e.httpStatus === status);
}

/**
 * Retry guidance a catalog entry asks of a server: `required` for the `retry-after` recovery class,
 * `expected` where the catalog marks it `retryAfter: expected`. The ESLint rule reports the first
 * as "must" and the second as "should"; the live check reports both at its one level.
 */
export function retryGuidance(entry: CatalogEntry | undefined): RetryGuidance | undefined {
  if (!entry) return undefined;
  if (entry.recovery === 'retry-after') return 'required';
  return entry.retryAfter;
}

/** An HTTP status an operation can meet, with why (from the status's `operations` in the catalog). */
export interface OperationStatus {
  status: number;
  entry: CatalogEntry;
  operations: StatusOperations;
}

/** What an operation does besides its verb, as the catalog's `operations.when` names it. */
export type OperationFacts = Readonly<Record<OperationCondition, boolean>>;

/** What the shared HTTP status table implies, worked out once for every profile. */
interface HttpImplications {
  /** Indexed by status, every slot filled: it is read for every response judged. */
  retryGuidance: ReadonlyArray<RetryGuidance | undefined>;
  retryStatuses: readonly number[];
  operationStatuses: readonly OperationStatus[];
  authFailures: ReadonlyMap<'authentication' | 'authorization', number>;
}

let httpImplications: HttpImplications | undefined;

function implicationsOfHttpTable(): HttpImplications {
  if (httpImplications) return httpImplications;
  const byStatus = Array.from({ length: 600 }, (): RetryGuidance | undefined => undefined);
  const operationStatuses: OperationStatus[] = [];
  const authFailures = new Map<'authentication' | 'authorization', number>();
  for (const entry of httpStatusEntries()) {
    const status = entry.httpStatus;
    if (status === null) continue;
    byStatus[status] = retryGuidance(entry);
    if (entry.operations) {
      operationStatuses.push({ status, entry, operations: entry.operations });
      const when = entry.operations.when;
      if (when === 'authentication' || when === 'authorization') authFailures.set(when, status);
    }
  }
  operationStatuses.sort((a, b) => a.status - b.status);
  const retryStatuses = byStatus.flatMap((guidance, status) => (guidance ? [status] : []));
  return (httpImplications = { retryGuidance: byStatus, retryStatuses, operationStatuses, authFailures });
}

/** What a profile knows a code as: an API error code, a pod or container reason, or both. */
export interface KnownCode {
  /** As `errorCode` answers. */
  readonly error: CatalogEntry | undefined;
  /** As `workloadReason` answers. */
  readonly workload: CatalogEntry | undefined;
}

type KnownCodeDraft = { -readonly [K in keyof KnownCode]: KnownCode[K] };

/** Fast look-ups over one profile's entries, and the answers to what its catalog implies. */
export class ProfileIndex {
  readonly profile: Profile;
  private readonly byPlace = new Map<AppearsIn, Map<string, CatalogEntry>>();
  private readonly misspelled = new Map<string, CatalogEntry>();
  private readonly known = new Map<string, KnownCodeDraft>();
  private readonly byStatus = new Map<number, readonly CatalogEntry[]>();
  private readonly http: HttpImplications;
  /** The media types an error body of this profile may come as: its own, and `application/json` always. */
  readonly errorMediaTypes: readonly string[];

  constructor(profile: Profile) {
    this.profile = profile;
    this.http = implicationsOfHttpTable();
    for (const entry of profile.entries) {
      let place = this.byPlace.get(entry.appearsIn);
      if (!place) this.byPlace.set(entry.appearsIn, (place = new Map()));
      place.set(entry.code, entry);
      for (const spelling of entry.misspellings ?? []) this.misspelled.set(spelling, entry);
    }
    for (const entry of this.entries(this.errorPlace())) this.knownAs(entry.code).error = entry;
    // The first place that knows a code wins, as in `workloadReason`.
    for (const place of WORKLOAD_APPEARS_IN) for (const entry of this.entries(place)) this.knownAs(entry.code).workload ??= entry;
    this.errorMediaTypes = Object.freeze([...new Set([...profile.contentTypes, 'application/json'])]);
  }

  private knownAs(code: string): KnownCodeDraft {
    let known = this.known.get(code);
    if (!known) this.known.set(code, (known = { error: undefined, workload: undefined }));
    return known;
  }

  /**
   * The code as an error code and as a pod or container reason, in one look-up: what every response
   * judged asks of its code.
   */
  knownCode(code: string): KnownCode | undefined {
    return this.known.get(code);
  }

  /** The code as an API error code: a Status reason, or an envelope `error`. */
  errorCode(code: string): CatalogEntry | undefined {
    return this.byPlace.get(this.errorPlace())?.get(code);
  }

  entry(appearsIn: AppearsIn, code: string): CatalogEntry | undefined {
    return this.byPlace.get(appearsIn)?.get(code);
  }

  entries(appearsIn: AppearsIn): CatalogEntry[] {
    return [...(this.byPlace.get(appearsIn)?.values() ?? [])];
  }

  /** A pod or container reason that is not an API reason, e.g. `CrashLoopBackOff`. */
  workloadReason(code: string): CatalogEntry | undefined {
    for (const place of WORKLOAD_APPEARS_IN) {
      const entry = this.byPlace.get(place)?.get(code);
      if (entry) return entry;
    }
    return undefined;
  }

  /**
   * Error codes that go with an HTTP status, e.g. 409 → AlreadyExists, Conflict. Kept per status: every
   * response whose reason and code disagree asks it, and the entries never change.
   */
  codesForStatus(status: number): readonly CatalogEntry[] {
    let codes = this.byStatus.get(status);
    if (!codes) this.byStatus.set(status, (codes = Object.freeze(this.entries(this.errorPlace()).filter((e) => e.httpStatus === status && e.code !== ''))));
    return codes;
  }

  /** Where this profile's error codes live. */
  errorPlace(): AppearsIn {
    return this.profile.body.kind === 'envelope' ? 'envelope-error' : 'status-reason';
  }

  /**
   * The retry guidance a response asks: the stronger of its HTTP status's (429 `required`, 503
   * `expected`) and its error code's (`TooManyRequests` `required`; `Timeout`, `ServerTimeout` or a
   * user's code marked `retryAfter: expected`). Either may be unknown.
   */
  retryGuidance(status: number | undefined, entry?: CatalogEntry): RetryGuidance | undefined {
    const table = this.http.retryGuidance;
    const byStatus = status !== undefined && status >= 0 && status < table.length ? table[status] : undefined;
    if (byStatus === 'required' || entry === undefined) return byStatus;
    return retryGuidance(entry) ?? byStatus;
  }

  /** The HTTP statuses that ask for retry guidance by themselves, ascending. */
  retryGuidanceStatuses(): readonly number[] {
    return this.http.retryStatuses;
  }

  /**
   * The error statuses an operation can meet, ascending: those whose catalog `operations` list its
   * verb (or list none) and whose condition holds. `verb` is undefined for an operation of no known verb.
   */
  statusesForOperation(verb: OperationVerb | undefined, facts: OperationFacts): OperationStatus[] {
    return this.http.operationStatuses.filter(({ operations }) => (!operations.verbs || (verb !== undefined && operations.verbs.includes(verb))) && (!operations.when || facts[operations.when]));
  }

  /** The status of a failed authentication (401) or of a missing permission (403). */
  authFailureStatus(failure: 'authentication' | 'authorization'): number | undefined {
    return this.http.authFailures.get(failure);
  }

  /** "Did you mean" candidates for an unknown error code: known misspellings first, then close spellings. */
  suggest(code: string, appearsIn: AppearsIn = this.errorPlace()): string[] {
    const known = this.misspelled.get(code);
    if (known && known.appearsIn === appearsIn) return [known.code];
    return suggestClosest(code, this.entries(appearsIn).map((e) => e.code));
  }
}

/** Candidates within a small edit distance, closest first; case differences count as nearly nothing. */
export function suggestClosest(input: string, candidates: readonly string[], limit = 3): string[] {
  if (input === '') return [];
  const folded = input.toLowerCase().replace(/[^a-z0-9]/g, '');
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    if (candidate === '') continue;
    const candidateFolded = candidate.toLowerCase().replace(/[^a-z0-9]/g, '');
    const score = candidateFolded === folded ? 0 : distance(folded, candidateFolded);
    const allowed = Math.max(2, Math.floor(candidateFolded.length / 3));
    if (score <= allowed) scored.push([candidate, score]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

const indexes = new WeakMap<Profile, ProfileIndex>();

export function indexOf(profile: Profile): ProfileIndex {
  let index = indexes.get(profile);
  if (!index) indexes.set(profile, (index = new ProfileIndex(profile)));
  return index;
}
