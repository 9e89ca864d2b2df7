// The published schemas (schemas/generated) say what the checks say: shape, known codes, pairings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAjv } from '../../schemas/index.js';
import { repoRoot } from '../helpers/paths.js';
import { statusBody } from '../helpers/status.js';

const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(repoRoot, 'schemas', 'generated', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;

const ajv = createAjv();
for (const name of ['kubernetes', 'envelope', 'problem', 'profile', 'kubernetes-watch-event']) ajv.addSchema(load(name));
const schema = (name: string, fragment = ''): ((data: unknown) => boolean) => {
  const validate = ajv.getSchema(`https://statuslint.dev/schemas/${name}.schema.json${fragment}`);
  assert.ok(validate, `${name}${fragment} is not compiled`);
  return (data) => validate(data) as boolean;
};

describe('kubernetes.schema.json', () => {
  const status = schema('kubernetes');
  it('accepts a Status as kube-apiserver writes it', () => assert.ok(status(statusBody())));
  it('rejects a reason with the wrong code', () => assert.equal(status(statusBody({ reason: 'AlreadyExists' })), false));
  it('rejects an unknown reason and cause reason', () => {
    assert.equal(status(statusBody({ reason: 'Notfound' })), false);
    assert.equal(status(statusBody({ details: { causes: [{ reason: 'Bogus' }] } })), false);
  });
  it('rejects a failure without a code, and a wrong kind', () => {
    const { code: _code, ...withoutCode } = statusBody();
    assert.equal(status(withoutCode), false);
    assert.equal(status(statusBody({ kind: 'Error' })), false);
  });
  it('allows the empty reason with any code', () => assert.ok(status(statusBody({ reason: '', code: 418 }))));
  it('pairs the reason with the HTTP status of a response', () => {
    const response = schema('kubernetes', '#/$defs/Response');
    assert.ok(response({ status: 404, body: statusBody() }));
    assert.equal(response({ status: 409, body: statusBody({ code: 409 }) }), false);
  });
});

describe('kubernetes-watch-event.schema.json', () => {
  const event = schema('kubernetes-watch-event');
  it('accepts an ERROR event carrying a Status', () =>
    assert.ok(event({ type: 'ERROR', object: statusBody({ reason: 'Expired', code: 410, message: 'too old resource version' }) })));
  it('rejects an ERROR event whose object is not a Status', () => assert.equal(event({ type: 'ERROR', object: { kind: 'Pod' } }), false));
  it('rejects an unknown event type', () => assert.equal(event({ type: 'CHANGED', object: {} }), false));
});

describe('envelope.schema.json', () => {
  const envelope = schema('envelope');
  const response = schema('envelope', '#/$defs/Response');
  const body = { error: 'not_found', message: 'cluster "c1" not found', requestId: 'abc123-def456' };
  it('accepts the seed envelope', () => assert.ok(envelope(body)));
  it('requires requestId and a known code', () => {
    assert.equal(envelope({ error: 'not_found', message: 'x' }), false);
    assert.equal(envelope({ ...body, error: 'notfound' }), false);
  });
  it('pairs the code with the HTTP status', () => {
    assert.ok(response({ status: 404, body }));
    assert.equal(response({ status: 500, body }), false);
  });
});

describe('problem.schema.json', () => {
  const problem = schema('problem');
  it('accepts problem details', () => assert.ok(problem({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such widget' })));
  it('requires status and title', () => assert.equal(problem({ type: 'about:blank' }), false));
});
