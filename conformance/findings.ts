import type { Level } from '../schemas/types.js';
import { CLIP_LENGTH, clip } from './untrusted.js';

/** One thing wrong with a response. Data first: tests and reporters read `checkId`, `expected`, `received`. */
export interface Finding {
  checkId: string;
  level: Level;
  /** JSON pointer into the response body (`""` for the body, `/details/name`), or `header:Name` for a header. */
  pointer: string;
  expected?: string;
  received?: string;
  /** "Received: … Expected: …" sentence(s) with codes in backticks. */
  message: string;
  /** What to do about it, from the catalog where the catalog knows. */
  hint?: string;
  /** spec: where `pointer` is written in the document the user gave (1-based line and column). */
  line?: number;
  column?: number;
  /** spec: a finding at a place several operations share (a component), reported once: the operations it affects. */
  operations?: string[];
  /** The same problem on the same subject keeps it from run to run (`findingFingerprint`): what baselines match. */
  fingerprint?: string;
  /** Set when the finding does not count against the run: known from the baseline, waived, or inherited. */
  suppressed?: Suppression;
}

/**
 * Why a finding is reported apart and does not fail the run: it is in the baseline (`known`), a waiver
 * of the config covers it (`waived`), or it is one a framework's servers all share (`inherited`).
 */
export interface Suppression {
  kind: 'known' | 'waived' | 'inherited';
  /** The waiver's reason, the upstream reason, or for `known` the baseline it is in. */
  reason: string;
  /** What suppressed it: the waiver (`name`, or `waivers[2]`), the inherited set (`k8s.io/apiserver v1.37`), the baseline file. */
  by: string;
}

export type FindingInput = Omit<Finding, 'checkId' | 'level'> & { level?: Level };

/** A check that did not apply, and why. */
export interface Skip {
  skip: string;
}

export type CheckOutcome = readonly FindingInput[] | Skip;

export const isSkip = (outcome: CheckOutcome): outcome is Skip => !Array.isArray(outcome);

/** `Received: X. Expected: Y.` — the one voice of every finding. */
export function receivedExpected(received: string, expected: string, why?: string): string {
  const end = /[.?!]$/.test(expected) ? '' : '.';
  return `Received: ${received}. Expected: ${expected}${end}${why ? ` ${why}` : ''}`;
}

/**
 * A value from a body as plain text, without throwing: `String(value)` where that works, JSON where it
 * does not (a parsed body may hold `{"toString": ""}`, which `String` and template literals reject).
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}

/**
 * A text with nothing to read: empty, or only white space. A visible ASCII first character, as nearly
 * every message has, settles it without trimming.
 */
export function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim() === '';
}

/** A value as a finding shows it: short, in backticks. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') text = JSON.stringify(value);
  else {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      // A BigInt or a cycle, from the library API: no JSON for it.
    }
    text = json ?? asText(value);
  }
  if (text.length > 120) text = `${text.slice(0, 117)}…`;
  return `\`${text}\``;
}

/** Room for a clipped received and expected value and the sentence around them. */
const MESSAGE_LENGTH = 3 * CLIP_LENGTH;

const isLong = (text: string | undefined, limit = CLIP_LENGTH): boolean => text !== undefined && text.length > limit;

/**
 * A finding with its texts clipped (values at 1,000 characters, the message at 3,000), each saying how
 * much was left out: a server can send a 50 MB reason, and a report needs its start, not 150 MB of
 * copies. A message that quotes a long value verbatim quotes the clipped value instead, so that the
 * expected part of its sentence stays.
 */
export function clipFinding(finding: Finding): Finding {
  const { received, expected, message, pointer, hint } = finding;
  if (!isLong(received) && !isLong(expected) && !isLong(message, MESSAGE_LENGTH) && !isLong(pointer) && !isLong(hint)) return finding;
  let shortMessage = message;
  for (const value of [received, expected]) if (value !== undefined && isLong(value) && shortMessage.length > MESSAGE_LENGTH) shortMessage = shortMessage.split(value).join(clip(value));
  return {
    ...finding,
    pointer: clip(pointer),
    message: clip(shortMessage, MESSAGE_LENGTH),
    ...(received !== undefined ? { received: clip(received) } : {}),
    ...(expected !== undefined ? { expected: clip(expected) } : {}),
    ...(hint !== undefined ? { hint: clip(hint) } : {}),
  };
}

/** Findings as the terminal shows them, two lines each: what the doc pages quote. */
export const findingsAsText = (findings: readonly Finding[]): string[] =>
  findings.flatMap((f) => [`${f.level}  ${f.pointer || '/'}  ${f.message}  ${f.checkId}`, `      hint: ${f.hint ?? ''}`]);
