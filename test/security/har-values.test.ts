/**
 * Numbers in recorded input that are no HTTP status (issue #14). A HAR entry's `response/status` is
 * the user's input: anything but an integer from 100 to 599 is an input error naming the entry (exit
 * 2), except 0, which browsers write for a request that got no response: that entry is passed over.
 * A body's `code` is the server's data: `1e999` (Infinity once parsed) or `404.5` is a finding, shown
 * as the value it is.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseRecorded } from '../../conformance/recorded.js';
import { findingsOfItem, type Results } from '../../conformance/results.js';
import { InputError } from '../../schemas/errors.js';
import { runCli } from '../helpers/cli.js';
import { statusBody } from '../helpers/status.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-har-values-'));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

/** One HAR entry; `status` and the body text are spliced in as written, so `1e999` stays `1e999`. */
const entry = (status: string, bodyText = JSON.stringify(statusBody())): string =>
  `{"request":{"method":"GET","url":"https://api.example.test/api/v1/namespaces/default/pods/web"},"response":{"status":${status},"headers":[{"name":"Content-Type","value":"application/json"}],"content":{"mimeType":"application/json","text":${JSON.stringify(bodyText)}}}}`;

/** Twelve good entries, then the one under test at index 12. */
const har = (last: string): string => `{"log":{"version":"1.2","entries":[${[...Array.from({ length: 12 }, () => entry('404')), last].join(',')}]}}`;

describe('a HAR response status that is no HTTP status is an input error naming the entry', () => {
  const cases: Array<[string, string]> = [
    ['1e999', 'Infinity'],
    ['-1e999', '-Infinity'],
    ['-1', '-1'],
    ['404.5', '404.5'],
    ['99', '99'],
    ['600', '600'],
    ['1e3', '1000'],
  ];
  for (const [written, shown] of cases) {
    it(`status ${written}`, async () => {
      const file = write(`status-${written}.har`, har(entry(written)));
      const run = await runCli(['validate', file]);
      assert.equal(run.code, 2, `${run.stdout}${run.stderr}`);
      assert.equal(
        run.stderr,
        `statuslint: ${file}: /log/entries/12: malformed HAR entry: \`response/status\` must be an integer from 100 to 599 (or 0 for a request that got no response), not \`${shown}\`\n`,
      );
      assert.equal(run.stdout, '');
    });
  }
});

describe('a HAR entry with status 0 (no response: failed, blocked or cancelled in the browser)', () => {
  it('is passed over, said so in its title, and the other entries are judged', async () => {
    const noResponse = '{"request":{"method":"GET","url":"https://api.example.test/api/v1/pods"},"response":{"status":0,"statusText":"","headers":[],"content":{"size":0,"mimeType":"x-unknown"},"_error":"net::ERR_CONNECTION_REFUSED"}}';
    const file = write('status-0.har', har(noResponse));
    const run = await runCli(['validate', '--format', 'json', file]);
    assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
    const results = JSON.parse(run.stdout) as Results;
    assert.equal(results.items.length, 13);
    const skipped = results.items[12]!;
    assert.equal(skipped.title, 'GET /api/v1/pods → no response (status 0)');
    // Results hold only HTTP statuses (results.schema.json: 100 to 599): no response is recorded.
    assert.equal(skipped.response, undefined);
    assert.deepEqual(skipped.checks, [], 'nothing to judge: no check ran');
    assert.match(skipped.error ?? '', /the browser recorded no response \(HAR status 0/);
    assert.deepEqual(findingsOfItem(skipped), []);
  });
});

describe('a body code that is no integer is a finding, shown as the value it is', () => {
  // As written in the body, and as it reads once parsed.
  const cases: Array<[string, string]> = [
    ['1e999', 'Infinity'],
    ['-1e999', '-Infinity'],
    ['404.5', '404.5'],
  ];
  const withCode = (written: string): string => JSON.stringify(statusBody({ code: 404 })).replace('"code":404', `"code":${written}`);

  it('in a bare body', async () => {
    for (const [written, shown] of cases) {
      const run = await runCli(['validate', '--format', 'json', '-'], { input: withCode(written) });
      assert.equal(run.code, 1, run.stderr);
      const findings = (JSON.parse(run.stdout) as Results).items.flatMap(findingsOfItem);
      assert.deepEqual(
        findings.filter((f) => f.checkId === 'schema').map(({ pointer, expected, received }) => ({ pointer, expected, received })),
        [{ pointer: '/code', expected: 'a integer', received: `\`${shown}\`` }],
        written,
      );
    }
  });

  it('in a HAR entry with status 404', async () => {
    for (const [written, shown] of cases) {
      const run = await runCli(['validate', '--format', 'json', write(`code-${written}.har`, har(entry('404', withCode(written))))]);
      assert.equal(run.code, 1, run.stderr);
      const findings = findingsOfItem((JSON.parse(run.stdout) as Results).items[12]!);
      assert.deepEqual(
        findings.filter((f) => f.checkId === 'schema' || f.checkId === 'code-matches-http-status').map(({ checkId, pointer, expected, received }) => ({ checkId, pointer, expected, received })),
        [
          { checkId: 'schema', pointer: '/code', expected: 'a integer', received: `\`${shown}\`` },
          { checkId: 'code-matches-http-status', pointer: '/code', expected: '404', received: shown },
        ],
        written,
      );
    }
  });
});

describe('a status given for bare bodies (the library\'s `httpStatus`)', () => {
  for (const status of [Infinity, 404.5, 0, 99, 600]) {
    it(`${status} is an input error`, () => {
      assert.throws(() => parseRecorded(JSON.stringify(statusBody()), 'body.json', status), (error: unknown) => error instanceof InputError && error.where === '--status');
    });
  }
});
