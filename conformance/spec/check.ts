import { indexOf, type ProfileIndex } from '../../schemas/catalog.js';
import type { BodyKind, Level, Profile, ProfileDocument } from '../../schemas/types.js';
import { type CheckResult, crashedReason } from '../check.js';
import { InputError } from '../../schemas/errors.js';
import { type CheckOutcome, clipFinding, type Finding, isSkip } from '../findings.js';
import type { Operation, SpecDocument } from './document.js';

/** What every spec check sees: the document and the profile it is judged by. */
export interface DocumentContext {
  document: SpecDocument;
  profile: Profile;
  index: ProfileIndex;
}

export interface OperationContext extends DocumentContext {
  operation: Operation;
}

/** A document that fails the check: its doc page shows the document and the exact findings. */
export interface SpecCheckExample {
  /** A built-in profile name or an inline profile document (default `kubernetes`). */
  profile?: string | ProfileDocument;
  /** The document as YAML, shown on the doc page as written. */
  document: string;
  /** For operation checks: the operation to run on, as `GET /path` (default: the first). */
  operation?: string;
}

interface SpecCheckBase {
  /** Stable kebab-case id, also the file name, the doc page name and the test name. */
  id: string;
  title: string;
  level: Level;
  /** One sentence: what must hold. */
  description: string;
  /** Profiles whose error bodies the check understands; all when omitted. */
  bodyKinds?: readonly BodyKind[];
  example: SpecCheckExample;
}

/**
 * A check of the document, declared like a Spectral rule: `given` says what it is applied to (each
 * operation, or the document once), `then` judges one of those and returns findings or a skip.
 */
export interface OperationCheck extends SpecCheckBase {
  given: 'operation';
  then(context: OperationContext): CheckOutcome;
}

export interface DocumentCheck extends SpecCheckBase {
  given: 'document';
  then(context: DocumentContext): CheckOutcome;
}

export type SpecCheck = OperationCheck | DocumentCheck;

export const defineSpecCheck = <T extends SpecCheck>(check: T): T => Object.freeze(check);

export function documentContext(document: SpecDocument, profile: Profile): DocumentContext {
  return { document, profile, index: indexOf(profile) };
}

/** Run one check: a skip for a profile it does not know, findings stamped with its id and level. */
export function runSpecCheck(check: SpecCheck, context: DocumentContext | OperationContext): CheckResult {
  const base = { checkId: check.id, level: check.level };
  if (check.bodyKinds && !check.bodyKinds.includes(context.profile.body.kind)) {
    return { ...base, outcome: 'skip', reason: `not part of the ${context.profile.name} profile` };
  }
  if (check.given === 'operation' && !('operation' in context)) return { ...base, outcome: 'skip', reason: 'applies to operations' };
  let outcome: CheckOutcome;
  try {
    outcome = check.given === 'operation' ? check.then(context as OperationContext) : check.then(context);
  } catch (error) {
    // A broken document (a bad $ref) is the user's to fix: exit 2. Anything else is a bug of the check's,
    // and costs its own verdict, not the run and its output.
    if (error instanceof InputError) throw error;
    return { ...base, outcome: 'skip', reason: crashedReason(error) };
  }
  if (isSkip(outcome)) return { ...base, outcome: 'skip', reason: outcome.skip };
  if (outcome.length === 0) return { ...base, outcome: 'pass' };
  return {
    ...base,
    outcome: 'fail',
    findings: outcome.map((f) => clipFinding({ checkId: check.id, level: f.level ?? check.level, ...f } as Finding)),
  };
}
