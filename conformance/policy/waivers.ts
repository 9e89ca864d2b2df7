/**
 * Waivers: findings a project accepts, each for a reason and, if it says so, until a date. Matching is
 * by what the finding is about (check, probe, subject, place, value received, or one fingerprint);
 * every matcher a waiver gives must hold.
 */
import type { WaiverDocument } from '../../schemas/config-schema.js';
import type { Finding } from '../findings.js';
import type { ResultItem } from '../results.js';
import { findingFingerprint } from './fingerprint.js';
import { subjectMatches } from './subjects.js';

export function waiverMatches(waiver: WaiverDocument, item: ResultItem, finding: Finding): boolean {
  if (waiver.check !== undefined && finding.checkId !== waiver.check) return false;
  if (waiver.probe !== undefined && item.probeId !== waiver.probe) return false;
  if (waiver.pointer !== undefined && finding.pointer !== waiver.pointer) return false;
  if (waiver.received !== undefined && finding.received !== waiver.received) return false;
  if (waiver.fingerprint !== undefined && (finding.fingerprint ?? findingFingerprint(item, finding)) !== waiver.fingerprint) return false;
  return subjectMatches(item, waiver);
}

/** Today's date as a config writes dates, in UTC so that a CI runner and a laptop agree. */
export const isoDate = (now: Date): string => now.toISOString().slice(0, 10);

/** A waiver holds through the day it names, and no longer. */
export const isExpired = (waiver: WaiverDocument, today: string): boolean => waiver.expires !== undefined && waiver.expires < today;

/** How messages name a waiver: its own name, or where it stands in the config. */
export const waiverName = (waiver: WaiverDocument, index: number): string => waiver.name ?? `waivers[${index}]`;
