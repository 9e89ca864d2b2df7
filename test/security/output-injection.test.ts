// Issue #14: a hostile server (or document, or results file) must not take over the output. Its
// text reaches a terminal, a CI log, a step summary or a browser through the reporters; each format
// is rendered from a model laced with the attacks and checked for what would act on the reader.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { RESULTS_SCHEMA_VERSION, type Results } from '../../conformance/results.js';
import { resultsSummary } from '../../conformance/summary.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { brokenServerResults } from '../reporters/fixtures.js';

/** What a server can put in a reason, a message, a header, a version or a body. */
const ATTACKS = {
  titleChange: '\u001b]0;pwned\u0007',
  colour: '\u001b[31m',
  hyperlink: '\u001b]8;;http://evil.example/\u001b\\click me\u001b]8;;\u001b\\',
  workflowError: '\n::error::owned',
  addMask: '\n::add-mask::x',
  carriageReturn: '\r::warning::cr',
  legacyCommand: '##[add-mask]legacy',
  bidiOverride: 'txt.\u202eexe\u202c \u2066isolate\u2069',
  lineSeparators: 'a\u2028b\u2029c',
  c1Controls: '\u009b31m\u0085',
  del: '\u007f',
  image: '![x](http://evil.example/x.png)',
  link: '[click](javascript:alert(1))',
  heading: '\n# Heading',
  tableRow: '| a | b |',
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  xmlForbidden: '\u0000\u000b\uffff\ud800',
  cdataEnd: ']]>',
  autolinks: 'http://evil.example/auto www.evil.example @someone',
  backticks: '`span` and ` unpaired',
} as const;

const HOSTILE = Object.values(ATTACKS).join(' ');

/** The probe fixture with the attacks in every place a server's text reaches. */
function hostileResults(): Results {
  const results = brokenServerResults();
  results.target!.version = HOSTILE;
  const aggregated = results.discovery!.groupVersions.find((g) => g.aggregated)!;
  aggregated.service = HOSTILE;
  results.items.forEach((item, i) => {
    if (item.response) {
      item.response.headers['x-evil'] = HOSTILE;
      if (i === 0) item.response.body = `not json${HOSTILE}\n::error::body-line\n  ::add-mask::indented\n##[error]legacy\n]]>`;
    }
    for (const check of item.checks) {
      if (check.outcome !== 'fail') continue;
      for (const finding of check.findings) {
        finding.message = `Received: \`reason: ${HOSTILE}\`. Expected: \`reason: NotFound\`.`;
        finding.received = HOSTILE;
        finding.hint = HOSTILE;
      }
    }
  });
  // Lines of the stylish report open with an item's location.
  results.items[0]!.location = '::error::location-at-line-start';
  results.items[0]!.title = HOSTILE;
  results.items.push({ id: 'get-missing:evil', title: `# Heading ${HOSTILE}`, location: 'GET /evil', probeId: 'get-missing', error: HOSTILE, checks: [] });
  return results;
}

const render = (format: string, color = false, verbose = false): string => REPORTERS.get(format)!.render(hostileResults(), { color, verbose });

/** Control characters, DEL, C1, bidi controls and Unicode line separators; tabs and line feeds are layout. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The colour codes the stylish reporter writes itself. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Lines a CI runner would read as a command: `::` opening a line, or `##[…]` anywhere in one. */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line) || /##[a-z]*\[/i.test(line));

function assertNoRawControl(text: string, format: string): void {
  const match = RAW_CONTROL.exec(text);
  assert.equal(match, null, `${format}: raw U+${match?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (match?.index ?? 0) - 40), (match?.index ?? 0) + 40))}`);
}

describe('stylish output of a hostile model', () => {
  it('has no control character, escape sequence or bidi control of the server, colour off', () => {
    const text = render('stylish');
    assertNoRawControl(text, 'stylish');
    // Shown escaped instead, so the reader sees the server sent them.
    for (const shown of ['\\x1b]0;pwned\\x07', '\\x1b[31m', '\\x1b]8;;http://evil.example/', '\\n::error::owned', '\\r::warning::cr', '\\u202e', '\\u2028', '\\x9b31m', '\\x7f']) assert.ok(text.includes(shown), shown);
  });

  it('with colour on, has only its own colour codes', () => {
    const plain = render('stylish');
    const coloured = render('stylish', true);
    assert.match(coloured, SGR);
    // Every escape of the coloured text is a colour code of the reporter's: without them it is the plain text.
    assert.equal(coloured.replace(SGR, ''), plain);
  });

  it('opens no line with `::` and holds no `##[`: GitHub Actions reads stdout for workflow commands', () => {
    for (const color of [false, true]) for (const verbose of [false, true]) assert.deepEqual(commandLines(render('stylish', color, verbose).replace(SGR, '')), []);
    // Every response's heading, the hostile location's among them, is printed with --verbose.
    assert.match(render('stylish', false, true), /^\\x3a:error::location-at-line-start {2}/m);
  });
});

