/**
 * A fleet report: several saved runs (one per cluster, as a CI matrix or an in-cluster Job per
 * cluster writes them) merged into one model: a verdict per run, the problems every run shares, the
 * problems some runs have and others not, and the servers' versions side by side. Pure: the same runs
 * give the same model; `statuslint report a.json b.json …` renders it (schemas/fleet-schema.ts).
 *
 * A problem is what a baseline fingerprint names without its subject (the check, the probe, the place
 * in the response, what was expected): clusters serve different resources, and "no `Allow` header on
 * 405" is one problem whether a cluster has it on 3 resources or on 60. Each run says of each problem
 * whether it was found, checked and not found, set apart by a policy, or never checked there.
 */
import { createHash } from 'node:crypto';
import { FLEET_VERSION } from '../schemas/fleet-schema.js';
import { toolVersion } from '../schemas/paths.js';
import type { Level } from '../schemas/types.js';
import type { Finding } from './findings.js';
import { fingerprintSubject, stableText } from './policy/fingerprint.js';
import { redactResults, type ResultItem, type Results, type ResultsSummary, type SummaryVerdict } from './results.js';
import { resultsSummary } from './summary.js';

/** One saved run, as the fleet names it (after its file). */
export interface FleetInput {
  name: string;
  file: string;
  results: Results;
}

export interface FleetRun {
  name: string;
  file: string;
  command: Results['command'];
  profile: string;
  server?: string;
  context?: string;
  /** The server's version (`/version`, or discovery's when the target has none). */
  version?: string;
  /** The aggregated API server probed at its own address (`--direct`), with its version. */
  direct?: { server: string; version?: string };
  startedAt: string;
  finishedAt: string;
  verdict: SummaryVerdict;
  findings: Record<Level, number>;
  responses: number;
  failedResponses: number;
  errors: number;
  suppressed?: ResultsSummary['suppressed'];
}

/** How a run stands to a problem. */
export type FleetState = 'found' | 'not-found' | 'set-apart' | 'not-checked';

export interface FleetProblemRun {
  run: string;
  state: FleetState;
  /** Findings of the problem in the run (set apart ones, for `set-apart`). */
  findings: number;
  /** What they are about (resources, `server`, operations, recorded requests), sorted. */
  subjects: string[];
}

export interface FleetProblem {
  /** 16 hex digits, the same for the same problem in any fleet. */
  id: string;
  checkId: string;
  /** The most severe level any run gives it. */
  level: Level;
  probeId?: string;
  pointer: string;
  expected?: string;
  /** The first finding of the problem, as an example. */
  message: string;
  hint?: string;
  /** One entry per run, in the runs' order. */
  runs: FleetProblemRun[];
}

export interface FleetVersion {
  /** `unknown` when a run recorded none. */
  version: string;
  runs: string[];
}

export interface FleetReport {
  fleetVersion: typeof FLEET_VERSION;
  tool: { name: 'statuslint'; version: string };
  /** The worst verdict of the runs: not conformant, then interrupted, then nothing checked, then conformant. */
  verdict: SummaryVerdict;
  runs: FleetRun[];
  versions: FleetVersion[];
  /** Problems found in every run. */
  shared: FleetProblem[];
  /** Problems found in some runs and not in others. */
  differing: FleetProblem[];
}

/** Worst first. */
const VERDICT_ORDER: readonly SummaryVerdict[] = ['not-conformant', 'interrupted', 'nothing-checked', 'conformant'];

export const worstVerdict = (verdicts: readonly SummaryVerdict[]): SummaryVerdict =>
  VERDICT_ORDER.find((verdict) => verdicts.includes(verdict)) ?? 'nothing-checked';

/** What names a problem: the fingerprint's parts without the subject. */
const problemParts = (item: ResultItem, finding: Finding): string[] => [finding.checkId, item.probeId ?? '', stableText(finding.pointer), stableText(finding.expected ?? '')];

/** A check that ran on a probe's responses (or on recorded responses): the problem could have been found there. */
const examinedKey = (checkId: string, probeId: string | undefined): string => `${checkId}\u0000${probeId ?? ''}`;

interface ProblemInRun {
  finding: Finding;
  item: ResultItem;
  found: number;
  setApart: number;
  subjects: Set<string>;
  apartSubjects: Set<string>;
}

/** One run reduced to what the fleet compares: its facts, its problems, and which checks ran where. */
export interface RunDigest {
  run: FleetRun;
  problems: Map<string, ProblemInRun>;
  examined: Set<string>;
}

