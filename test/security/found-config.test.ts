/**
 * A config found by search sits in a checked-out project, which may be a stranger's: it may not name a
 * kubeconfig (whose `exec` plugin would run a command of the project's choosing) nor write a report or
 * baseline outside its own folder. A config named with `--config` is the user's own and may do both.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-found-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const BODY = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'no' });

function project(name: string, config: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'statuslint.config.yaml'), config);
  writeFileSync(join(root, 'body.json'), BODY);
  return root;
}

/** A kubeconfig whose plugin leaves a file behind when it runs. */
function plantedKubeconfig(root: string): string {
  const marker = join(root, 'plugin-ran');
  writeFileSync(join(root, 'plugin.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 't' } }));\n`);
  writeFileSync(
    join(root, 'kubeconfig.json'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server: 'http://127.0.0.1:9' } }],
      users: [{
        name: 'u',
        user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [join(root, 'plugin.mjs')], interactiveMode: 'Never' } },
      }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    }),
  );
  return marker;
}

describe('a config found by search', () => {
  it('may not name a kubeconfig: its plugin never runs, and the error says how to trust the file', async () => {
    const root = project('kubeconfig', 'kubeconfig: kubeconfig.json\n');
    const marker = plantedKubeconfig(root);
    const run = await runCli(['probe', '--timeout', '1'], { cwd: root });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.equal(existsSync(marker), false, 'the planted plugin ran');
    assert.equal(
      run.stderr,
      'statuslint: statuslint.config.yaml: kubeconfig: a config found by search may not name a kubeconfig (its exec plugin would run); name the file with --config statuslint.config.yaml to trust it, or give --kubeconfig\n',
    );
  });

  it('may not write a report or a baseline outside its folder', async () => {
    const outside = join(scratch, 'outside.json');
    const root = project('outputs', 'outputs: [{ format: json, output: ../outside.json }]\n');
    const run = await runCli(['validate', '--status', '404', 'body.json'], { cwd: root });
    assert.equal(run.code, 2);
    assert.equal(existsSync(outside), false);
    assert.equal(run.stderr, 'statuslint: statuslint.config.yaml: outputs[0].output: "../outside.json" is outside the folder of a config found by search; name the file with --config statuslint.config.yaml to trust it\n');
    const baseline = project('baseline', `baseline: ${join(scratch, 'elsewhere.json')}\n`);
    const update = await runCli(['validate', '--status', '404', 'body.json', '--update-baseline'], { cwd: baseline });
    assert.equal(update.code, 2);
    assert.equal(existsSync(join(scratch, 'elsewhere.json')), false);
    assert.match(update.stderr, /^statuslint: statuslint\.config\.yaml: baseline: ".*elsewhere\.json" is outside the folder of a config found by search; name the file with --config statuslint\.config\.yaml to trust it\n$/);
  });

  it('named with --config, the same file is trusted', async () => {
    const root = project('trusted', 'outputs: [{ format: json, output: ../trusted-out.json }]\n');
    const run = await runCli(['validate', '--status', '404', 'body.json', '--config', 'statuslint.config.yaml'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(scratch, 'trusted-out.json')));
    const kube = project('trusted-kubeconfig', 'kubeconfig: kubeconfig.json\n');
    const marker = plantedKubeconfig(kube);
    await runCli(['probe', '--timeout', '1', '--config', 'statuslint.config.yaml'], { cwd: kube });
    assert.ok(existsSync(marker), 'a kubeconfig the user named runs its plugin, as kubectl does');
  });
});
