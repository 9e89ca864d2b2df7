import { indexOf, type ProfileIndex } from '../../schemas/catalog.js';
import type { BodyKind, Level, Profile, ProfileDocument } from '../../schemas/types.js';
import { type CheckResult, type CheckTraits, recordsOf, runGuarded } from '../check-core.js';
import type { CheckOutcome } from '../findings.js';
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

const recordOf = recordsOf(
  (check: SpecCheck): CheckTraits<DocumentContext | OperationContext> => ({
    id: check.id,
    level: check.level,
    bodyKinds: check.bodyKinds,
    lacking: check.given === 'operation' ? 'applies to operations' : undefined,
    // An operation check is only called with an operation: the gate sees to it.
    judge: check.then as (context: DocumentContext | OperationContext) => CheckOutcome,
    owner: check,
  }),
);

/**
 * Run one check: a skip for a profile it does not know, findings stamped with its id and level. A
 * broken document (a bad `$ref`) ends the run; any other error is the check's, and its result.
 */
export function runSpecCheck(check: SpecCheck, context: DocumentContext | OperationContext): CheckResult {
  return runGuarded(recordOf(check), context, context.profile, 'operation' in context);
}
