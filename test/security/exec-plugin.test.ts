/**
 * A kubeconfig user's `exec` credential plugin runs as kubectl runs it (issue #14): it is told what
 * kubectl tells it in KUBERNETES_EXEC_INFO (an ExecCredential of the configured apiVersion, with
 * `spec.interactive: false` and, with `provideClusterInfo: true`, `spec.cluster`), keeps the
 * kubeconfig's own `env`, and the token it prints is the one sent. The plugin is a small Node script
 * that records its environment; the target is the broken-server fixture behind a front that records
 * each request's Authorization header.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Results } from '../../conformance/results.js';
import { type BrokenServer, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { runCli } from '../helpers/cli.js';
import { forward, listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-exec-'));
const file = (name: string): string => join(scratch, name);

// Records what it was given, then answers as a credential plugin does.
const PLUGIN = `
import { writeFileSync } from 'node:fs';
writeFileSync(process.argv[2], JSON.stringify({ info: process.env.KUBERNETES_EXEC_INFO ?? null, setting: process.env.PLUGIN_SETTING ?? null }));
process.stdout.write(JSON.stringify({ apiVersion: process.argv[3], kind: 'ExecCredential', status: { token: ${JSON.stringify(GOOD_TOKEN)} } }));
`;

interface Front {
  url: string;
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

/** Pass every request on to the fixture, remembering the Authorization header it came with. */
async function startFront(backend: BrokenServer): Promise<Front> {
  const authorizations: Array<string | undefined> = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    forward(req, res, backend.url);
  });
  return { ...(await listenLocal(server)), authorizations };
}

interface ExecOptions {
  apiVersion: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** A kubeconfig whose only user gets its token from the plugin, writing what the plugin saw to `seen`. */
function kubeconfig(name: string, server: string, exec: ExecOptions): { path: string; seen: string } {
  const seen = file(`${name}.seen.json`);
  const path = file(`${name}.kubeconfig.json`);
  // JSON is YAML: no quoting questions for the paths.
  writeFileSync(path, JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'exec',
    clusters: [{
      name: 'local',
      // client-node refuses plain http unless verification is off.
      cluster: { server, 'insecure-skip-tls-verify': true, 'tls-server-name': 'api.example.test' },
    }],
    contexts: [{ name: 'exec', context: { cluster: 'local', user: 'plugin-user' } }],
    users: [{
      name: 'plugin-user',
      user: {
        exec: {
          apiVersion: exec.apiVersion,
          command: process.execPath,
          args: [file('plugin.mjs'), seen, exec.apiVersion],
          // A kubeconfig cannot override what kubectl sets; its other variables still reach the plugin.
          env: [{ name: 'PLUGIN_SETTING', value: 'kept' }, { name: 'KUBERNETES_EXEC_INFO', value: 'from-the-kubeconfig' }],
          interactiveMode: exec.interactiveMode ?? 'Never',
          ...(exec.provideClusterInfo !== undefined ? { provideClusterInfo: exec.provideClusterInfo } : {}),
        },
      },
    }],
  }));
  return { path, seen };
}

/** The ExecCredential the plugin was given, or the text itself when it is not JSON. */
function parsed(info: string): unknown {
  try {
    return JSON.parse(info);
  } catch {
    return info;
  }
}

const seenBy = (seen: string): { info: string | null; setting: string | null } => JSON.parse(readFileSync(seen, 'utf8')) as { info: string | null; setting: string | null };

describe('a kubeconfig exec credential plugin', () => {
  let backend: BrokenServer;
  let front: Front;

  before(async () => {
    writeFileSync(file('plugin.mjs'), PLUGIN);
    backend = await startBrokenServer({ defects: [] });
    front = await startFront(backend);
  });
  after(async () => {
    await front?.close();
    await backend?.close();
  });

  it('gets KUBERNETES_EXEC_INFO as kubectl sets it, and its token is sent', async () => {
    const { path, seen } = kubeconfig('v1', front.url, { apiVersion: 'client.authentication.k8s.io/v1' });
    front.authorizations.length = 0;
    const run = await runCli(['probe', '--kubeconfig', path, '--resource', 'configmaps', '--probe', 'get-missing', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const plugin = seenBy(seen);
    assert.equal(plugin.setting, 'kept');
    assert.ok(plugin.info !== null, 'KUBERNETES_EXEC_INFO was not set');
    assert.deepEqual(parsed(plugin.info), { kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', spec: { interactive: false } });
    // Every request carries the plugin's token.
    assert.ok(front.authorizations.length > 0);
    assert.ok(front.authorizations.every((a) => a === `Bearer ${GOOD_TOKEN}`), JSON.stringify(front.authorizations));
    const results = JSON.parse(run.stdout) as Results;
    assert.equal(results.items.find((i) => i.probeId === 'get-missing')?.response?.status, 404);
    assert.ok(!run.stdout.includes(GOOD_TOKEN) && !run.stderr.includes(GOOD_TOKEN));
  });

  it('gets the cluster in spec.cluster with provideClusterInfo, in the apiVersion the kubeconfig names', async () => {
    const { path, seen } = kubeconfig('cluster-info', front.url, { apiVersion: 'client.authentication.k8s.io/v1beta1', provideClusterInfo: true, interactiveMode: 'IfAvailable' });
    const run = await runCli(['probe', '--kubeconfig', path, '--resource', 'configmaps', '--probe', 'get-missing', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const { info } = seenBy(seen);
    assert.ok(info !== null, 'KUBERNETES_EXEC_INFO was not set');
    assert.deepEqual(parsed(info), {
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      spec: {
        interactive: false,
        cluster: { server: front.url, 'tls-server-name': 'api.example.test', 'insecure-skip-tls-verify': true },
      },
    });
  });

  it('refuses a plugin that needs a terminal, as kubectl does without one', async () => {
    const { path, seen } = kubeconfig('always', front.url, { apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Always' });
    const run = await runCli(['probe', '--kubeconfig', path, '--resource', 'configmaps', '--probe', 'get-missing']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^statuslint: .*\(context "exec"\): the exec credential plugin needs a terminal \(`interactiveMode: Always`\)/);
    assert.throws(() => readFileSync(seen), /ENOENT/, 'the plugin ran');
  });
});
