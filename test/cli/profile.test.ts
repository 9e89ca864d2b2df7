// A malformed --profile is one line naming the file and the place in it, and exit 2, in every command
// that takes one, and in the ESLint plugin through `settings.statuslint.profile` under the eslint CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BUILTIN_PROFILES } from '../../schemas/builtin-profiles.js';
import { type CliRun, runCli, runNode } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-profile-cli-'));
const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

/** Each malformed profile and the one line every command must print for it, after `statuslint: `. */
const MALFORMED: Array<[string, string, (path: string) => RegExp]> = [
  ['a body without messageField', 'name: mine\nbody:\n  kind: envelope\n  codeField: error\nentries: []\n', (p) => line(p, ": invalid profile: /body must have required property 'messageField'")],
  ['a misspelt member', '{"name": "mine", "body": {"kind": "none"}, "entires": []}', (p) => line(p, ": invalid profile: / must NOT have additional property 'entires'")],
  ['an entry with a bad status', 'name: mine\nextends: kubernetes\nbody: { kind: kubernetes-status }\nentries:\n  - { code: Teapot, appearsIn: status-reason, httpStatus: "418", title: T, recovery: none }\n', (p) => line(p, ': invalid profile: /entries/0/httpStatus must be integer,null')],
  ['broken YAML', 'name: mine\n\tbody: x\n', (p) => line(p, ':2:1: invalid YAML: Tabs are not allowed as indentation')],
  ['broken JSON', '{"name": "mine", "body": {"kind": "none"}', (p) => line(p, ': invalid JSON: .+')],
  // The unknown tag must not add a warning line of its own.
  ['an unknown tag and a wrong type', 'name: !!js/function mine\nbody: none\n', (p) => line(p, ': invalid profile: /body must be object')],
  ['too many YAML aliases', aliasBomb, (p) => line(p, ': invalid YAML: Excessive alias count.*')],
  ['a missing file', '', (p) => line(p, ': profile file not found')],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `statuslint: <path><rest>` and nothing else; `rest` is a pattern. */
function line(path: string, rest: string): RegExp {
  return new RegExp(`^statuslint: ${escapeRegExp(path)}${rest}\\n$`);
}

const extension = (text: string): string => (text.trimStart().startsWith('{') ? 'json' : 'yaml');

const COMMANDS: Array<[string, (profile: string) => string[], string?]> = [
  ['validate', (p) => ['validate', '--profile', p, '-'], '{}'],
  ['probe', (p) => ['probe', '--profile', p, '--server', 'https://127.0.0.1:1']],
  ['spec', (p) => ['spec', fixture('openapi', 'clean-3.0.yaml'), '--profile', p]],
  ['catalog', (p) => ['catalog', '--profile', p]],
];

function assertOneLine(run: CliRun, expected: RegExp, what: string): void {
  assert.equal(run.code, 2, `${what}: exit ${run.code}\n${run.stdout}${run.stderr}`);
  assert.match(run.stderr, expected, what);
  assert.equal(run.stdout, '', what);
}

describe('a malformed --profile: exit 2 and one line naming the file and where', () => {
  for (const [name, text, expected] of MALFORMED) {
    it(name, async () => {
      const slug = name.replace(/\W+/g, '-');
      const path = name === 'a missing file' ? join(scratch, 'nope.yaml') : write(`${slug}.${extension(text)}`, text);
      const runs = await Promise.all(COMMANDS.map(([, args, input]) => runCli(args(path), input === undefined ? {} : { input })));
      runs.forEach((run, i) => assertOneLine(run, expected(path), `${COMMANDS[i]?.[0]} with ${name}`));
    });
  }

  it('the same line however the option is written (-p, --profile=)', async () => {
    const path = write('short.yaml', 'name: mine\nbody: {kind: bogus}\n');
    for (const args of [['validate', '-p', path, '-'], ['validate', `--profile=${path}`, '-']]) {
      assertOneLine(await runCli(args, { input: '{}' }), line(path, ': invalid profile: /body/kind must be equal to one of the allowed values'), args.join(' '));
    }
  });
});

describe('profiles with no codes of their own work in every command', () => {
  // These made schema compilation throw: "internal error", exit 4.
  it('an envelope profile with no entries', async () => {
    const path = write('no-codes.json', JSON.stringify({ name: 'no-codes', body: { kind: 'envelope', codeField: 'error', messageField: 'message' } }));
    const validate = await runCli(['validate', '--profile', path, '--status', '404', '--format', 'json', '-'], { input: '{"error": "not_found", "message": "m"}' });
    assert.equal(validate.code, 1, validate.stderr);
    assert.equal(validate.stderr, '');
    const spec = await runCli(['spec', fixture('openapi', 'clean-3.0.yaml'), '--profile', path]);
    assert.ok(spec.code === 0 || spec.code === 1, `${spec.code}: ${spec.stderr}`);
    const catalog = await runCli(['catalog', '--profile', path]);
    assert.equal(catalog.code, 0, catalog.stderr);
  });

  it('a Status profile with no reasons', async () => {
    const path = write('no-reasons.yaml', 'name: no-reasons\nbody: {kind: kubernetes-status}\n');
    const run = await runCli(['validate', '--profile', path, '--status', '404', '-'], { input: '{"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404, "message": "m"}' });
    assert.ok(run.code === 0 || run.code === 1, `${run.code}: ${run.stderr}`);
    assert.equal(run.stderr, '');
  });
});

describe('the eslint CLI with a malformed settings.statuslint.profile', () => {
  const eslintBin = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

  function eslint(profile: string): Promise<CliRun> {
    const project = mkdtempSync(join(scratch, 'eslint-'));
    const plugin = pathToFileURL(join(repoRoot, 'dist', 'rules', 'index.js')).href;
    writeFileSync(join(project, 'eslint.config.js'), `import statuslint from ${JSON.stringify(plugin)};\nexport default [{ ...statuslint.configs.recommended, settings: { statuslint: { profile: ${JSON.stringify(profile)} } } }];\n`);
    writeFileSync(join(project, 'handler.js'), 'res.status(404).json({ kind: "Status", apiVersion: "v1", status: "Failure", message: "m", reason: "NotFound", code: 404 });\n');
    return runNode([eslintBin, 'handler.js'], { cwd: project });
  }

  it('exits 2 with the loader\'s line, for a schema error and for broken YAML', async () => {
    const cases: Array<[string, string]> = [
      [write('eslint-bad.yaml', 'name: mine\nbody:\n  kind: envelope\n  codeField: error\n'), ": invalid profile: /body must have required property 'messageField'"],
      [write('eslint-broken.yaml', 'name: mine\n\tbody: x\n'), ':2:1: invalid YAML: Tabs are not allowed as indentation'],
    ];
    for (const [path, rest] of cases) {
      const run = await eslint(path);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      const output = run.stdout + run.stderr;
      assert.ok(output.includes(`statuslint: settings.statuslint.profile "${path}": ${path}${rest}\n`), output);
    }
  });

  it('exits 2 naming an unknown profile name', async () => {
    const run = await eslint('kubernets');
    assert.equal(run.code, 2);
    assert.ok((run.stdout + run.stderr).includes(`statuslint: settings.statuslint.profile "kubernets": unknown profile (use ${BUILTIN_PROFILES.join(', ')} or a file path)`), run.stdout + run.stderr);
  });

  it('lints as usual with a good profile (the setup above is not what fails)', async () => {
    const run = await eslint(write('eslint-good.json', JSON.stringify({ name: 'good', extends: 'envelope', body: { kind: 'envelope', codeField: 'error', messageField: 'message' } })));
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });
});
