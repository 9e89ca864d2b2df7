import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const DOCUMENT = fixture('api', 'orders.openapi.yaml');

const cases: Array<[string, string[], number, RegExp]> = [
  ['a Kubernetes-only flag', ['--openapi', DOCUMENT, '--server', 'http://127.0.0.1:9', '--group', 'apps'], 2, /--group: applies to Kubernetes discovery, not to --openapi/],
  ['--operation without --openapi', ['--server', 'http://127.0.0.1:9', '--operation', 'getOrder'], 2, /--operation: needs --openapi/],
  ['--allow-external-refs without --openapi', ['--server', 'http://127.0.0.1:9', '--allow-external-refs'], 2, /--allow-external-refs: needs --openapi/],
  ['a probe of the Kubernetes set', ['--openapi', DOCUMENT, '--server', 'http://127.0.0.1:9', '--probe', 'get-missing'], 2, /--probe: unknown probe "get-missing" for --openapi \(have: valid-read, unknown-id/],
  ['a document that names no server, without --server', ['--openapi', DOCUMENT, '--profile', 'problem'], 2, /orders\.openapi\.yaml: the document names no absolute server URL \(servers\[0\]\.url\); give --server/],
  ['a document that does not exist', ['--openapi', 'nope.yaml', '--server', 'http://127.0.0.1:9'], 2, /nope\.yaml: no such file/],
  ['an envelope profile without --openapi', ['--server', 'http://127.0.0.1:9', '--profile', 'envelope'], 2, /to probe another API, give its OpenAPI document with --openapi/],
  ['a token with a line break', ['--openapi', DOCUMENT, '--server', 'http://127.0.0.1:9', '--token', 'tok-5e1f\nX-Evil: 1'], 2, /--token: the token holds a line break or another control character/],
  ['a server nothing listens on', ['--openapi', DOCUMENT, '--server', 'http://127.0.0.1:9', '--profile', 'problem'], 3, /http:\/\/127\.0\.0\.1:9 did not answer: connect ECONNREFUSED/],
];

for (const [what, args, code, message] of cases) {
  it(`probe --openapi: ${what} gives exit ${code} and one clear line`, async () => {
    const run = await runCli(['probe', ...args]);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(run.stderr, /tok-5e1f/, 'never the token');
    assert.equal(run.stdout, '');
  });
}

it('probe --help explains --openapi', async () => {
  const run = await runCli(['probe', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /--openapi <file\|url>/);
  assert.match(run.stdout, /statuslint probe --openapi openapi\.yaml --server http:\/\/localhost:8080 --profile envelope/);
});
