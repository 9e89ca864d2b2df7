// The server processes: spawned detached with their output in log files, waited on until ready,
// recorded in pids.json, and stopped by process group, from this Node process or a later one.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultLog, type Log } from './log.js';
import { defaultStateDir, logFileOf, pidsFileOf, removeRunState, removeRunStateWhileExiting } from './state-dir.js';

export type ServerBinary =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'sample-apiserver'
  | 'metrics-server'
  | 'custom-metrics-adapter';

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const KILL_WAIT_MS = 5_000;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure while starting; LocalCluster.start turns it into a ClusterStartError with the logs. */
export class StartupError extends Error {}

// ---------------------------------------------------------------- pids.json

interface RecordedProcess {
  pid: number;
  bin: string;
}

type RecordedName = 'metricsServer' | 'customMetricsAdapter' | 'sampleApiserver' | 'controllerManager' | 'apiserver' | 'etcd';

interface PidsFile {
  server: string;
  startedAt: string;
  processes: Partial<Record<RecordedName, RecordedProcess>>;
}

const RECORDED_NAME: Record<ServerBinary, RecordedName> = {
  etcd: 'etcd',
  'kube-apiserver': 'apiserver',
  'kube-controller-manager': 'controllerManager',
  'sample-apiserver': 'sampleApiserver',
  'metrics-server': 'metricsServer',
  'custom-metrics-adapter': 'customMetricsAdapter',
};

// Clients first, etcd last, so no server logs lost connections to one already stopped.
const STOP_ORDER: readonly RecordedName[] = ['metricsServer', 'customMetricsAdapter', 'sampleApiserver', 'controllerManager', 'apiserver', 'etcd'];

function readPids(stateDir: string): PidsFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(pidsFileOf(stateDir), 'utf8')) as PidsFile;
  } catch {
    return undefined;
  }
}

