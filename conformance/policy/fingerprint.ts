/**
 * A fingerprint per finding that stays the same from run to run while the problem does: what a
 * baseline remembers and what code-scanning views can track. It is made of what names the problem
 * (the check, the probe, the subject, the place in the response and what was expected) and of nothing
 * a run makes up: names statuslint draws at random, request ids, ports and times are normalised away.
 */
import { hash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { Finding } from '../findings.js';
import type { ResultItem } from '../results.js';
import { groupOfVersion, requestLineOf } from './subjects.js';

/** Bumped when the parts change, so that a baseline of the old form is never half-matched. */
const FINGERPRINT_VERSION = 'v1';

/**
 * What a run draws at random or a server stamps, and what each becomes. Order matters: a missing name
 * holds a salt that the hex rule would otherwise take alone.
 */
const VOLATILE: ReadonlyArray<[RegExp, string]> = [
  // Names of objects no one has: `statuslint-missing-1a2b3c` and the spellings probe --openapi tries.
  [/statuslint[-_]?missing[-_]?[0-9a-f]+/gi, 'statuslint-missing-*'],
  // The throwaway namespace of --allow-writes.
  [/\bstatuslint-[0-9a-f]{8}\b/g, 'statuslint-*'],
  // Where the target listens: scheme, host and port.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s"'`]+/gi, '<origin>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}:\d+\b/g, '<host>'],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '<time>'],
  // Request ids, uids and salts.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b[0-9a-f]{12,}\b/gi, '<hex>'],
  // The salted ids above any real sequence that probe --openapi asks for.
  [/\b\d{9,}\b/g, '<number>'],
];

/**
 * What every pattern of VOLATILE needs somewhere in a text (a name, a scheme, a digit before a dot, four
 * digits, eight hex digits): a text without any is stable as it is. Most pointers and expected values
 * (`/reason`, `409`) are, and each finding of a run of millions asks for two of them.
 */
const MAYBE_VOLATILE = /statuslint|:\/\/|\d\.|\d{4}|[0-9a-f]{8}/i;

/** A text with what differs from run to run replaced by placeholders. */
export function stableText(text: string): string {
  if (!MAYBE_VOLATILE.test(text)) return text;
  let stable = text;
  for (const [pattern, placeholder] of VOLATILE) stable = stable.replace(pattern, placeholder);
  return stable;
}

/** A spec document as named on this machine: a path under the working directory is made relative to it. */
function documentName(document: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(document)) return stableText(document);
  const path = isAbsolute(document) ? relative(process.cwd(), document) : document;
  return path.replace(/^\.\//, '');
}

/** `file#3` → `file`: a recording's position is not part of what it shows. */
const fileOf = (location: string): string => location.replace(/(?:#\d+|:\d+|\[\d+\])$/, '');

/**
 * What a finding is about, in words that survive a new run: the resource (`configmaps`), the group for
 * group-wide probes (`apps`), `server`, the operation (`GET /users/{id}`), a spec document's operation,
 * or a recorded request. Probing an aggregated server at its own address is a subject of its own.
 */
export function fingerprintSubject(item: ResultItem): string {
  const direct = item.via === 'direct' ? ' (direct)' : '';
  if (item.document !== undefined) return `${documentName(item.document)}#${item.location === item.document ? '' : item.location}`;
  if (item.operation !== undefined) return item.operation;
  if (item.resource !== undefined) return `${item.resource}${direct}`;
  // The group, not the version: a new version of a group keeps its findings' fingerprints.
  if (item.groupVersion !== undefined) return `${groupOfVersion(item.groupVersion)}${direct}`;
  if (item.probeId !== undefined) return `server${direct}`;
  return stableText(requestLineOf(item) ?? fileOf(item.location));
}

/** The parts a fingerprint is made of, readable: for tests and for a reader wondering why two findings differ. */
export function fingerprintParts(item: ResultItem, finding: Finding): string[] {
  return [FINGERPRINT_VERSION, finding.checkId, item.probeId ?? '', fingerprintSubject(item), stableText(finding.pointer), stableText(finding.expected ?? '')];
}

/** Enough for the distinct subjects and problems of a large run; past it a map starts again, so memory stays bounded. */
const FINGERPRINTS_KEPT = 10_000;

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (map === undefined) outer.set(key, (map = new Map()));
  return map;
}

/** Responses' parts by probe and subject: a run's responses share a few (a file, a resource), and JSON is dearer than a look-up. */
const madeItemParts = new Map<string, Map<string, string>>();
let itemPartsMade = 0;

/**
 * What a response gives each of its findings' fingerprints (its probe and subject), as the JSON of
 * `fingerprintParts` writes it: made once per response, however many findings it has.
 */
export function fingerprintItemPart(item: ResultItem): string {
  const probeId = item.probeId ?? '';
  const subject = fingerprintSubject(item);
  if (itemPartsMade >= FINGERPRINTS_KEPT) {
    madeItemParts.clear();
    itemPartsMade = 0;
  }
  const bySubject = inner(madeItemParts, probeId);
  let part = bySubject.get(subject);
  if (part === undefined) {
    part = `${JSON.stringify(probeId)},${JSON.stringify(subject)}`;
    bySubject.set(subject, part);
    itemPartsMade++;
  }
  return part;
}

/**
 * The fingerprint of a finding, given its response's part: a SHA-256 of `JSON.stringify(fingerprintParts(…))`,
 * written out part by part so that the response's part is reused. The same bytes, so the same
 * fingerprints as every baseline already saved.
 */
function hashedFingerprint(itemPart: string, finding: Finding): string {
  const text = `[${JSON.stringify(FINGERPRINT_VERSION)},${JSON.stringify(finding.checkId)},${itemPart},${JSON.stringify(stableText(finding.pointer))},${JSON.stringify(stableText(finding.expected ?? ''))}]`;
  return hash('sha256', text, 'hex').slice(0, 16);
}

/**
 * Fingerprints made, by the response's part, the check, the pointer and the expected value: the
 * findings of one problem on one subject share one, on every response. Maps within maps, so that no
 * text is built to look one up.
 */
const madeFingerprints = new Map<string, Map<string, Map<string, Map<string, string>>>>();
let fingerprintsMade = 0;

/** The fingerprint of a finding, given its response's part (`fingerprintItemPart`). */
export function fingerprintWithItemPart(itemPart: string, finding: Finding): string {
  if (fingerprintsMade >= FINGERPRINTS_KEPT) {
    madeFingerprints.clear();
    fingerprintsMade = 0;
  }
  const byExpected = inner(inner(inner(madeFingerprints, itemPart), finding.checkId), finding.pointer);
  const expected = finding.expected ?? '';
  let fingerprint = byExpected.get(expected);
  if (fingerprint === undefined) {
    fingerprint = hashedFingerprint(itemPart, finding);
    byExpected.set(expected, fingerprint);
    fingerprintsMade++;
  }
  return fingerprint;
}

/** The fingerprint of a finding on a response: 16 hex digits, stable across runs while the problem is. */
export const findingFingerprint = (item: ResultItem, finding: Finding): string => fingerprintWithItemPart(fingerprintItemPart(item), finding);
