/**
 * The container image (`Dockerfile`) the in-cluster examples run: it builds, runs as a user that is
 * not root, with a read-only root filesystem, and judges what it is given. Built with podman, or
 * docker where a daemon answers; skipped, with the reason, where no builder can run or the base
 * image is not in the local store (this test never pulls: only package registries are reachable
 * from the project's machines). The examples are checked everywhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../helpers/paths.js';
import { statusBody } from '../helpers/status.js';

const BASE_IMAGE = 'node:22-slim';
const TAG = 'localhost/statuslint-test:latest';

const run = (command: string, args: readonly string[], input?: string) =>
  spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', input, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });

const firstLine = (text: string | undefined): string => (text ?? '').trim().split('\n').at(-1) ?? '';

/** The first builder that can run here, or why there is none. */
function builder(): { command: string } | { why: string } {
  const reasons: string[] = [];
  for (const command of ['podman', 'docker']) {
    const info = run(command, ['info']);
    if (info.error) reasons.push(`${command}: not installed`);
    else if (info.status !== 0) reasons.push(`${command} info: ${firstLine(info.stderr)}`);
    else {
      const base = run(command, ['image', 'inspect', BASE_IMAGE]);
      if (base.status === 0) return { command };
      reasons.push(`${command}: the base image ${BASE_IMAGE} is not in the local store (pull it where its registry is reachable)`);
    }
  }
  return { why: `no container builder can run here: ${reasons.join('; ')}` };
}

const found = builder();

interface Container {
  image: string;
  args: string[];
  securityContext: unknown;
  volumeMounts?: { mountPath: string }[];
}
interface PodSpec {
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { persistentVolumeClaim?: { claimName: string } }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: { template: { spec: PodSpec }; jobTemplate: { spec: { template: { spec: PodSpec } } } };
}

describe('the container image', () => {
  it('builds, runs as uid 1000 with a read-only root filesystem, and validates standard input', { skip: 'why' in found ? found.why : false, timeout: 900_000 }, () => {
    const { command } = found as { command: string };
    const build = run(command, ['build', '--pull=never', '-t', TAG, '.']);
    assert.equal(build.status, 0, build.stderr);
    const user = run(command, ['run', '--rm', '--read-only', '--entrypoint', 'id', TAG, '-u']);
    assert.equal(user.stdout.trim(), '1000');
    const version = run(command, ['run', '--rm', '--read-only', TAG, '--version']);
    assert.equal(version.status, 0, version.stderr);
    const body = JSON.stringify({ ...statusBody(), code: 409 });
    const judged = run(command, ['run', '--rm', '-i', '--read-only', TAG, 'validate', '--status', '409', '--format', 'json', '-'], body);
    assert.equal(judged.status, 1, judged.stderr);
    const failed = (JSON.parse(judged.stdout) as { items: { checks: { checkId: string; outcome: string }[] }[] }).items[0]!.checks.filter((c) => c.outcome === 'fail').map((c) => c.checkId);
    assert.ok(failed.includes('reason-code-match'), failed.join(', '));
    const devDependency = run(command, ['run', '--rm', '--read-only', '--entrypoint', 'ls', TAG, '/app/node_modules/typescript']);
    assert.notEqual(devDependency.status, 0, 'a dev dependency is installed in the image');
  });

  it('is what the Dockerfile says: built with npm ci --omit=dev, run as uid 1000', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^RUN npm ci --omit=dev\b/m);
    assert.match(dockerfile, /^USER 1000:1000$/m);
  });

  for (const example of ['in-cluster-job.yaml', 'in-cluster-cronjob.yaml']) {
    it(`${example} runs the image as no root, with a read-only root filesystem and no capabilities`, () => {
      const documents = parseAllDocuments(readFileSync(join(repoRoot, 'docs', 'examples', example), 'utf8')).map((d) => d.toJS() as Manifest);
      const workload = documents.find((d) => d.kind === 'Job' || d.kind === 'CronJob')!;
      const pod = workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(pod.securityContext.runAsUser, 1000);
      const [container] = pod.containers;
      assert.equal(container!.image, 'statuslint:0.1.0');
      assert.deepEqual(container!.securityContext, { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      if (workload.kind === 'CronJob') {
        // Reports are kept: written under a mounted volume claim, never to the read-only root.
        assert.ok((container!.volumeMounts ?? []).some((m) => m.mountPath === '/reports'));
        assert.ok(documents.some((d) => d.kind === 'PersistentVolumeClaim' && d.metadata.name === pod.volumes?.[0]?.persistentVolumeClaim?.claimName));
        assert.match(container!.args.join(' '), /--format json -o "\$run\/probe\.json"/);
      }
    });
  }
});