// Written aside and renamed, so a reader never sees half a file.
function writePids(stateDir: string, pids: PidsFile): void {
  const file = pidsFileOf(stateDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(pids, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Stops whatever pids.json in stateDir records (the apiservers first, etcd last) and removes
 * the etcd data and pids.json. Returns the names of the processes that were still running.
 */
export async function stopRecordedCluster(stateDir: string = defaultStateDir(), log: Log = defaultLog): Promise<string[]> {
  const recorded = readPids(stateDir)?.processes ?? {};
  const stopped: string[] = [];
  for (const name of STOP_ORDER) {
    const recordedProcess = recorded[name];
    if (!recordedProcess || !isRecordedProcess(recordedProcess)) continue;
    const { pid } = recordedProcess;
    log(`stopping ${name} (pid ${pid})`);
    await terminate(pid, () => !isAlive(pid));
    if (isAlive(pid)) throw new Error(`${name} (pid ${pid}) did not exit after SIGKILL`);
    stopped.push(name);
  }
  await removeRunState(stateDir);
  return stopped;
}

// ---------------------------------------------------------------- one process

/** The process runs (a zombie not yet reaped counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An unreaped zombie still answers signal 0; treat it as gone.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    // no /proc (not Linux): signal 0 is all we have
  }
  return true;
}

/** Guards against killing an unrelated process that reused a recorded pid. */
function isRecordedProcess(recorded: RecordedProcess): boolean {
  if (!isAlive(recorded.pid)) return false;
  try {
    const argv0 = fs.readFileSync(`/proc/${recorded.pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === recorded.bin;
  } catch {
    return process.platform !== 'linux';
  }
}

// Each server leads its own process group (spawned detached), so whatever it forks goes too.
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

/** SIGTERM the process group, wait, then SIGKILL. `exited` is used for our own children, which Node reaps. */
async function terminate(pid: number, exited: () => boolean): Promise<void> {
  if (exited()) return;
  killGroup(pid, 'SIGTERM');
  if (await waitUntil(exited, STOP_GRACE_MS)) return;
  killGroup(pid, 'SIGKILL');
  await waitUntil(exited, KILL_WAIT_MS);
}

// ---------------------------------------------------------------- killed when this process goes away

// All children while starting, afterwards unless keepRunning: pgid -> state dir to clean.
const guarded = new Map<number, string>();
let handlersInstalled = false;
const EXIT_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function killGuardedWhileExiting(): void {
  for (const [pid, stateDir] of guarded) {
    killGroup(pid, 'SIGKILL');
    removeRunStateWhileExiting(stateDir);
  }
  guarded.clear();
}

const onExit = (): void => killGuardedWhileExiting();
const onSignal = (signal: NodeJS.Signals): void => {
  killGuardedWhileExiting();
  removeExitHandlers();
  // Keep the default "die by signal" behaviour unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
};

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
}

// Removed with the last guarded child, so a caller's own signal handling is left as it was.
function removeExitHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
}

function guard(pid: number, stateDir: string): void {
  guarded.set(pid, stateDir);
  installExitHandlers();
}

function unguard(pid: number): void {
  guarded.delete(pid);
  if (guarded.size === 0) removeExitHandlers();
}

// ---------------------------------------------------------------- the group a cluster runs

export interface SupervisedProcess {
  child: ChildProcess;
  pid: number;
  binary: ServerBinary;
  /** the executable's full path, as pids.json records it */
  bin: string;
  exited: boolean;
}

/** What pids.json says about the run besides its processes. */
export interface RunRecord {
  stateDir: string;
  binDir: string;
  server: string;
  startedAt: number;
}

/** The servers of one cluster, in the order they were started. */
export class ProcessGroup {
  private readonly processes: SupervisedProcess[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly run: RunRecord) {}

  /**
   * Starts a server with its output in `<binary>.log` and records it in pids.json. `binDir` is where
   * the executable is when not with the cluster's own (the third-party servers have their own cache).
   */
  spawn(binary: ServerBinary, args: string[], binDir: string = this.run.binDir): SupervisedProcess {
    const supervised = spawnLogged(path.join(binDir, binary), args, binary, this.run.stateDir);
    this.processes.push(supervised);
    this.recordPids();
    return supervised;
  }

  pidOf(binary: ServerBinary): number {
    const found = this.processes.find((supervised) => supervised.binary === binary);
    if (!found) throw new Error(`${binary} was never started`);
    return found.pid;
  }

  /** True while a server of this binary started by this group has not exited. */
  isRunning(binary: ServerBinary): boolean {
    return this.processes.some((supervised) => supervised.binary === binary && !supervised.exited);
  }

  /** Throws a StartupError when any server has exited: waiting on for it to get ready is then pointless. */
  failIfAnyExited(): void {
    failIfExited(this.processes);
  }

  /** Lets these processes outlive this Node process (`keepRunning`); pids.json still records them. */
  release(processes: SupervisedProcess[] = this.processes): void {
    for (const supervised of processes) unguard(supervised.pid);
  }

  /** Stops one server (as when a deployment goes down); the others keep running. */
  async stopOne(supervised: SupervisedProcess): Promise<void> {
    await terminate(supervised.pid, () => supervised.exited);
    unguard(supervised.pid);
    this.recordPids();
  }

  /** Kills one server's process group with SIGKILL at once (as when it crashes) and waits until it has exited. */
  async killOne(supervised: SupervisedProcess): Promise<void> {
    if (!supervised.exited) {
      killGroup(supervised.pid, 'SIGKILL');
      await waitUntil(() => supervised.exited, KILL_WAIT_MS);
    }
    unguard(supervised.pid);
    this.recordPids();
    if (!supervised.exited) throw new Error(`${supervised.binary} (pid ${supervised.pid}) did not exit after SIGKILL`);
  }

  /** Stops every server, the last started first, and removes the run's state. Safe to call again. */
  stopAll(): Promise<void> {
    this.stopping ??= this.stopInReverse();
    return this.stopping;
  }

  private async stopInReverse(): Promise<void> {
    // The apiserver before etcd, so it does not log etcd connection errors on the way down.
    for (const supervised of [...this.processes].reverse()) {
      await terminate(supervised.pid, () => supervised.exited);
      unguard(supervised.pid);
      if (!supervised.exited) throw new Error(`${supervised.binary} (pid ${supervised.pid}) did not exit after SIGKILL`);
    }
    await removeRunState(this.run.stateDir);
  }

  // Rewritten at every change so `cluster:down` or a later start always finds what is running.
  private recordPids(): void {
    // Once stopAll has begun, pids.json is going (or gone); a late stopOne must not write it again.
    if (this.stopping) return;
    const processes: PidsFile['processes'] = {};
    for (const supervised of this.processes) {
      if (supervised.exited) continue;
      processes[RECORDED_NAME[supervised.binary]] = { pid: supervised.pid, bin: supervised.bin };
    }
    writePids(this.run.stateDir, { server: this.run.server, startedAt: new Date(this.run.startedAt).toISOString(), processes });
  }
}

function spawnLogged(bin: string, args: string[], binary: ServerBinary, stateDir: string): SupervisedProcess {
  const fd = fs.openSync(logFileOf(stateDir, binary), 'w');
  let child: ChildProcess;
  try {
    // Detached: its own process group, killed as a whole, and not hit by a Ctrl-C meant for Node.
    child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`failed to spawn ${bin}`);
  const supervised: SupervisedProcess = { child, pid: child.pid, binary, bin, exited: false };
  child.on('exit', () => {
    supervised.exited = true;
  });
  child.on('error', () => {
    supervised.exited = true;
  });
  child.unref();
  // Guarded even with keepRunning until start-up succeeds, so a failed or interrupted start leaves nothing behind.
  guard(child.pid, stateDir);
  return supervised;
}

export function failIfExited(processes: readonly SupervisedProcess[]): void {
  for (const supervised of processes) {
    if (supervised.exited) {
      const code = supervised.child.exitCode ?? supervised.child.signalCode;
      throw new StartupError(`${supervised.binary} exited during start-up (${code})`);
    }
  }
}

// ---------------------------------------------------------------- readiness

/**
 * Polls `isReady` until it answers true; a check that throws counts as not ready yet. Gives up with a
 * StartupError after 90 s, or as soon as `throwIfServerExited` throws (a server died: it will never be ready).
 */
export async function waitUntilReady(what: string, throwIfServerExited: () => void, isReady: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    throwIfServerExited();
    if (await isReady().catch(() => false)) return;
    if (Date.now() > deadline) throw new StartupError(`timed out after ${READY_TIMEOUT_MS / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}
