/**
 * The main job, on the embedded default target: build (first time) and start the local
 * kube-apiserver, probe it as a user would with `statuslint probe`, write the reports (JSON, HTML,
 * Markdown), stop it, and name the reports last.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixturesManifest, repoRoot, startCluster } from '../cluster/index.js';

const reports = join(repoRoot, 'reports');
mkdirSync(reports, { recursive: true });
const log = (line: string): void => void process.stderr.write(`[main] ${line}\n`);

const cluster = await startCluster({ stateDir: join(repoRoot, '.cluster', 'main'), log: (line) => log(line) });
let code = 2;
try {
  const applied = await cluster.kubectl(['apply', '-f', fixturesManifest]);
  if (applied.code !== 0) throw new Error(`applying the fixture objects failed: ${applied.stderr}`);
  const args = [
    join(repoRoot, 'dist', 'cli', 'main.js'),
    'probe',
    '--kubeconfig', cluster.kubeconfigPath,
    '--context', cluster.adminContext,
    '--allow-writes',
    '--format', 'stylish',
    '--format', 'json', '-o', join(reports, 'probe.json'),
    '--format', 'html', '-o', join(reports, 'probe.html'),
    '--format', 'markdown', '-o', join(reports, 'probe.md'),
  ];
  log(`statuslint ${args.slice(1).join(' ')}`);
  const started = performance.now();
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('close', (exit) => resolve(exit ?? 2));
  });
  log(`probe finished in ${((performance.now() - started) / 1000).toFixed(1)} s with exit code ${code} (0 conformant, 1 not conformant, 5 nothing checked)`);
} finally {
  await cluster.stop();
  log('local cluster stopped');
}
const reported = code === 0 || code === 1;
if (reported) {
  // The job's work is the report: a "not conformant" verdict on the target is its result, not a failure of the job.
  const { summary } = JSON.parse(readFileSync(join(reports, 'probe.json'), 'utf8')) as { summary: { verdict: string; findings: { MUST: number; SHOULD: number } } };
  log(`verdict: ${summary.verdict} (${summary.findings.MUST} MUST, ${summary.findings.SHOULD} SHOULD findings)`);
  log(`exit 0: the reports were written; the verdict on the target is in them (summary.verdict in the JSON), not in this exit code`);
  log(`results (JSON, for scripts): ${relative(process.cwd(), join(reports, 'probe.json'))}`);
  log(`summary (Markdown): ${relative(process.cwd(), join(reports, 'probe.md'))}`);
  process.stderr.write(`\nopen ${relative(process.cwd(), join(reports, 'probe.html'))}\n`);
}
process.exit(reported ? 0 : code);
