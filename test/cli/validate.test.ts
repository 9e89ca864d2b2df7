import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { findingsOfItem } from '../../conformance/results.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { statusBody } from '../helpers/status.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-cli-'));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

describe('statuslint validate on a HAR with good and bad responses', () => {
  it('reports exactly the bad entries, each with check id, level and pointer', async () => {
    const run = await runCli(['validate', '--format', 'json', fixture('recorded', 'mixed.har')]);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Results;
    const reported = results.items
      .map((item) => ({ item, findings: findingsOfItem(item) }))
      .filter(({ findings }) => findings.length > 0)
      .map(({ item, findings }) => [item.location.split('#')[1], ...findings.map((f) => `${f.checkId} ${f.level} ${f.pointer}`)]);
    assert.deepEqual(reported, [
      ['3', 'reason-code-match MUST /reason'],
      ['5', 'content-type-json SHOULD header:Content-Type'],
      ['6', 'status-matches-http-class MUST /status'],
      ['7', 'retry-guidance SHOULD header:Retry-After'],
      ['9', 'content-type-json SHOULD header:Content-Type'],
      ['10', 'reason-known SHOULD /reason'],
      ['11', 'reason-is-api-reason MUST /reason'],
      ['13', 'code-matches-http-status MUST /code'],
    ]);
    assert.equal(results.items.length, 13);
  });

  it('prints a stylish report naming each bad entry and a summary', async () => {
    const run = await runCli(['validate', fixture('recorded', 'mixed.har')]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /mixed\.har#3 {2}GET \/apis\/wardle\.example\.com\/v1alpha1\/namespaces\/default\/flunders\/f1 → 404/);
    assert.match(run.stdout, /8 problems \(4 MUST, 4 SHOULD\) in 8 of 13 responses/);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when NO_COLOR is set');
  });

  it('--fail-on must ignores SHOULD findings for the exit code', async () => {
    const only = write('should-only.json', JSON.stringify(statusBody({ message: '' })));
    assert.equal((await runCli(['validate', '--status', '404', only])).code, 1);
    assert.equal((await runCli(['validate', '--status', '404', '--fail-on', 'must', only])).code, 0);
  });
});

describe('statuslint validate input forms', () => {
  it('reads one body from standard input and exits 0 when clean', async () => {
    const run = await runCli(['validate', '--status', '404', '-'], { input: JSON.stringify(statusBody()) });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /no problems in 1 response/);
  });

  it('reads a JSON array and JSON Lines of watch events', async () => {
    const array = write('bodies.json', JSON.stringify([statusBody(), statusBody({ reason: 'Conflict' })]));
    const arrayRun = await runCli(['validate', '--format', 'json', array]);
    const arrayResults = JSON.parse(arrayRun.stdout) as Results;
    assert.deepEqual(arrayResults.items.map((i) => findingsOfItem(i).map((f) => f.checkId)), [[], ['reason-code-match']]);

    const events = [
      { type: 'ADDED', object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a' } } },
      { type: 'ERROR', object: statusBody({ reason: 'Expired', code: 410, message: 'too old resource version', status: 'Success' }) },
    ];
    const lines = write('watch.jsonl', `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const linesRun = await runCli(['validate', '--format', 'json', lines]);
    const lineResults = JSON.parse(linesRun.stdout) as Results;
    assert.deepEqual(lineResults.items.map((i) => [i.location.split(':').pop(), findingsOfItem(i).map((f) => `${f.checkId} ${f.pointer}`)]), [
      ['1', []],
      ['2', ['status-matches-http-class /object/status']],
    ]);
  });

  it('writes several formats to files with -o', async () => {
    const out = join(scratch, 'report.json');
    const run = await runCli(['validate', '--format', 'stylish', '--format', 'json', '-o', out, fixture('recorded', 'mixed.har')]);
    assert.equal(run.code, 1);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Results).items.length, 13);
    assert.match(run.stdout, /8 problems/);
  });
});

describe('statuslint validate on a response too large to judge', () => {
  it('a line over 64 MiB is set apart unread, the run not conformant, the lines after it judged (stdin as a file)', async () => {
    const huge = JSON.stringify({ ...statusBody(), message: 'x'.repeat(64 * 1024 * 1024) });
    const path = write('huge.jsonl', `${huge}\n${JSON.stringify({ ...statusBody(), code: 409 })}\n`);
    const run = await runCli(['validate', '--format', 'json', path]);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Results;
    assert.deepEqual(
      results.items.map((item) => [item.location, item.error, findingsOfItem(item).map((f) => f.checkId)]),
      [
        [`${path}:1`, 'too large to judge: over 64 MiB, the most statuslint reads of one response', []],
        [`${path}:2`, undefined, ['reason-code-match']],
      ],
    );
    const markdown = await runCli(['validate', '--format', 'markdown', path]);
    assert.match(markdown.stdout, /; 1 response not judged\./);
    assert.match(markdown.stdout, /### Responses not judged\n\n- line 1: too large to judge/);
    const github = await runCli(['validate', '--format', 'github', path]);
    assert.match(github.stdout, /^::error title=statuslint%3A not judged::line 1 \(.*huge\.jsonl:1\): too large to judge: over 64 MiB/m);
  });
});

describe('statuslint validate of input with no response to judge: nothing checked, exit 5, never a pass', () => {
  const cases: Array<[string, string, string]> = [
    ['an empty JSON array', 'empty-array.json', '[]'],
    ['a HAR with no entries', 'no-entries.har', '{"log":{"version":"1.2","entries":[]}}'],
  ];
  for (const [name, file, text] of cases) {
    it(name, async () => {
      const input = write(file, text);
      const report = join(scratch, `${file}.results.json`);
      const run = await runCli(['validate', '--no-config', input, '-f', 'stylish', '-f', 'json', '-o', report]);
      assert.equal(run.code, 5, `${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^∅ nothing checked in \d+ responses?: no response was judged \(profile kubernetes\)$/m);
      assert.doesNotMatch(run.stdout, /✔/);
      const results = JSON.parse(readFileSync(report, 'utf8')) as Results & { summary: { verdict: string } };
      assert.equal(results.summary.verdict, 'nothing-checked');
      // The saved run says the same when it is reported again.
      const again = await runCli(['report', '--no-config', report]);
      assert.equal(again.code, 5, `${again.stdout}${again.stderr}`);
      assert.match(again.stdout, /^∅ nothing checked in \d+ responses?: no response was judged/m);
    });
  }

  it('a HAR entry recorded without its body: the body is not judged (json-body skips it), its headers are', async () => {
    const input = write('no-text.har', '{"log":{"entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":404,"headers":[{"name":"Content-Type","value":"application/json"}],"content":{"mimeType":"application/json"}}}]}}');
    const run = await runCli(['validate', '--no-config', input, '-f', 'json']);
    const results = JSON.parse(run.stdout) as Results;
    const outcomes = Object.fromEntries(results.items[0]!.checks.map((check) => [check.checkId, [check.outcome, check.reason ?? '']]));
    assert.deepEqual(outcomes['json-body'], ['skip', 'no body was recorded']);
    assert.deepEqual(outcomes['content-type-json'], ['pass', '']);
  });
});

describe('statuslint validate on bad input: exit 2 and one line naming what and where', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing file', () => ['validate', join(scratch, 'nope.json')], /^statuslint: .*nope\.json: no such file\n$/],
    ['invalid JSON with its position', () => ['validate', write('broken.json', '{\n  "kind": "Status",\n  "code": 40x\n}')], /^statuslint: .*broken\.json:3:\d+: invalid JSON: .+\n$/],
    ['a bad JSON Lines line', () => ['validate', write('bad.jsonl', '{"a":1}\n{"b":\n')], /^statuslint: .*bad\.jsonl:2:\d+: invalid JSON Lines: .+\n$/],
    // JSON.parse names no position for input that stops short: the position is where it ends, not 1:1.
    ['truncated JSON, at the end of the input', () => ['validate', write('truncated.json', '[\n  {"kind": "Status"},\n  {"code":')], /^statuslint: .*truncated\.json:3:11: invalid JSON: unexpected end of JSON input\n$/],
    ['a truncated JSON Lines line, at its end', () => ['validate', write('truncated.jsonl', '{"a":1}\n{"b":\n')], /^statuslint: .*truncated\.jsonl:2:6: invalid JSON Lines: unexpected end of JSON input\n$/],
    ['a HAR without entries', () => ['validate', write('empty.har', '{"log":{"version":"1.2"}}')], /^statuslint: .*empty\.har: not a HAR file: `\/log\/entries` must be an array\n$/],
    ['a HAR entry without a status', () => ['validate', write('nostatus.har', '{"log":{"entries":[{"response":{"headers":[]}}]}}')], /^statuslint: .*nostatus\.har: \/log\/entries\/0: malformed HAR entry: `response\/status` must be a number\n$/],
    ['an empty file', () => ['validate', write('empty.json', '')], /^statuslint: .*empty\.json: empty input/],
    ['a HAR entry whose body text is a number', () => ['validate', write('text-number.har', '{"log":{"entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":404,"headers":[],"content":{"mimeType":"application/json","text":12345}}}]}}')], /^statuslint: .*text-number\.har: \/log\/entries\/0: malformed HAR entry: `response\/content\/text` must be a string, not a number\n$/],
    ['a HAR entry whose body text is an object', () => ['validate', write('text-object.har', '{"log":{"entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":404,"headers":[],"content":{"text":{}}}}]}}')], /^statuslint: .*text-object\.har: \/log\/entries\/0: malformed HAR entry: `response\/content\/text` must be a string, not an object\n$/],
    ['a HAR entry whose content is null', () => ['validate', write('content-null.har', '{"log":{"entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":404,"headers":[],"content":null}}]}}')], /^statuslint: .*content-null\.har: \/log\/entries\/0: malformed HAR entry: `response\/content` must be an object\n$/],
    ['an unknown profile', () => ['validate', '--profile', 'kubernets', fixture('recorded', 'mixed.har')], /^statuslint: --profile: unknown profile "kubernets"/],
    ['an unknown format', () => ['validate', '--format', 'xml', fixture('recorded', 'mixed.har')], /^statuslint: --format: unknown format "xml"/],
    ['a bad --status', () => ['validate', '--status', '99', '-'], /^error: option '--status <code>' argument '99' is invalid\. must be an HTTP status from 100 to 599\n$/],
    ['an unknown option', () => ['validate', '--bogus'], /^error: unknown option '--bogus'\n$/],
  ];
  for (const [name, args, expected] of cases) {
    it(name, async () => {
      const run = await runCli(args());
      assert.equal(run.code, 2, `${run.stdout}${run.stderr}`);
      assert.match(run.stderr, expected);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stdout, '');
    });
  }

  it('a bad line after a megabyte of report leaves no half-written -o file to be read as a report', async () => {
    const good = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ ...statusBody(), message: `object-${i} not found` }));
    const input = write('late-bad.jsonl', `${good.join('\n')}\n{"b":\n`);
    const report = join(scratch, 'late-bad.json');
    const run = await runCli(['validate', input, '--format', 'json', '-o', report]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /late-bad\.jsonl:1501:\d+: invalid JSON Lines/);
    assert.equal(existsSync(report), false);
  });

  it('a bad line half-way removes no -o that is not a plain file of its own (a link, a device such as /dev/null)', async () => {
    // Past the bodies read ahead and the first batch: the report is open when the bad line comes.
    const good = Array.from({ length: 1500 }, () => JSON.stringify(statusBody())).join('\n');
    const input = write('bad-after-good.jsonl', `${good}\n{"b":\n`);
    const target = join(scratch, 'kept-target.json');
    writeFileSync(target, 'before\n');
    const link = join(scratch, 'kept-link.json');
    symlinkSync(target, link);
    const run = await runCli(['validate', input, '--format', 'json', '-o', link]);
    assert.equal(run.code, 2, run.stderr);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still there');
    assert.ok(existsSync(target));
  });

  it('a malformed user profile', async () => {
    const profile = write('bad-profile.yaml', 'name: mine\nbody:\n  kind: envelope\n  codeField: error\nentries: []\n');
    const run = await runCli(['validate', '--profile', profile, '-'], { input: '{}' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^statuslint: .*bad-profile\.yaml: invalid profile: \/body must have required property 'messageField'\n$/);
  });
});

describe('a user profile', () => {
  it('extends the envelope with its own code and is used by validate', async () => {
    const profile = write(
      'teams.yaml',
      [
        'name: teams',
        'extends: envelope',
        'body: { kind: envelope, codeField: error, messageField: message, requestIdField: requestId, requestIdRequired: true }',
        'entries:',
        '  - { code: quota_exceeded, appearsIn: envelope-error, httpStatus: 429, title: Quota exceeded, recovery: retry-after }',
      ].join('\n'),
    );
    const good = await runCli(['validate', '--profile', profile, '--status', '404', '-'], { input: '{"error":"not_found","message":"m","requestId":"r"}' });
    assert.equal(good.code, 0, good.stdout);
    const bad = await runCli(['validate', '--profile', profile, '--status', '400', '--format', 'json', '-'], { input: '{"error":"quota_exceeded","message":"m","requestId":"r"}' });
    const findings = findingsOfItem((JSON.parse(bad.stdout) as Results).items[0]!);
    assert.deepEqual(findings.map((f) => [f.checkId, f.expected, f.received]), [['reason-code-match', '429', '400']]);
  });
});
