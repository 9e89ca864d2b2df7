// needs: cluster
/**
 * `probe --format sarif` against a REAL kube-apiserver (cluster/): what GitHub code scanning would
 * receive passes Microsoft's SARIF Multitool with the code-scanning rules, with no error and no
 * warning, and each finding sits at a logical location (group-version/resource/probe), not a file.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesManifest, type LocalCluster, repoRoot, startCluster } from '../../cluster/index.js';
import { runCli } from '../helpers/cli.js';
import { multitoolProblems, multitoolSkip } from '../reporters/sarif-multitool.js';

interface SarifLog {
  runs: Array<{
    results: Array<{ ruleId: string; properties: { probeId?: string; resource?: string; groupVersion?: string }; locations: Array<{ physicalLocation?: object; logicalLocations: Array<{ fullyQualifiedName: string }> }> }>;
  }>;
}

let cluster: LocalCluster;
let sarif: string;

before(async () => {
  cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'sarif-test') });
  const applied = await cluster.kubectl(['apply', '-f', fixturesManifest]);
  assert.equal(applied.code, 0, applied.stderr);
  const run = await runCli(['probe', '--kubeconfig', cluster.kubeconfigPath, '--context', cluster.adminContext, '--format', 'sarif', '--no-config']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  sarif = run.stdout;
});

after(async () => {
  await cluster?.stop();
});

describe('probe --format sarif against a real kube-apiserver', () => {
  it('has findings, each at its group-version/resource/probe and at no file', () => {
    const { results } = (JSON.parse(sarif) as SarifLog).runs[0]!;
    assert.ok(results.length > 0);
    for (const result of results) {
      const [location] = result.locations;
      assert.equal(location!.physicalLocation, undefined);
      const { groupVersion, resource, probeId } = result.properties;
      assert.equal(location!.logicalLocations[0]!.fullyQualifiedName, [groupVersion, resource, probeId].filter(Boolean).join('/'));
    }
  });

  it('passes the SARIF Multitool with the GitHub code-scanning rules: no error, no warning', { skip: multitoolSkip }, () => {
    assert.deepEqual(multitoolProblems(sarif), []);
  });
});
