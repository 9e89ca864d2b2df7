// Arbitrary OpenAPI documents (odd values wherever errors are documented) never make `spec` throw
// anything but a clear input error, and every finding is well formed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { CHECK_CRASHED } from '../../conformance/check.js';
import { checkDocument } from '../../conformance/spec/run.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import { BUILTIN_PROFILES, builtinProfile } from '../../schemas/index.js';
import { InputError } from '../../schemas/errors.js';

const odd = fc.oneof(fc.jsonValue(), fc.constantFrom(JSON.parse('{"toString": ""}'), JSON.parse('{"$ref": {"toString": 1}}'), JSON.parse('{"$ref": "#/components/schemas/Missing"}'), null, [], {}));
const schema = fc.oneof(
  odd,
  fc.record({
    type: fc.oneof(fc.constantFrom('object', 'string'), odd),
    properties: fc.dictionary(fc.constantFrom('kind', 'apiVersion', 'status', 'code', 'reason', 'error', 'message', 'type'), fc.oneof(odd, fc.record({ type: odd, enum: fc.oneof(odd, fc.array(odd)) }, { requiredKeys: [] }))),
    required: fc.oneof(odd, fc.array(fc.string())),
  }, { requiredKeys: [] }),
  fc.constant({ $ref: '#/components/schemas/Status' }),
);
const response = fc.oneof(
  odd,
  fc.record({
    description: odd,
    headers: fc.oneof(odd, fc.dictionary(fc.constantFrom('Retry-After', 'X'), odd)),
    content: fc.oneof(odd, fc.dictionary(fc.constantFrom('application/json', 'text/plain', '*/*'), fc.oneof(odd, fc.record({ schema }, { requiredKeys: [] })))),
  }, { requiredKeys: [] }),
);
const statusKey = fc.oneof(fc.constantFrom('200', '400', '401', '403', '404', '409', '422', '429', '451', '503', '4XX', 'default'), fc.string());
const document = fc.record({
  openapi: fc.constant('3.0.3'),
  info: fc.constant({ title: 'T', version: '1' }),
  paths: fc.dictionary(
    fc.constantFrom('/x', '/x/{id}', '/api/v1/pods'),
    fc.oneof(odd, fc.dictionary(fc.constantFrom('get', 'post', 'delete', 'parameters'), fc.oneof(odd, fc.record({ responses: fc.oneof(odd, fc.dictionary(statusKey, response)), parameters: odd }, { requiredKeys: [] })))),
  ),
  components: fc.record({ schemas: fc.oneof(odd, fc.dictionary(fc.constantFrom('Status', 'Error', 'Other'), schema)) }, { requiredKeys: [] }),
});

it('spec judges arbitrary documents without throwing, except a clear input error', () => {
  // Counted to show the documents reach the checks, rather than all stopping at an input error.
  let operations = 0;
  let findings = 0;
  let inputErrors = 0;
  fc.assert(
    fc.property(document, fc.constantFrom(...BUILTIN_PROFILES), (data, profileName) => {
      try {
        const items = checkDocument(specDocumentOf(structuredClone(data), 'fuzz.json'), { profile: builtinProfile(profileName) });
        operations += items.length - 1;
        for (const item of items) {
          for (const result of item.checks) {
            if (result.outcome === 'fail') findings += result.findings.length;
            if (result.outcome === 'skip') assert.ok(!result.reason.startsWith(CHECK_CRASHED), `${result.checkId}: ${result.reason}`);
            if (result.outcome === 'fail') for (const f of result.findings) assert.match(f.message, /^Received: /);
          }
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        assert.ok(error.toLine().length > 0);
        inputErrors++;
      }
    }),
    { numRuns: 1500 },
  );
  assert.ok(operations > 300 && findings > 500 && inputErrors < 1200, JSON.stringify({ operations, findings, inputErrors }));
});
