import { defineCheck, pass, rememberFindings, skip } from '../check.js';
import { isJsonMediaType } from '../exchange.js';
import { type FindingInput, receivedExpected } from '../findings.js';

const unparseable = rememberFindings(function unparseable(error: string): FindingInput[] {
  return [
    {
      pointer: '',
      expected: 'JSON',
      received: 'unparseable body',
      message: receivedExpected(`a body that is not JSON (${error})`, 'a JSON error body'),
      hint: 'Serialise the error body with a JSON encoder and send it whole; check proxies that rewrite or cut bodies.',
    },
  ];
});

const empty = rememberFindings(function empty(status: number): FindingInput[] {
  return [
    {
      pointer: '',
      expected: 'JSON',
      received: 'empty body',
      message: receivedExpected(`an empty body on a ${status} response`, 'a JSON error body'),
      hint: 'Send an error body with every failure so that clients can tell why it failed.',
    },
  ];
});

export default defineCheck({
  id: 'json-body',
  title: 'A body that claims to be JSON parses as JSON',
  level: 'MUST',
  scope: 'passive',
  description: 'An error response whose content type is JSON must have a complete, parseable JSON body.',
  example: { status: 500, headers: { 'content-type': 'application/json' }, text: '{"kind":"Status","apiVersion":"v1","status":"Fail' },
  run({ response, subject }) {
    if (subject === 'watch-error-event' || subject === 'success-status') return pass;
    if (response.status !== undefined && response.status < 400) return skip('not an error response');
    const claimsJson = response.mediaType === undefined || isJsonMediaType(response.mediaType);
    if (!claimsJson) return skip(`the body is \`${response.mediaType}\`, not JSON (see content-type-json)`);
    // A body statuslint cut at its own size cap ended elsewhere: response-complete judges its size.
    if (response.truncated) return skip('the body was cut at the size cap before it ended: statuslint read only part of it (see response-complete)');
    if (response.bodyParseError !== undefined) return unparseable(response.bodyParseError);
    // A recording without the body (a HAR entry whose \`content\` has no \`text\`) says nothing of it.
    if (response.body === undefined && response.bodyText === undefined) return skip('no body was recorded');
    if (response.body === undefined && response.bodyText !== undefined && response.status !== undefined) return empty(response.status);
    return pass;
  },
});
