// `statuslint docs`: the pages an installed user can read, by id, without knowing the package layout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { API_PROBES } from '../../conformance/api/probes/index.js';
import { ALL_CHECKS } from '../../conformance/checks/index.js';
import { PROBES } from '../../conformance/probes/index.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

describe('statuslint docs', () => {
  it('lists every check, probe and OpenAPI probe, and where the docs are', async () => {
    const run = await runCli(['docs']);
    assert.equal(run.code, 0, run.stderr);
    for (const id of [...ALL_CHECKS.map((c) => c.id), ...PROBES.map((p) => p.id), ...API_PROBES.map((p) => p.id), 'reason-code-match', 'documented-status-known']) {
      assert.match(run.stdout, new RegExp(`^  ${id}$`, 'm'), id);
    }
    assert.match(run.stdout, /the pages are Markdown files in \S+docs/);
  });

  it('prints a page by its id, or by kind/id', async () => {
    const check = await runCli(['docs', 'reason-code-match']);
    assert.equal(check.code, 2, 'a check and an ESLint rule share this id');
    assert.match(check.stderr, /give one of checks\/reason-code-match, rules\/reason-code-match/);
    const page = await runCli(['docs', 'checks/reason-code-match']);
    assert.equal(page.code, 0, page.stderr);
    assert.equal(page.stdout, readFileSync(`${repoRoot}/docs/checks/reason-code-match.md`, 'utf8'));
    const probe = await runCli(['docs', 'watch-too-old-resourceversion']);
    assert.equal(probe.stdout, readFileSync(`${repoRoot}/docs/probes/watch-too-old-resourceversion.md`, 'utf8'));
    const topic = await runCli(['docs', 'catalog']);
    assert.equal(topic.stdout, readFileSync(`${repoRoot}/docs/catalog.md`, 'utf8'));
  });

  it('names the close ids for a mistyped one, in one line, exit 2', async () => {
    const run = await runCli(['docs', 'reson-code-match']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: docs: no page "reson-code-match"; did you mean reason-code-match? (statuslint docs lists them)\n');
    const kind = await runCli(['docs', 'recipes/x']);
    assert.match(kind.stderr, /unknown kind "recipes" \(use checks, probes, api-probes, spec, rules\)/);
  });

  it('is what --help points to, instead of paths inside the repository', async () => {
    const run = await runCli(['--help']);
    assert.match(run.stdout, /statuslint docs ID prints the page of a check, probe or rule/);
    assert.doesNotMatch(run.stdout, /docs\/catalog\.md/);
  });
});