describe('github output of a hostile model', () => {
  const text = render('github');
  const lines = text.trimEnd().split('\n');

  it('is workflow commands only, one line each: the server cannot end one or start another', () => {
    for (const line of lines) assert.match(line, /^::(error|warning|notice)(?: [a-z]+=[^,:\r\n]*(?:,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*$/, line.slice(0, 200));
    assert.ok(lines.every((line) => !/##[a-z]*\[/i.test(line)), 'no legacy ##[command]');
  });

  it('shows the server\'s line breaks and controls escaped, after GitHub\'s own escaping', () => {
    assertNoRawControl(text, 'github');
    assert.ok(text.includes('\\n::error::owned'), 'line break shown as \\n');
    assert.ok(text.includes('\\x1b]0;pwned\\x07'));
    assert.ok(!text.includes('%0A::'), 'no server text opens an annotation line');
  });
});

/** A Markdown line with backslash escapes and code spans taken out: what a renderer reads as markup. */
const markup = (line: string): string => line.replace(/\\[\s\S]/g, '').replace(/`[^`]*`/g, '');

/** A table row's cells: pipes with an odd number of backslashes before them are text. */
const cellsOf = (row: string): number => row.split(/(?<=(?:^|[^\\])(?:\\\\)*)\|/).length;

describe('markdown output of a hostile model', () => {
  const text = render('markdown');
  const all = text.split('\n');
  // The reporter's own shell block of curl commands: code, never markup, as long as nothing closes it early.
  const open = all.indexOf('```sh');
  const close = open === -1 ? -1 : all.indexOf('```', open + 1);
  const shellBlock = open === -1 ? [] : all.slice(open + 1, close);
  const lines = open === -1 ? all : [...all.slice(0, open), ...all.slice(close + 1)];

  it('keeps its shell block closed: every line in it is a comment or a curl command, and it ends with its fence', () => {
    assert.ok(open !== -1 && close > open, 'no shell block of curl commands');
    for (const line of shellBlock) assert.match(line, /^(# |curl )/, line.slice(0, 300));
    assert.deepEqual(commandLines(shellBlock.join('\n')), []);
  });

  it('has no heading, list or block but its own', () => {
    const headings = lines.filter((line) => /^ {0,3}#{1,6}(\s|$)/.test(line));
    assert.deepEqual(
      headings.map((h) => h.replace(/:.*$/, '')),
      ['## ❌ Not conformant', '### By group-version', '### Top failures', '### Probes without a response', '### Reproduce'],
    );
    for (const line of lines.filter((l) => l.startsWith('- '))) assert.doesNotMatch(line.slice(2), /^([#>*+-]|\d+[.)]|\s)/, line);
  });

  it('keeps every table row one row with its own number of cells', () => {
    let header: number | undefined;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = undefined;
        continue;
      }
      header ??= cellsOf(line);
      assert.equal(cellsOf(line), header, line.slice(0, 300));
    }
  });

  it('renders no image, link, autolink, mention, math or HTML of the server', () => {
    assertNoRawControl(text, 'markdown');
    for (const line of lines) {
      const read = markup(line);
      assert.doesNotMatch(read, /[[\]$]|:\/\/|www\.|@/, line.slice(0, 300));
      // Only the reporter's own tags.
      for (const tag of read.match(/<[^>]*>/g) ?? []) assert.match(tag, /^<\/?(br|details|summary)>$/, tag);
    }
    assert.ok(text.includes('&lt;script&gt;'));
    assert.deepEqual(commandLines(text), []);
  });
});

describe('junit output of a hostile model', () => {
  const xml = render('junit');

  it('is XML valid against the Jenkins JUnit schema, with no control character, DEL, C1 or bidi control, raw `]]>` or markup of the server', async () => {
    const xsd = readFileSync(fixture('report-schemas', 'jenkins-junit.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'jenkins-junit.xsd', contents: xsd }] });
    assert.ok(result.valid, result.errors.slice(0, 5).map((e) => e.rawMessage).join('\n'));
    assertNoRawControl(xml, 'junit');
    assert.ok(!xml.includes(']]>'));
    assert.ok(!xml.includes('<script') && !xml.includes('<img'));
  });

  it('opens no line with `::`, even inside a recorded body', () => {
    assert.deepEqual(commandLines(xml), []);
    assert.match(xml, /^\\x3a:error::body-line$/m);
  });
});

describe('html output of a hostile model', () => {
  const html = render('html');

  it('has only its own script, no element or attribute of the server, no control character or bidi control, and no line opening with `::`', () => {
    assert.equal(html.split('<script').length - 1, 1);
    assert.ok(!html.includes('<img'));
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href!, /^#/);
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
    assertNoRawControl(html, 'html');
    assert.deepEqual(commandLines(html), []);
  });
});

describe('json and sarif output of a hostile model', () => {
  it('keep the data, with what a terminal would act on written as \\u escapes', () => {
    const results = hostileResults();
    for (const format of ['json', 'sarif']) {
      const text = render(format);
      assertNoRawControl(text, format);
      assert.deepEqual(commandLines(text), [], format);
      assert.doesNotThrow(() => JSON.parse(text), format);
    }
    assert.deepEqual(JSON.parse(render('json')), { ...results, schemaVersion: RESULTS_SCHEMA_VERSION, summary: resultsSummary(results) });
  });
});

describe('statuslint validate of recorded responses a hostile server sent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-hostile-'));
  const body = (reason: string, message: string): string => JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code: 404 });
  const entry = (method: string, text: string, contentType: string): object => ({
    startedDateTime: '2026-11-24T10:00:00.000Z',
    time: 1,
    request: {
      method,
      url: 'https://127.0.0.1:6443/api/v1/namespaces/default/pods/p',
      httpVersion: 'HTTP/1.1',
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 404,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: contentType }],
      cookies: [],
      content: { size: text.length, mimeType: contentType, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  });
  const har = join(dir, 'hostile.har');
  writeFileSync(
    har,
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: [
          entry(`GET${ATTACKS.workflowError}${ATTACKS.titleChange}`, body(HOSTILE, HOSTILE), 'application/json'),
          entry('GET', body(`NotFound${ATTACKS.addMask}${ATTACKS.image}`, `${ATTACKS.heading} ${ATTACKS.tableRow}${ATTACKS.link}`), `text/html${ATTACKS.colour}${ATTACKS.hyperlink}`),
        ],
      },
    }),
  );

  it('stylish, without and with colour: no escape sequence or workflow command of the server reaches the terminal', async () => {
    const plain = await runCli(['validate', har]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.stdout, /reason-known/);
    assertNoRawControl(plain.stdout, 'stylish');
    assert.deepEqual(commandLines(plain.stdout), []);
    assert.ok(plain.stdout.includes('\\x1b]0;pwned\\x07'));
    const coloured = await runCli(['validate', har], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    assert.match(coloured.stdout, SGR);
    assert.equal(coloured.stdout.replace(SGR, ''), plain.stdout);
  });

  it('github: workflow commands of its own only', async () => {
    const run = await runCli(['validate', '--format', 'github', har]);
    assert.equal(run.code, 1, run.stderr);
    assertNoRawControl(run.stdout, 'github');
    for (const line of run.stdout.trimEnd().split('\n')) assert.match(line, /^::(error|warning|notice)[ :]/, line);
    assert.ok(!/##[a-z]*\[/i.test(run.stdout));
  });

  it('markdown: no image, link, heading or table row of the server', async () => {
    const run = await runCli(['validate', '--format', 'markdown', har]);
    assert.equal(run.code, 1, run.stderr);
    assertNoRawControl(run.stdout, 'markdown');
    const lines = run.stdout.split('\n');
    const headings = lines.filter((line) => /^ {0,3}#{1,6}(\s|$)/.test(line)).map((h) => h.replace(/^## [✅❌] .*$/, '## verdict'));
    assert.deepEqual(headings, ['## verdict', '### By file', '### Top failures']);
    for (const line of lines) assert.doesNotMatch(markup(line), /[[\]]|:\/\/|<(?!\/?(br|details|summary)>)/, line.slice(0, 300));
    const tables = lines.filter((line) => /^\| (MUST|SHOULD) \| `/.test(line));
    assert.ok(tables.length > 0);
    for (const row of tables) assert.equal(cellsOf(row), cellsOf('| Level | Check | Problem | Responses |'), row.slice(0, 300));
  });
});

describe('an error line that quotes a hostile document', () => {
  it('is one visible line on stderr: no escape sequence, no workflow command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-hostile-error-'));
    const file = join(dir, 'openapi.json');
    // A $ref that leaves the document's directory is refused: the error names it, as written by the document.
    const ref = 'file:///components/schemas/\u001b]0;pwned\u0007\n::error::owned\u001b[2K';
    writeFileSync(file, JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { $ref: ref } } } }));
    const run = await runCli(['spec', file]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr.split('\n').length, 2, run.stderr);
    assert.doesNotMatch(run.stderr, /[\u0000-\u0009\u000b-\u001f\u007f]/);
    assert.match(run.stderr, /\\x1b\]0;pwned\\x07\\n::error::owned\\x1b\[2K/);
  });
});
