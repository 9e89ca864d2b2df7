import type { CheckDefinition } from '../check.js';
import causeReasonKnown from './cause-reason-known.js';
import codeMatchesHttpStatus from './code-matches-http-status.js';
import contentTypeJson from './content-type-json.js';
import jsonBody from './json-body.js';
import protobufBody from './protobuf-body.js';
import allowHeader from './allow-header.js';
import causesExpected from './causes-expected.js';
import conditionExpected from './condition-expected.js';
import detailsMatchRequest from './details-match-request.js';
import reasonExpected from './reason-expected.js';
import statusCodeExpected from './status-code-expected.js';
import messagePresent from './message-present.js';
import reasonCodeMatch from './reason-code-match.js';
import reasonIsApiReason from './reason-is-api-reason.js';
import reasonKnown from './reason-known.js';
import requestIdDistinct from './request-id-distinct.js';
import requestIdEchoed from './request-id-echoed.js';
import responseComplete from './response-complete.js';
import responseDeclared from './response-declared.js';
import retryAfterAgrees from './retry-after-agrees.js';
import retryGuidance from './retry-guidance.js';
import schema from './schema.js';
import statusMatchesHttpClass from './status-matches-http-class.js';

/** Checks that judge any response on their own, in the order a reader meets the problems. */
// Frozen: a frozen list is compiled once to fast code (see runChecks).
export const PASSIVE_CHECKS: readonly CheckDefinition[] = Object.freeze([
  contentTypeJson,
  jsonBody,
  protobufBody,
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
  requestIdDistinct,
]);

/** Checks that compare a probe's response with what the probe expected. */
export const PROBE_CHECKS: readonly CheckDefinition[] = Object.freeze([
  statusCodeExpected,
  reasonExpected,
  detailsMatchRequest,
  causesExpected,
  allowHeader,
  conditionExpected,
  responseDeclared,
  responseComplete,
]);

export const ALL_CHECKS: readonly CheckDefinition[] = Object.freeze([...PROBE_CHECKS, ...PASSIVE_CHECKS]);
