/**
 * Naming conventions of codes, and which near misses are worth a "did you mean".
 *
 * `notFound` beside a catalog of `not_found` is a project with its own convention, not a typo of
 * the catalog; and `helm_not_found` is another code, not a correction of `user_not_found`.
 */
import { distance } from 'fastest-levenshtein';
import type { ProfileIndex } from '../../schemas/catalog.js';

export type Convention = 'snake' | 'kebab' | 'camel' | 'pascal' | 'screaming' | 'dotted';

/** The conventions a code is written in: one word in lower case fits several, `Unauthorized` is Pascal case. */
export function conventionsOf(code: string): ReadonlySet<Convention> {
  if (/^[a-z][a-z0-9]*$/.test(code)) return new Set(['snake', 'kebab', 'camel', 'dotted']);
  if (/^[A-Z][A-Z0-9]*$/.test(code)) return new Set(['screaming', 'pascal']);
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(code)) return new Set(['snake']);
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(code)) return new Set(['kebab']);
  if (/^[a-z][a-z0-9]*(?:\.[a-z0-9]+)+$/.test(code)) return new Set(['dotted']);
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(code)) return new Set(['screaming']);
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(code)) return new Set(['camel']);
  if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(code)) return new Set(['pascal']);
  return new Set();
}

const conventionCache = new WeakMap<ProfileIndex, ReadonlySet<Convention>>();

/** The conventions that most of a catalog's error codes share (a user's profile may write its own). */
export function catalogConventions(index: ProfileIndex): ReadonlySet<Convention> {
  let found = conventionCache.get(index);
  if (found) return found;
  const counts = new Map<Convention, number>();
  for (const { code } of index.entries(index.errorPlace())) for (const convention of conventionsOf(code)) counts.set(convention, (counts.get(convention) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  found = new Set([...counts].filter(([, count]) => count === most && most > 0).map(([convention]) => convention));
  conventionCache.set(index, found);
  return found;
}

/** Whether a code could be written in the catalog's convention: otherwise it cannot be a typo of one of its codes. */
export function sharesConvention(code: string, catalog: ReadonlySet<Convention>): boolean {
  for (const convention of conventionsOf(code)) if (catalog.has(convention)) return true;
  return false;
}

/** `userNotFound`, `user_not_found`, `USER_NOT_FOUND` → `user`, `not`, `found`. */
export function wordsOf(code: string): string[] {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * A candidate is a correction of a code when the two differ by a slip of the keyboard: the same
 * words with a letter or two wrong each, or the same letters with separators lost. A word put in
 * or swapped (`user_not_found` → `helm_not_found`) makes another code.
 */
export function isCorrection(code: string, candidate: string): boolean {
  const words = wordsOf(code);
  const candidateWords = wordsOf(candidate);
  if (words.join('') === candidateWords.join('')) return true;
  if (words.length !== candidateWords.length) return false;
  return words.every((word, i) => {
    const other = candidateWords[i] ?? '';
    return distance(word, other) <= Math.max(1, Math.min(2, Math.floor(Math.max(word.length, other.length) / 2)));
  });
}
