import type { CheckDefinition } from '../check.js';
import causeReasonKnown from './cause-reason-known.js';
import codeMatchesHttpStatus from './code-matches-http-status.js';
import contentTypeJson from './content-type-json.js';
import jsonBody from './json-body.js';
import messagePresent from './message-present.js';
import reasonCodeMatch from './reason-code-match.js';
import reasonIsApiReason from './reason-is-api-reason.js';
import reasonKnown from './reason-known.js';
import requestIdEchoed from './request-id-echoed.js';
import retryAfterAgrees from './retry-after-agrees.js';
import retryGuidance from './retry-guidance.js';
import schema from './schema.js';
import statusMatchesHttpClass from './status-matches-http-class.js';

/** Checks that judge any response on their own, in the order a reader meets the problems. */
export const PASSIVE_CHECKS: readonly CheckDefinition[] = [
  contentTypeJson,
  jsonBody,
  schema,
  statusMatchesHttpClass,
  codeMatchesHttpStatus,
  reasonIsApiReason,
  reasonKnown,
  reasonCodeMatch,
  causeReasonKnown,
  messagePresent,
  retryGuidance,
  retryAfterAgrees,
  requestIdEchoed,
];
