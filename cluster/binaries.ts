// The Go-built servers: found in the cache each build script keys by its own contents, built there when missing.
// build.sh makes the control plane; build-third-party.sh the third-party aggregated servers, with a cache of its own.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommandOrThrow } from './command.js';
import { defaultLog, type Log } from './log.js';
import { buildScript, repoRoot, thirdPartyBuildScript } from './paths.js';
import { sleep } from './supervisor.js';

interface Build {
  script: string;
  /** what the caller needs; a script may build more */
  required: readonly string[];
}

// What startCluster needs; sample-apiserver and kube-controller-manager are built alongside.
const CLUSTER_BUILD: Build = { script: buildScript, required: ['etcd', 'kube-apiserver', 'kubectl'] };
const THIRD_PARTY_BUILD: Build = { script: thirdPartyBuildScript, required: ['metrics-server', 'custom-metrics-adapter'] };

/**
 * The folder holding the control plane's binaries, after building them if they are missing. A build takes minutes,
 * so a build.sh run already in progress (another test file, another terminal) is waited for, not repeated.
 */
export function ensureBinaries(log: Log = defaultLog): Promise<string> {
  return ensureBuilt(CLUSTER_BUILD, log);
}

/**
 * The folder holding metrics-server and custom-metrics-adapter, after running build-third-party.sh if either
 * is missing (about 4 minutes with empty Go caches, seconds with warm ones); a run in progress is waited for.
 */
export function ensureThirdPartyBinaries(log: Log = defaultLog): Promise<string> {
  return ensureBuilt(THIRD_PARTY_BUILD, log);
}

async function ensureBuilt(build: Build, log: Log): Promise<string> {
  const name = path.basename(build.script);
  const binDir = await cachedBinDir(build);
  if (missingBinaries(build, binDir).length === 0) return binDir;
  await waitForRunningBuilds(build, log);
  const missing = missingBinaries(build, binDir);
  if (missing.length === 0) return binDir;
  log(`missing ${missing.join(', ')} in ${binDir}; running ${path.relative(repoRoot, build.script)}`);
  const code = await runBuildScript(build, log);
  if (code !== 0) throw new Error(`${name} failed with exit code ${code}`);
  const stillMissing = missingBinaries(build, binDir);
  if (stillMissing.length > 0) throw new Error(`${name} finished but ${stillMissing.join(', ')} are missing in ${binDir}`);
  return binDir;
}

/** The script owns the cache key, so it is asked rather than the key computed twice. */
async function cachedBinDir(build: Build): Promise<string> {
  return (await runCommandOrThrow('bash', [build.script, '--print-bin-dir'])).trim();
}

function missingBinaries(build: Build, binDir: string): string[] {
  return build.required.filter((name) => {
    try {
      fs.accessSync(path.join(binDir, name), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

async function waitForRunningBuilds(build: Build, log: Log): Promise<void> {
  let lastNote = 0;
  for (let building = runningBuilds(build); building.length > 0; building = runningBuilds(build)) {
    if (Date.now() - lastNote > 60_000) {
      log(`waiting for the ${path.basename(build.script)} run in progress (pid ${building.join(', ')}); see its output for progress`);
      lastNote = Date.now();
    }
    await sleep(2_000);
  }
}

/** Pids of runs of this script in progress: two builds at once would write into one output folder. */
function runningBuilds(build: Build): number[] {
  const scriptArg = `cluster/${path.basename(build.script)}`;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((arg) => arg.endsWith(scriptArg)) && !argv.includes('--print-bin-dir')) pids.push(Number(entry));
    } catch {
      // process ended while scanning
    }
  }
  return pids;
}

/** Runs the script with its output passed to the log line by line; resolves with its exit code. */
function runBuildScript(build: Build, log: Log): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const child = spawn('bash', [build.script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    forwardLines(child.stdout, log);
    forwardLines(child.stderr, log);
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function forwardLines(stream: NodeJS.ReadableStream, log: Log): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      log(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (pending) log(pending);
  });
}
