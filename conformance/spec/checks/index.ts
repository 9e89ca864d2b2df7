import type { SpecCheck } from '../check.js';
import documentedStatusKnown from './documented-status-known.js';
import errorContentTypeJson from './error-content-type-json.js';
import errorExamplesValid from './error-examples-valid.js';
import errorResponsesDocumented from './error-responses-documented.js';
import errorSchemaCompatible from './error-schema-compatible.js';
import reasonEnumKnown from './reason-enum-known.js';
import refsResolve from './refs-resolve.js';
import retryAfterDocumented from './retry-after-documented.js';

/** Every check of `statuslint spec`, in the order results list them. */
export const SPEC_CHECKS: readonly SpecCheck[] = [
  refsResolve,
  errorResponsesDocumented,
  errorSchemaCompatible,
  errorContentTypeJson,
  errorExamplesValid,
  documentedStatusKnown,
  retryAfterDocumented,
  reasonEnumKnown,
];

export const OPERATION_CHECKS = SPEC_CHECKS.filter((c) => c.given === 'operation');
export const DOCUMENT_CHECKS = SPEC_CHECKS.filter((c) => c.given === 'document');
