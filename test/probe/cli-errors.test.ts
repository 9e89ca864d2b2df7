// `statuslint probe` on bad configuration: one line, a distinct exit code, no stack trace.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-probe-cli-'));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const kubeconfig = (server: string): string => {
  const path = join(scratch, `kubeconfig-${Math.random().toString(16).slice(2)}`);
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}" } }]
users: [{ name: u, user: { token: "s3cr3t-token-value" } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`,
  );
  return path;
};

describe('statuslint probe configuration errors', () => {
  it('says no kubeconfig was found, where it looked and which flags to use, when there is none', async () => {
    const home = mkdtempSync(join(tmpdir(), 'statuslint-home-'));
    for (const env of [{ HOME: home, KUBECONFIG: '' }, { HOME: home, KUBECONFIG: join(home, 'missing-config') }]) {
      const run = await runCli(['probe'], { env });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /no kubeconfig found \(looked in (~\/\.kube\/config|KUBECONFIG=\S*missing-config)/);
      assert.match(run.stderr, /--kubeconfig FILE/);
      assert.match(run.stderr, /--server URL/);
      assert.doesNotMatch(run.stderr, /loaded-context|--context:/);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
  });

  it('exits 3 when the target does not answer, naming it', async () => {
    const server = `https://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['probe', '--kubeconfig', kubeconfig(server)]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, new RegExp(`^statuslint: ${server.replace(/\./g, '\\.')} did not answer: .*ECONNREFUSED`));
    assert.doesNotMatch(run.stderr + run.stdout, /s3cr3t-token-value/);
  });

  it('exits 2 for a context the kubeconfig does not have', async () => {
    const run = await runCli(['probe', '--kubeconfig', kubeconfig('https://127.0.0.1:1'), '--context', 'nope']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'statuslint: --context: no context "nope" in the kubeconfig (have: ctx)\n');
  });

  it('exits 2 for a kubeconfig that does not exist', async () => {
    const run = await runCli(['probe', '--kubeconfig', join(scratch, 'missing')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^statuslint: .*missing: cannot load kubeconfig: .+\n$/);
  });

  it('exits 2 for an unknown probe and for --cert without --key', async () => {
    const unknown = await runCli(['probe', '--server', 'https://127.0.0.1:1', '--probe', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^statuslint: --probe: unknown probe "nope"/);
    const half = await runCli(['probe', '--server', 'https://127.0.0.1:1', '--cert', '/etc/hostname']);
    assert.equal(half.code, 2);
    assert.equal(half.stderr, 'statuslint: --key: --cert and --key go together\n');
  });

  it('exits 2 for a non-Kubernetes profile', async () => {
    const run = await runCli(['probe', '--server', 'https://127.0.0.1:1', '--profile', 'envelope']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /needs the kubernetes profile/);
  });
});
