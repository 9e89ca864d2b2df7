import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { catalogDir } from './paths.js';
import type { AppearsIn, CatalogEntry, Profile, ProfileDocument } from './types.js';
import { WORKLOAD_APPEARS_IN } from './types.js';

export const BUILTIN_PROFILES = ['kubernetes', 'envelope', 'problem'] as const;
export type BuiltinProfileName = (typeof BUILTIN_PROFILES)[number];

export const isBuiltinProfileName = (name: string): name is BuiltinProfileName =>
  (BUILTIN_PROFILES as readonly string[]).includes(name);

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

export function httpStatusEntry(status: number): CatalogEntry | undefined {
  return httpStatusEntries().find((e) => e.httpStatus === status);
}

/** Fast look-ups over one profile's entries. */
export class ProfileIndex {
  readonly profile: Profile;
  private readonly byPlace = new Map<AppearsIn, Map<string, CatalogEntry>>();
  private readonly misspelled = new Map<string, CatalogEntry>();

  constructor(profile: Profile) {
    this.profile = profile;
    for (const entry of profile.entries) {
      let place = this.byPlace.get(entry.appearsIn);
      if (!place) this.byPlace.set(entry.appearsIn, (place = new Map()));
      place.set(entry.code, entry);
      for (const spelling of entry.misspellings ?? []) this.misspelled.set(spelling, entry);
    }
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

  /** Error codes that go with an HTTP status, e.g. 409 → AlreadyExists, Conflict. */
  codesForStatus(status: number): CatalogEntry[] {
    return this.entries(this.errorPlace()).filter((e) => e.httpStatus === status && e.code !== '');
  }

  /** Where this profile's error codes live. */
  errorPlace(): AppearsIn {
    return this.profile.body.kind === 'envelope' ? 'envelope-error' : 'status-reason';
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
