/**
 * Sums a V8 .cpuprofile's self time by function, to find hot spots:
 *
 *     node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/validate.ts
 *     node --import tsx bench/cpu-profile.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--by function|package]
 *
 * `--by package` sums by npm package (or by our own top folder): what start-up spends where.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../schemas/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, by: { type: 'string', default: 'function' } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: node --import tsx bench/cpu-profile.ts FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
/** The project's own files, as a profile names them. */
const ROOT_URL = pathToFileURL(`${packageRoot()}/`).href;

/** `node_modules/@scope/name` → `@scope/name`; our files → their top folder; Node's own → `node:internal`. */
function packageOf(url: string): string {
  if (url === '') return '(native, GC, idle)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const ours = url.startsWith(ROOT_URL) ? /^(?:dist\/)?([^/]+)\//.exec(url.slice(ROOT_URL.length)) : null;
  return ours ? `statuslint ${ours[1]}/` : url;
}

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Time per sample comes from timeDeltas: the sample at i lasted until the next one.
const selfMicros = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i + 1] ?? 0;
  selfMicros.set(profile.samples[i]!, (selfMicros.get(profile.samples[i]!) ?? 0) + delta);
}
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)!.callFrame;
  const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules\/|work\/main\/)/, '')}:${frame.lineNumber + 1}` : '';
  const key = values.by === 'package' ? packageOf(frame.url) : `${frame.functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}
const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms sampled\n`);
for (const [key, micros] of rows) process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
