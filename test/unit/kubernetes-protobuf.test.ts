import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeErrorBody, decodeKubernetesStatus, MAX_PROTOBUF_STATUS_BYTES } from '../../conformance/kubernetes-protobuf.js';

/** Bytes kube-apiserver v1.37.2 and sample-apiserver sent to `Accept: application/vnd.kubernetes.protobuf` (curl against cluster/). */
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/protobuf/${name}.bin`, import.meta.url));

const errorOf = (bytes: Buffer): string => {
  const decoded = decodeKubernetesStatus(bytes);
  assert.ok('error' in decoded, JSON.stringify(decoded));
  return decoded.error;
};

describe('decoding a protobuf Status', () => {
  it("reads kube-apiserver's 406 for a CRD as the JSON Status it would have sent", () => {
    assert.deepEqual(decodeKubernetesStatus(fixture('not-acceptable-widgets')), {
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
        reason: 'NotAcceptable',
        code: 406,
      },
    });
  });

  it("reads details, and leaves out what JSON leaves out (sample-apiserver's 404 writes retryAfterSeconds 0 and an empty uid)", () => {
    const decoded = decodeKubernetesStatus(fixture('not-found-flunders'));
    assert.ok('status' in decoded);
    assert.deepEqual(decoded.status.details, { name: 'nope', group: 'wardle.example.com', kind: 'flunders' });
    assert.equal(decoded.status.reason, 'NotFound');
    assert.equal(decoded.status.code, 404);
  });

  it('reads causes', () => {
    const decoded = decodeKubernetesStatus(fixture('invalid-configmap'));
    assert.ok('status' in decoded);
    const details = decoded.status.details as { causes: Array<Record<string, string>> };
    assert.deepEqual(details.causes.map((c) => [c.reason, c.field]), [['FieldValueInvalid', 'metadata.name']]);
    assert.equal(decoded.status.code, 422);
  });

  it('refuses another kind in the envelope (a ConfigMapList), bytes without the magic, and bytes cut short', () => {
    assert.equal(errorOf(fixture('configmap-list')), 'the envelope holds `v1` `ConfigMapList`, not a `v1` `Status`');
    assert.match(errorOf(Buffer.from('{"kind":"Status"}')), /does not start with the `k8s\\0` magic/);
    const whole = fixture('not-acceptable-widgets');
    assert.match(errorOf(whole.subarray(0, whole.length - 40)), /^the body is not a protobuf `Status`: /);
  });

  it('refuses a body over the cap without reading it', () => {
    const huge = Buffer.concat([Buffer.from('k8s\0'), Buffer.alloc(MAX_PROTOBUF_STATUS_BYTES)]);
    assert.match(errorOf(huge), /more than the 1048576 a protobuf `Status` is decoded up to/);
  });

  it('never throws on random bytes behind the magic', () => {
    for (let i = 0; i < 500; i++) {
      const decoded = decodeKubernetesStatus(Buffer.concat([Buffer.from('k8s\0'), randomBytes(1 + (i % 300))]));
      assert.ok('error' in decoded || 'status' in decoded);
    }
  });
});

describe('an error body for the checks', () => {
  it('is the JSON text of the Status, or the bytes as text with the reason they did not decode', () => {
    const good = decodeErrorBody(fixture('not-acceptable-widgets'), false);
    assert.equal(good.decodedFrom, 'application/vnd.kubernetes.protobuf');
    assert.equal(JSON.parse(good.bodyText).reason, 'NotAcceptable');
    const garbage = decodeErrorBody(Buffer.from([0xff, 0xfe, 0x00, 0x41]), false);
    assert.equal(garbage.decodedFrom, undefined);
    assert.match(garbage.undecodable ?? '', /magic/);
    assert.equal(garbage.bodyText, Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('utf8'));
  });

  it('does not decode a body cut at the size cap', () => {
    assert.deepEqual(decodeErrorBody(fixture('not-acceptable-widgets'), true).undecodable, 'the body was cut at the size cap before it ended');
  });
});
