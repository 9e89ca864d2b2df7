// Helpers imported by a relative path (rules/util/modules.ts): read within bounds, never out of the
// project, never a crash. Each case is a small project on disk linted with the real ESLint.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ESLint, type Linter } from 'eslint';
import plugin from '../../rules/index.js';

const HELPER = 'export function errorResponse(res, code, message, status) {\n  return res.status(status).json({ error: code, message });\n}\n';
/** A call the helper answers with the wrong status: `forbidden` goes with 403. */
const route = (specifier: string): string => `import { errorResponse } from '${specifier}';\napp.get('/', (req, res) => errorResponse(res, 'forbidden', 'Not an admin', 401));\n`;

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-modules-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let projects = 0;
/** A project of the given files, in its own folder (a `project/` inside it, so that something lies outside). */
function project(files: Record<string, string>): string {
  const root = join(scratch, String(projects++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, 'project');
}

/** `rule messageId` of each report on `file`, with ESLint run in `cwd` as a user runs it. */
async function reports(cwd: string, file = 'routes.js'): Promise<string[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config], cache: false });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => (m.fatal ? `fatal: ${m.message}` : `${m.ruleId} ${m.messageId} @${m.line}`));
}

const MISMATCH = 'statuslint/envelope-code-match statusMismatch @2';

describe('helpers imported by a relative path', () => {
  it('are read: ES modules, CommonJS, folders with an index, `.js` naming a TypeScript file', async () => {
    const cwd = project({ 'project/lib/errors.js': HELPER, 'project/routes.js': route('./lib/errors.js') });
    assert.deepEqual(await reports(cwd), [MISMATCH]);
    const commonJs = project({
      'project/lib/index.js': 'function errorResponse(res, code, message, status) { return res.status(status).json({ error: code, message }); }\nmodule.exports = { errorResponse };\n',
      'project/routes.js': "const errors = require('./lib');\napp.get('/', (req, res) => errors.errorResponse(res, 'forbidden', 'Not an admin', 401));\n",
    });
    assert.deepEqual(await reports(commonJs), [MISMATCH]);
  });

  it('are not read out of the project, from node_modules, or through a link leading out', async () => {
    const outside = project({ 'errors.js': HELPER, 'project/routes.js': route('../errors.js') });
    assert.deepEqual(await reports(outside), []);
    const dependency = project({ 'project/node_modules/errors/index.js': HELPER, 'project/routes.js': route('./node_modules/errors/index.js') });
    assert.deepEqual(await reports(dependency), []);
    const linked = project({ 'errors.js': HELPER, 'project/routes.js': route('./lib/errors.js') });
    mkdirSync(join(linked, 'lib'));
    symlinkSync(join(linked, '..', 'errors.js'), join(linked, 'lib', 'errors.js'));
    assert.deepEqual(await reports(linked), []);
    // ESLint run from the file system's root (an editor with no folder open) has no project to stay in.
    const rooted = project({ 'project/lib/errors.js': HELPER, 'project/routes.js': route('./lib/errors.js') });
    assert.deepEqual(await reports('/', join(rooted, 'routes.js')), []);
  });

  it('export nothing when they cannot be parsed or are too large, and never stop the lint', async () => {
    const broken = project({ 'project/errors.js': `${HELPER}export function (`, 'project/routes.js': route('./errors.js') });
    assert.deepEqual(await reports(broken), []);
    const large = project({ 'project/errors.js': `${HELPER}${'// padding\n'.repeat(30_000)}`, 'project/routes.js': route('./errors.js') });
    assert.deepEqual(await reports(large), []);
  });

  it('are read again when they change', async () => {
    const cwd = project({ 'project/errors.js': HELPER, 'project/routes.js': route('./errors.js') });
    assert.deepEqual(await reports(cwd), [MISMATCH]);
    // The helper now sends 403 whatever status it is given: `forbidden` goes with it.
    writeFileSync(join(cwd, 'errors.js'), 'export function errorResponse(res, code, message) {\n  return res.status(403).json({ error: code, message });\n}\n');
    utimesSync(join(cwd, 'errors.js'), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(await reports(cwd), []);
  });
});
