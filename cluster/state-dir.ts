// What a cluster keeps in its state folder (`.cluster/` unless told otherwise).
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { repoRoot } from './paths.js';

/** `STATUSLINT_CLUSTER_DIR`, or `.cluster/` in the repository. */
export function defaultStateDir(): string {
  const fromEnv = process.env['STATUSLINT_CLUSTER_DIR'];
  return path.resolve(fromEnv && fromEnv.length > 0 ? fromEnv : path.join(repoRoot, '.cluster'));
}

export const kubeconfigFileOf = (stateDir: string): string => path.join(stateDir, 'kubeconfig');
/** pids of the running processes, so `cluster:down` (another Node process) can stop them. */
export const pidsFileOf = (stateDir: string): string => path.join(stateDir, 'pids.json');
export const etcdDataOf = (stateDir: string): string => path.join(stateDir, 'etcd-data');
export const kubectlCacheOf = (stateDir: string): string => path.join(stateDir, 'kubectl-cache');
/** Each server writes `<binary>.log`, kept after stop so a failure can be read afterwards. */
export const logFileOf = (stateDir: string, binary: string): string => path.join(stateDir, `${binary}.log`);

/**
 * Removes what belongs to one run (etcd's data, the pids, kubectl's discovery cache), keeping the
 * certificates, the kubeconfig and the logs. Every start begins with an empty etcd.
 */
export async function removeRunState(stateDir: string): Promise<void> {
  await fsp.rm(etcdDataOf(stateDir), { recursive: true, force: true });
  await fsp.rm(pidsFileOf(stateDir), { force: true });
  await fsp.rm(kubectlCacheOf(stateDir), { recursive: true, force: true });
}

/** The same for a process that is exiting, where only synchronous calls still run. */
export function removeRunStateWhileExiting(stateDir: string): void {
  try {
    fs.rmSync(etcdDataOf(stateDir), { recursive: true, force: true });
    fs.rmSync(pidsFileOf(stateDir), { force: true });
  } catch {
    // best effort while exiting
  }
}

// The order a reader wants them in: the apiserver explains most failures.
const LOGGED_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'sample-apiserver', 'metrics-server', 'custom-metrics-adapter', 'etcd'];

/** The last lines of each server's log, for error messages. */
export function logsTailOf(stateDir: string, lines: number): string {
  const parts: string[] = [];
  for (const binary of LOGGED_BINARIES) {
    const text = logTailOf(stateDir, binary, lines);
    if (text) parts.push(text);
  }
  return parts.join('\n');
}

/** The last lines of one server's log with a heading, or '' when it has none. */
export function logTailOf(stateDir: string, binary: string, lines: number): string {
  const text = tailFile(logFileOf(stateDir, binary), lines);
  return text ? `--- ${binary}.log (last ${lines} lines) ---\n${text}` : '';
}

// Reads at most the last 256 KiB: apiserver logs grow large, and only the end explains a failure.
function tailFile(file: string, lines: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 256 * 1024);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      const all = buffer.toString('utf8').split('\n');
      if (all[all.length - 1] === '') all.pop();
      return all.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}
