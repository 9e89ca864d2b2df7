// `npm test` must not pass over a suite that failed while loading: Node's summary says "fail 0" for it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNode } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

describe('the test runner', () => {
  it('names a suite that failed while loading, with its error', async () => {
    const reporter = join(repoRoot, 'scripts', 'test-load-failures.mjs');
    const run = await runNode(['--import', 'tsx', '--test', '--test-reporter=tap', '--test-reporter-destination=stdout', `--test-reporter=${reporter}`, '--test-reporter-destination=stderr', fixture('test-runner', 'suite-fails-to-load.ts')], {
      cwd: repoRoot,
      // Run as a top-level test run, not as a child reporting to this one.
      env: { NODE_TEST_CONTEXT: undefined },
    });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /# fail 0/, "Node's own summary counts no failure: the reason for the extra reporter");
    assert.match(run.stderr, /1 suite failed while loading/);
    assert.match(run.stderr, /suite "a suite that cannot load": ENOENT: no such file or directory, scandir '\/statuslint-no-such-directory'/);
    assert.doesNotMatch(run.stderr, /a suite that loads/);
  });
});
