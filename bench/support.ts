import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { findingsOfChecks } from '../conformance/check.js';
import { PASSIVE_CHECKS } from '../conformance/checks/index.js';
import { buildContext } from '../conformance/context.js';
import { compiledProfileOf as compiledOf } from '../conformance/validate.js';
import type { CompiledProfile } from '../schemas/index.js';
import { packageRoot } from '../schemas/paths.js';
import type { ResponseView } from '../conformance/exchange.js';
import type { Finding } from '../conformance/findings.js';

export const compileProfileOf = compiledOf;

/** validate() without re-resolving the profile each call. */
export function validateResponse(view: ResponseView, compiled: CompiledProfile): Finding[] {
  return findingsOfChecks(PASSIVE_CHECKS, buildContext(compiled, view));
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Peak resident memory of this process so far, in bytes (the kernel's high-water mark). */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Preloaded into a child Node process: prints its peak RSS (bytes) to stderr as it exits, on a line
 * `statuslint-bench-peak-rss <bytes>`. Node does not report a child's resource usage to its parent.
 */
export const PEAK_RSS_PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nstatuslint-bench-peak-rss '+process.resourceUsage().maxRSS*1024+'\\n'))`;

/** The peak RSS a child printed with PEAK_RSS_PRELOAD, and its stderr without that line. */
export function takePeakRss(stderr: string): { peak: number | undefined; stderr: string } {
  const match = /\n?statuslint-bench-peak-rss (\d+)\n/.exec(stderr);
  if (!match) return { peak: undefined, stderr };
  return { peak: Number(match[1]), stderr: stderr.replace(match[0], '') };
}

/** Whether cluster/build.sh has built what startCluster needs. Never builds: that takes minutes. */
export function clusterBinariesBuilt(): { built: true } | { built: false; why: string } {
  const script = join(packageRoot(), 'cluster', 'build.sh');
  const printed = spawnSync('bash', [script, '--print-bin-dir'], { encoding: 'utf8' });
  const binDir = printed.stdout?.trim() ?? '';
  const fix = 'run `bash cluster/build.sh` (about 8 minutes, cached) and run this again';
  if (printed.status !== 0 || binDir === '') return { built: false, why: `cannot find the cluster binaries' folder (${printed.stderr?.trim() || `exit ${printed.status}`}); ${fix}` };
  try {
    for (const name of ['etcd', 'kube-apiserver', 'kubectl']) accessSync(join(binDir, name), constants.X_OK);
  } catch {
    return { built: false, why: `the cluster binaries are not built in ${binDir}; ${fix}` };
  }
  return { built: true };
}
