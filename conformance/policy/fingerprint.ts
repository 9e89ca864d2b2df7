/**
 * A fingerprint per finding that stays the same from run to run while the problem does: what a
 * baseline remembers and what code-scanning views can track. It is made of what names the problem
 * (the check, the probe, the subject, the place in the response and what was expected) and of nothing
 * a run makes up: names statuslint draws at random, request ids, ports and times are normalised away.
 */
import { createHash } from 'node:crypto';
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

/** A text with what differs from run to run replaced by placeholders. */
export function stableText(text: string): string {
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

/** The fingerprint of a finding on a response: 16 hex digits, stable across runs while the problem is. */
export function findingFingerprint(item: ResultItem, finding: Finding): string {
  return createHash('sha256').update(JSON.stringify(fingerprintParts(item, finding))).digest('hex').slice(0, 16);
}
