/**
 * The ESLint plugin on real open-source server code: findings per rule, and the plugin's share of
 * lint time, per project and over all of them.
 *
 *     npm run build && node --import tsx bench/eslint-real-project.ts [--rounds 3] [--plugin path/to/dist/rules/index.js]
 *
 * The projects are npm packages pinned as dev dependencies, one or more per framework, each with a
 * permissive license: their handlers as published (sources or build output, tests where shipped).
 * Each is linted as a user would with `statuslint.configs.recommended` on top of a baseline config
 * (typescript-eslint's recommended rules), and with the baseline alone, in the same process, file by
 * file: each file with and without the plugin back to back (which goes first alternates), several
 * passes, each file's fastest time under each config. Pairs share the machine's conditions, so their
 * difference is the plugin's cost on a machine whose whole runs vary by ±20 %. `--plugin` lints with
 * another build of the plugin (an older checkout's `dist/rules/index.js`), to compare findings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { packageRoot } from '../schemas/paths.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, plugin: { type: 'string' } } });
const rounds = Math.max(1, Number(args.rounds));

// The plugin as users load it (the build, through the package's exports), or the build named.
if (!args.plugin && !existsSync(join(packageRoot(), 'dist', 'rules', 'index.js'))) {
  process.stderr.write('dist/rules/index.js is missing: run `npm run build` first\n');
  process.exit(2);
}
const pluginModule = args.plugin ? pathToFileURL(resolve(args.plugin)).href : 'statuslint/eslint-plugin';
const { default: plugin } = (await import(pluginModule)) as typeof import('../rules/index.js');

interface Project {
  framework: string;
  name: string;
  /** What in it answers HTTP requests. */
  what: string;
}

/** One or more real projects per framework; each must be a dev dependency with a permissive license. */
const PROJECTS: Project[] = [
  { framework: 'Express', name: 'express-rate-limit', what: 'rate-limiting middleware (429s)' },
  { framework: 'Fastify', name: '@fastify/under-pressure', what: 'load shedding and health route (503s), with its tests' },
  { framework: 'Koa', name: 'koa-ratelimit', what: 'rate-limiting middleware (429s)' },
  { framework: 'Hono', name: 'hono', what: 'the framework and its middleware (auth, CORS, body limits…)' },
  { framework: 'Next.js', name: 'payload', what: 'the CMS\'s REST handlers, served by Next.js route handlers' },
  { framework: 'NestJS', name: '@nestjs/terminus', what: 'health checks (503 through `ServiceUnavailableException`)' },
];

const PERMISSIVE = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD']);

function located(project: Project): { dir: string; version: string; license: string } {
  // Dev dependencies sit at the top of node_modules; some packages do not export their package.json.
  const manifest = join(packageRoot(), 'node_modules', project.name, 'package.json');
  const { version, license } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; license: string };
  if (!PERMISSIVE.has(license)) throw new Error(`${project.name}: license ${license} is not one of ${[...PERMISSIVE].join(', ')}`);
  return { dir: dirname(manifest), version, license };
}

// What a new user's config holds before adding statuslint: typescript-eslint's recommended rules
// (its parser for every file), over the package's JavaScript and TypeScript, less declarations.
const baseline: Linter.Config[] = [
  { ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.min.js'] },
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'] },
  ...(tseslint.configs.recommended as Linter.Config[]),
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
];
const withPlugin: Linter.Config[] = [...baseline, plugin.configs.recommended as Linter.Config];

interface Run {
  ms: number;
  filePaths: string[];
  /** Time inside statuslint's listeners, as ESLint's `stats` measure it (only when asked for). */
  statuslintMs: number;
  files: number;
  /** statuslint's findings by rule. */
  byRule: Map<string, number>;
  /** Each finding as `file:line rule messageId`, for judging whether it is true. */
  findings: string[];
  /** Files ESLint could not parse (JSX in `.js`, and the like): linted by neither config. */
  unparsed: number;
  /** Files the plugin's config leaves out (tests, mocks), counted once. */
  leftOut: number;
}

async function lint(cwd: string, config: Linter.Config[], stats = false): Promise<Run> {
  // Timed runs go without `stats`: ESLint then times every listener call, which slows both configs.
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, cache: false, errorOnUnmatchedPattern: false, stats });
  const started = performance.now();
  const results = await eslint.lintFiles(['.']);
  const ms = performance.now() - started;
  const byRule = new Map<string, number>();
  let unparsed = 0;
  let statuslintMs = 0;
  const findings: string[] = [];
  for (const result of results) {
    if (result.messages.some((m) => m.fatal)) unparsed++;
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) if (ruleId.startsWith('statuslint/')) statuslintMs += time.total;
    }
    for (const message of result.messages) {
      if (!message.ruleId?.startsWith('statuslint/')) continue;
      byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
      findings.push(`${relative(cwd, result.filePath)}:${message.line} ${message.ruleId} ${message.messageId ?? ''}`);
    }
  }
  let leftOut = 0;
  if (config === withPlugin && !stats) {
    const pluginConfig = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...baseline.slice(0, 2), plugin.configs.recommended as Linter.Config] });
    for (const result of results) {
      const rules = (await pluginConfig.calculateConfigForFile(result.filePath)) as Linter.Config | undefined;
      if (!Object.keys(rules?.rules ?? {}).some((id) => id.startsWith('statuslint/'))) leftOut++;
    }
  }
  const filePaths = results.filter((r) => !r.messages.some((m) => m.fatal)).map((r) => r.filePath);
  return { ms, filePaths, statuslintMs, files: results.length, byRule, findings, unparsed, leftOut };
}

