import type { ErrorObject } from '../../schemas/index.js';
import { defineCheck, pass, skip } from '../check.js';
import type { FindingInput } from '../findings.js';
import { receivedExpected, show } from '../findings.js';

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * `show`, except for numbers JSON cannot spell: `1e999` parses as Infinity, which JSON.stringify
 * would print as `null`, blaming the body for a value it does not hold.
 */
const shown = (value: unknown): string => (typeof value === 'number' && !Number.isFinite(value) ? `\`${value}\`` : show(value));

function findingOf(error: ErrorObject, data: unknown, schemaName: string): FindingInput {
  const params = error.params as Record<string, unknown>;
  let pointer = error.instancePath;
  let expected: string;
  let received: string;
  switch (error.keyword) {
    case 'required':
      pointer = `${pointer}/${String(params.missingProperty)}`;
      expected = `\`${String(params.missingProperty)}\` (required)`;
      received = 'nothing';
      break;
    case 'const':
      expected = show(params.allowedValue);
      received = shown(valueAt(data, pointer));
      break;
    case 'enum':
      expected = `one of ${(params.allowedValues as unknown[]).map(show).join(', ')}`;
      received = shown(valueAt(data, pointer));
      break;
    case 'type':
      expected = `a ${String(params.type)}`;
      received = shown(valueAt(data, pointer));
      break;
    default:
      expected = `a value that ${error.message ?? 'matches the schema'}`;
      received = shown(valueAt(data, pointer));
  }
  return {
    pointer,
    expected,
    received,
    message: receivedExpected(`${received} at \`${pointer || '/'}\``, expected, `(${schemaName}: ${error.keyword})`),
    hint: 'Make the error body match the profile\'s schema (see `statuslint catalog` and schemas/generated/).',
  };
}

function findingsOf(errors: readonly ErrorObject[] | null | undefined, data: unknown, schemaName: string): FindingInput[] {
  // `if` failures only restate the `then` error ajv reports next to them.
  return (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => findingOf(e, data, schemaName));
}

export default defineCheck({
  id: 'schema',
  title: 'The error body matches the profile\'s schema',
  level: 'MUST',
  scope: 'passive',
  description:
    'A JSON error body must have the shape of the profile\'s schema: for Kubernetes, a `Status` with `kind: Status`, `apiVersion: v1`, typed `details` and `causes`.',
  example: {
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: { apiVersion: 'v1beta1', status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 },
  },
  run({ compiled, subject, response, body }) {
    if (subject === 'not-applicable' || subject === 'not-json') return skip('no JSON error body');
    const data = subject === 'watch-error-event' ? response.body : (body ?? response.body);
    const validator = subject === 'watch-error-event' ? compiled.watchEvent : compiled.structure;
    if (!validator) return skip('the profile has no body schema');
    if (validator(data)) return pass;
    return findingsOf(validator.errors, data, subject === 'watch-error-event' ? 'watch event' : `${compiled.profile.name} schema`);
  },
});