function runFacts(name: string, file: string, results: Results): FleetRun {
  const summary = resultsSummary(results);
  const version = results.target?.version ?? results.discovery?.serverVersion;
  return {
    name,
    file,
    command: results.command,
    profile: results.profile,
    ...(results.target ? { server: results.target.server } : {}),
    ...(results.target?.context !== undefined ? { context: results.target.context } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(results.direct ? { direct: results.direct } : {}),
    startedAt: results.startedAt,
    finishedAt: results.finishedAt,
    verdict: summary.verdict,
    findings: summary.findings,
    responses: summary.responses,
    failedResponses: summary.failedResponses,
    errors: summary.errors,
    ...(summary.suppressed ? { suppressed: summary.suppressed } : {}),
  };
}

/** A run reduced to what the fleet needs, so that a large run need not be held while the others are read. */
export function digestRun({ name, file, results: given }: FleetInput): RunDigest {
  const results = redactResults(given);
  const problems = new Map<string, ProblemInRun>();
  const examined = new Set<string>();
  for (const item of results.items) {
    for (const check of item.checks) {
      if (check.outcome === 'skip') continue;
      examined.add(examinedKey(check.checkId, item.probeId));
      if (check.outcome !== 'fail') continue;
      for (const finding of check.findings) {
        const key = JSON.stringify(problemParts(item, finding));
        let problem = problems.get(key);
        if (!problem) problems.set(key, (problem = { finding, item, found: 0, setApart: 0, subjects: new Set(), apartSubjects: new Set() }));
        if (finding.suppressed === undefined) {
          problem.found++;
          problem.subjects.add(fingerprintSubject(item));
          // The example shown is a MUST one when the problem is MUST anywhere.
          if (finding.level === 'MUST' && problem.finding.level !== 'MUST') problem.finding = finding;
        } else {
          problem.setApart++;
          problem.apartSubjects.add(fingerprintSubject(item));
        }
      }
    }
  }
  return { run: runFacts(name, file, results), problems, examined };
}

function stateIn(digest: RunDigest, key: string, problem: ProblemInRun): FleetProblemRun {
  const mine = digest.problems.get(key);
  const run = digest.run.name;
  if (mine && mine.found > 0) return { run, state: 'found', findings: mine.found, subjects: [...mine.subjects].sort() };
  if (mine && mine.setApart > 0) return { run, state: 'set-apart', findings: mine.setApart, subjects: [...mine.apartSubjects].sort() };
  const checked = digest.examined.has(examinedKey(problem.finding.checkId, problem.item.probeId));
  return { run, state: checked ? 'not-found' : 'not-checked', findings: 0, subjects: [] };
}

const LEVEL_RANK: Readonly<Record<Level, number>> = { MUST: 0, SHOULD: 1 };

/** MUST first, then the problem most runs have, then the most findings, then by check and probe. */
function byWeight(a: FleetProblem, b: FleetProblem): number {
  const runsFound = (p: FleetProblem): number => p.runs.filter((r) => r.state === 'found').length;
  const total = (p: FleetProblem): number => p.runs.reduce((sum, r) => sum + (r.state === 'found' ? r.findings : 0), 0);
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    runsFound(b) - runsFound(a) ||
    total(b) - total(a) ||
    a.checkId.localeCompare(b.checkId) ||
    (a.probeId ?? '').localeCompare(b.probeId ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/** The problems of the fleet: every problem some run found, with how each run stands to it. */
function fleetProblems(digests: readonly RunDigest[]): FleetProblem[] {
  const seen = new Map<string, ProblemInRun>();
  for (const digest of digests) for (const [key, problem] of digest.problems) if (problem.found > 0 && !seen.has(key)) seen.set(key, problem);
  const problems: FleetProblem[] = [];
  for (const [key, first] of seen) {
    const runs = digests.map((digest) => stateIn(digest, key, first));
    const levels = digests.map((digest) => digest.problems.get(key)).filter((p) => p !== undefined && p.found > 0).map((p) => p!.finding.level);
    const { checkId, pointer, expected, message, hint } = first.finding;
    problems.push({
      id: createHash('sha256').update(key).digest('hex').slice(0, 16),
      checkId,
      level: levels.includes('MUST') ? 'MUST' : 'SHOULD',
      ...(first.item.probeId !== undefined ? { probeId: first.item.probeId } : {}),
      pointer: stableText(pointer),
      ...(expected !== undefined ? { expected: stableText(expected) } : {}),
      message,
      ...(hint !== undefined ? { hint } : {}),
      runs,
    });
  }
  return problems.sort(byWeight);
}

function versionsOf(runs: readonly FleetRun[]): FleetVersion[] {
  const byVersion = new Map<string, string[]>();
  for (const run of runs) {
    const version = run.version ?? 'unknown';
    byVersion.set(version, [...(byVersion.get(version) ?? []), run.name]);
  }
  return [...byVersion].map(([version, names]) => ({ version, runs: names })).sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }));
}

/** The fleet model from runs already reduced (`digestRun`), in the order given. */
export function mergeDigests(digests: readonly RunDigest[]): FleetReport {
  const runs = digests.map((digest) => digest.run);
  const problems = fleetProblems(digests);
  const everywhere = (problem: FleetProblem): boolean => problem.runs.every((r) => r.state === 'found');
  return {
    fleetVersion: FLEET_VERSION,
    tool: { name: 'statuslint', version: toolVersion() },
    verdict: worstVerdict(runs.map((run) => run.verdict)),
    runs,
    versions: versionsOf(runs),
    shared: problems.filter(everywhere),
    differing: problems.filter((problem) => !everywhere(problem)),
  };
}

/** The fleet model of several runs, in the order given. */
export const fleetReport = (inputs: readonly FleetInput[]): FleetReport => mergeDigests(inputs.map(digestRun));

/** A run's name from its file: `reports/prod-eu.json` → `prod-eu`; a name two files share keeps more of their paths. */
export function runNames(files: readonly string[]): string[] {
  const base = (file: string): string => (file === '-' ? 'stdin' : (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, ''));
  const names = files.map(base);
  return names.map((name, i) => (names.indexOf(name) === names.lastIndexOf(name) ? name : files[i]!));
}