/**
 * The files of one project linted with and without the plugin back to back, in `passes` passes: the
 * sums of each file's fastest time under each config.
 */
async function fileByFile(cwd: string, filePaths: readonly string[], passes: number): Promise<{ off: number; on: number }> {
  const files = filePaths.map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
  const without = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: baseline, cache: false });
  const withIt = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: withPlugin, cache: false });
  const fastestOff = files.map(() => Infinity);
  const fastestOn = files.map(() => Infinity);
  for (let pass = 0; pass < passes; pass++) {
    for (const [index, file] of files.entries()) {
      for (const eslint of (index + pass) % 2 === 0 ? [without, withIt] : [withIt, without]) {
        const started = performance.now();
        await eslint.lintText(file.text, { filePath: file.filePath });
        const elapsed = performance.now() - started;
        const fastest = eslint === without ? fastestOff : fastestOn;
        fastest[index] = Math.min(fastest[index] ?? Infinity, elapsed);
      }
    }
  }
  const sum = (values: number[]): number => values.reduce((sum, value) => sum + value, 0);
  return { off: sum(fastestOff), on: sum(fastestOn) };
}

const percent = (x: number): string => `${(x * 100).toFixed(2)} %`;
const total = (byRule: Map<string, number>): number => [...byRule.values()].reduce((sum, n) => sum + n, 0);

const ruleIds = Object.keys(plugin.rules).map((rule) => `statuslint/${rule}`);
const short = (id: string): string => id.slice('statuslint/'.length);
process.stdout.write(`plugin: ${args.plugin ?? 'statuslint/eslint-plugin (dist/)'}; recommended config; times: each file's fastest of ${rounds} paired passes, summed\n\n`);
process.stdout.write(`${['framework', 'project', 'files', 'tests left out', 'findings', ...ruleIds.map(short), 'baseline ms', 'with plugin ms', 'share', 'in listeners'].join(' | ')}\n`);

let allOff = 0;
let allOn = 0;
let allFindings = 0;
const listed: string[] = [];
let allListeners = 0;
let allAttributed = 0;
const allByRule = new Map<string, number>();
for (const project of PROJECTS) {
  const { dir, version, license } = located(project);
  const first = await lint(dir, withPlugin);
  const attributed = await lint(dir, withPlugin, true);
  const { off: offMs, on: onMs } = await fileByFile(dir, first.filePaths, rounds);
  allOff += offMs;
  allOn += onMs;
  allFindings += total(first.byRule);
  for (const finding of first.findings) listed.push(`${project.name}/${finding}`);
  for (const [id, n] of first.byRule) allByRule.set(id, (allByRule.get(id) ?? 0) + n);
  const cells = [
    project.framework,
    `${project.name}@${version} (${license})`,
    `${first.files}${first.unparsed ? ` (${first.unparsed} unparsed)` : ''}`,
    first.leftOut,
    total(first.byRule),
    ...ruleIds.map((id) => first.byRule.get(id) ?? 0),
    offMs.toFixed(0),
    onMs.toFixed(0),
    percent(Math.max(0, onMs - offMs) / onMs),
    percent(attributed.statuslintMs / attributed.ms),
  ];
  allListeners += attributed.statuslintMs;
  allAttributed += attributed.ms;
  process.stdout.write(`${cells.join(' | ')}\n`);
}
process.stdout.write(`${['all', '', '', '', allFindings, ...ruleIds.map((id) => allByRule.get(id) ?? 0), allOff.toFixed(0), allOn.toFixed(0), percent(Math.max(0, allOn - allOff) / allOn), percent(allListeners / allAttributed)].join(' | ')}\n`);
process.stdout.write(`\nplugin share of lint time over all projects: ${percent(Math.max(0, allOn - allOff) / allOn)} (file by file: with − without, over with)\n`);
process.stdout.write(`  ESLint's stats: ${percent(allListeners / allAttributed)} of a run inside statuslint's listeners\n`);
// Each finding, so that a reader can judge it true or false (bounded: a run of a broken build may find thousands).
const LISTED = 100;
for (const finding of listed.slice(0, LISTED)) process.stdout.write(`  ${finding}\n`);
if (listed.length > LISTED) process.stdout.write(`  … and ${listed.length - LISTED} more\n`);
process.stdout.write(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
