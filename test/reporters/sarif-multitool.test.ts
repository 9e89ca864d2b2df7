/**
 * The SARIF that `spec` and `probe` write, checked by Microsoft's SARIF Multitool with the rules
 * GitHub code scanning applies: no error and no warning. And `spec` run in a repository places each
 * finding on the repository's file at the finding's line, whichever folder it ran from.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sarif from '../../conformance/reporters/sarif.js';
import { builtinProfile } from '../../schemas/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { multitoolProblems, multitoolSkip } from './sarif-multitool.js';

interface Located {
  ruleId: string;
  locations: Array<{ physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } }; logicalLocations: Array<{ fullyQualifiedName: string }> }>;
}

const repository = mkdtempSync(join(tmpdir(), 'statuslint-sarif-repo-'));
mkdirSync(join(repository, 'openapi'));
copyFileSync(fixture('openapi', 'findings-2.0.yaml'), join(repository, 'openapi', 'api.yaml'));
after(() => rmSync(repository, { recursive: true, force: true }));

async function specSarif(cwd: string, args: readonly string[]): Promise<string> {
  const run = await runCli(['spec', ...args, '--format', 'sarif', '--no-config'], { cwd });
  assert.equal(run.code, 1, run.stderr);
  return run.stdout;
}

/** The last key of a JSON pointer, unescaped: what is written on the finding's line (an array index is on its parent's line; status codes are three-digit keys). */
const lastKey = (pointer: string): string => pointer.split('/').filter((segment) => !/^\d+$/.test(segment) || segment.length === 3).at(-1)!.replaceAll('~1', '/').replaceAll('~0', '~');

describe('SARIF as GitHub code scanning reads it', () => {
  it('spec: every finding on the repository file, at the line of its key', async () => {
    const log = JSON.parse(await specSarif(repository, ['openapi/api.yaml'])) as { runs: Array<{ results: Located[] }> };
    const lines = readFileSync(join(repository, 'openapi', 'api.yaml'), 'utf8').split('\n');
    const { results } = log.runs[0]!;
    assert.equal(results.length, 5);
    for (const result of results) {
      const [location] = result.locations;
      assert.deepEqual(location!.physicalLocation!.artifactLocation, { uri: 'openapi/api.yaml', uriBaseId: '%SRCROOT%' });
      const pointer = location!.logicalLocations[0]!.fullyQualifiedName;
      const line = lines[location!.physicalLocation!.region.startLine - 1]!;
      if (pointer !== '' && pointer !== '/') assert.ok(line.includes(lastKey(pointer)), `${pointer} at line ${location!.physicalLocation!.region.startLine}: ${line}`);
    }
  });

  it('spec from a subfolder with --sarif-root names the same file', async () => {
    const fromRoot = await specSarif(repository, ['openapi/api.yaml']);
    const fromSubfolder = await specSarif(join(repository, 'openapi'), ['api.yaml', '--sarif-root', '..']);
    const uris = (text: string): string[] => (JSON.parse(text) as { runs: Array<{ results: Located[] }> }).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation!.artifactLocation.uri);
    assert.deepEqual(uris(fromSubfolder), uris(fromRoot));
    // The config key does the same, relative to the config file.
    const configured = mkdtempSync(join(tmpdir(), 'statuslint-sarif-config-'));
    try {
      writeFileSync(join(configured, 'statuslint.config.yaml'), `sarifRoot: ${repository}\n`);
      const run = await runCli(['spec', join(repository, 'openapi', 'api.yaml'), '--format', 'sarif', '--config', join(configured, 'statuslint.config.yaml')], { cwd: configured });
      assert.deepEqual(uris(run.stdout), uris(fromRoot), run.stderr);
    } finally {
      rmSync(configured, { recursive: true, force: true });
    }
    assert.ok(!fromRoot.includes(repository), 'no machine path in the report');
  });

  it('spec of a document with findings: the Multitool finds no error and no warning', { skip: multitoolSkip }, async () => {
    assert.deepEqual(multitoolProblems(await specSarif(repository, ['openapi/api.yaml'])), []);
  });

  it('spec --from-cluster (a document at a path of the server): the Multitool finds no error and no warning', { skip: multitoolSkip }, async () => {
    const { loadDocument, checkDocument, specResults } = await import('../../conformance/spec/index.js');
    const profile = builtinProfile('kubernetes');
    const items = checkDocument(await loadDocument(fixture('openapi', 'findings-2.0.yaml')), { profile }).map((item) => ({ ...item, document: '/openapi/v2' }));
    const text = sarif.render(specResults({ profile, target: { server: 'https://127.0.0.1:6443' }, startedAt: new Date(), items }), { color: false });
    const log = JSON.parse(text) as { runs: Array<{ results: Located[]; originalUriBaseIds: Record<string, { uri?: string }> }> };
    assert.deepEqual(log.runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation, { uri: 'openapi/v2', uriBaseId: 'TARGET' });
    assert.equal(log.runs[0]!.originalUriBaseIds.TARGET!.uri, 'https://127.0.0.1:6443/');
    assert.deepEqual(multitoolProblems(text), []);
  });

  it('probe of a broken server (its saved results): the Multitool finds no error and no warning', { skip: multitoolSkip }, async () => {
    const run = await runCli(['report', fixture('results', 'broken-server.json'), '--format', 'sarif', '--no-config']);
    assert.ok(JSON.parse(run.stdout).runs[0].results.length > 40, run.stderr);
    assert.deepEqual(multitoolProblems(run.stdout), []);
  });

  it('the Multitool does reject what code scanning cannot place: an absolute path, a rule id equal to its name', { skip: multitoolSkip }, async () => {
    const log = JSON.parse(await specSarif(repository, ['openapi/api.yaml'])) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; name: string }> } }; results: Located[] }> };
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation = { uri: '/home/someone/openapi/api.yaml' };
    const rule = log.runs[0]!.tool.driver.rules[0]!;
    rule.id = rule.name;
    assert.deepEqual(multitoolProblems(JSON.stringify(log)).map((p) => p.ruleId).sort(), ['SARIF1001', 'SARIF1004']);
  });
});
