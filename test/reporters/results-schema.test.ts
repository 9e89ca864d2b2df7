import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRecorded } from '../../conformance/recorded.js';
import json from '../../conformance/reporters/json.js';
import { RESULTS_SCHEMA_VERSION, type Results } from '../../conformance/results.js';
import { validateRecorded } from '../../conformance/validate-run.js';
import { builtinProfile } from '../../schemas/index.js';
import { createAjv } from '../../schemas/compile.js';
import { parseResults } from '../../cli/actions/report.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { brokenServerResults, validateResults } from './fixtures.js';

const schema = JSON.parse(readFileSync(`${repoRoot}/schemas/results.schema.json`, 'utf8')) as { properties: { schemaVersion: { enum: number[] } } };
const validate = createAjv().compile(schema);
const errorsOf = (): string => JSON.stringify(validate.errors?.slice(0, 3));
/** The schema describes the file, which carries the summary the json reporter adds. */
const written = (results: Results): unknown => JSON.parse(json.render(results, { color: false }));

/** A model with every optional part the schema describes. */
function everything(): Results {
  const results = brokenServerResults();
  results.direct = { server: 'https://10.0.0.9:8443', version: 'v0.1.0' };
  results.interrupted = true;
  results.timing = { discoveryMs: 812.4, samplesMs: 95.1, planningMs: 3.2, probesMs: 13_100 };
  results.discovery!.groupVersions[1]!.resourceNames = ['gadgets'];
  results.discovery!.groupVersions.push({ groupVersion: 'wardle.example.com/v1alpha1', aggregated: true, service: 'wardle/api', resources: 0, error: 'HTTP 503' });
  const item = results.items[0]!;
  item.expected = { status: 404, reason: 'NotFound' };
  item.via = 'aggregator';
  item.request!.truncated = true;
  item.response!.truncated = true;
  item.response!.bodyBytes = 4_000_000;
  results.items.push({
    id: 'apiservice-available:flunders',
    title: 'APIService',
    location: 'GET /apis/apiregistration.k8s.io/v1/apiservices/v1alpha1.wardle.example.com',
    probeId: 'apiservice-available',
    via: 'direct',
    expected: { status: 200, condition: { type: 'Available', status: 'True' } },
    error: 'no usable response: connect ECONNREFUSED (ECONNREFUSED)',
    checks: [],
  });
  return results;
}

describe('schemas/results.schema.json', () => {
  it('is the version the model declares, and still describes versions 1 and 2', () => {
    assert.deepEqual(schema.properties.schemaVersion.enum, [1, 2, RESULTS_SCHEMA_VERSION]);
  });

  it('accepts what probe and validate write, and every optional part', () => {
    for (const [name, results] of [
      ['probe fixture', brokenServerResults()],
      ['validate fixture', validateResults()],
      ['every optional part', everything()],
    ] as const) {
      assert.ok(validate(written(results)), `${name}: ${errorsOf()}`);
    }
  });

  it('accepts a fresh validate run of JSON Lines and of standard input', () => {
    const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'x' };
    const lines = `${JSON.stringify(status)}\n${JSON.stringify({ ...status, code: 409 })}\n`;
    const results = validateRecorded(parseRecorded(lines, 'events.jsonl'), builtinProfile('kubernetes'));
    assert.ok(validate(written(results)), errorsOf());
    const har = validateRecorded(parseRecorded(readFileSync(fixture('recorded', 'mixed.har'), 'utf8'), '<stdin>'), builtinProfile('kubernetes'));
    assert.ok(validate(written(har)), errorsOf());
  });

  it('rejects what is not a results model, naming the place', () => {
    const cases: Array<[string, (r: Results) => unknown, RegExp]> = [
      ['no items', (r) => ({ ...r, items: undefined }), /must have required property 'items'/],
      ['an unknown outcome', (r) => ((r.items[0]!.checks[0] as { outcome: string }).outcome = 'maybe', r), /\/items\/0\/checks\/0\/outcome/],
      ['a skip without its reason', (r) => (r.items[0]!.checks[0] = { checkId: 'schema', level: 'MUST', outcome: 'skip' } as never, r), /reason/],
      ['a failure without findings', (r) => (r.items[0]!.checks[0] = { checkId: 'schema', level: 'MUST', outcome: 'fail', findings: [] }, r), /\/items\/0\/checks\/0\/findings/],
      ['a level of its own', (r) => ((r.items[0]!.checks[0] as { level: string }).level = 'MAY', r), /\/items\/0\/checks\/0\/level/],
      ['a status out of range', (r) => (r.items[0]!.response!.status = 999, r), /\/items\/0\/response\/status/],
    ];
    for (const [name, spoil, where] of cases) {
      const data = spoil(brokenServerResults());
      assert.equal(validate(data), false, name);
      assert.throws(() => parseResults(JSON.stringify(data), 'r.json'), (e: Error) => where.test(e.message), name);
    }
  });

  it('reads a version 1 file as the current version, its summary to be computed afresh', () => {
    const v1 = readFileSync(fixture('results', 'validate-mixed.v1.json'), 'utf8');
    assert.equal((JSON.parse(v1) as { schemaVersion: number }).schemaVersion, 1);
    assert.ok(validate(JSON.parse(v1)), errorsOf());
    const { summary: _summary, ...model } = validateResults() as Results & { summary?: unknown };
    assert.deepEqual(parseResults(v1, 'v1.json'), model);
    // A version 2 file's summary is not read: reporters count it again from the items.
    assert.equal('summary' in parseResults(readFileSync(fixture('results', 'validate-mixed.json'), 'utf8'), 'v2.json'), false);
  });

  it('reads the probes a version 2 file left out under api.notRun as notRun', () => {
    const notRun = [{ probeId: 'missing-field', operation: 'POST /users', reason: 'needs --allow-writes' }];
    const v2 = { ...brokenServerResults(), schemaVersion: 2, api: { document: 'users.yaml', operations: 1, notRun } };
    const read = parseResults(JSON.stringify(v2), 'v2.json');
    assert.deepEqual(read.notRun, notRun);
    assert.deepEqual(read.api, { document: 'users.yaml', operations: 1 });
    assert.equal(read.schemaVersion, RESULTS_SCHEMA_VERSION);
  });

  it('gives probe items of files that did not record `expected` the expectation their checks name', () => {
    const old = brokenServerResults();
    for (const item of old.items) delete item.expected;
    const read = parseResults(JSON.stringify({ ...old, schemaVersion: 1 }), 'v1.json');
    const byId = new Map(read.items.map((item) => [item.id, item.expected]));
    // A failed status check names the status and a failed reason check the reason; a passed one means the response had them.
    assert.deepEqual(byId.get('create-wrong-content-type:configmaps'), { status: 415, reason: 'UnsupportedMediaType' });
    assert.deepEqual(byId.get('get-missing:configmaps'), { status: 404, reason: 'NotFound' });
  });

  it('turns a newer schema version and non-JSON into one clear line', () => {
    assert.throws(() => parseResults(JSON.stringify({ ...brokenServerResults(), schemaVersion: 4 }), 'r.json'), /results schema version 4 is newer than this statuslint reads \(3\)/);
    assert.throws(() => parseResults('{"schemaVersion": 1,', 'r.json'), /^InputError|not JSON/);
  });
});
