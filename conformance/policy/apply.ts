/**
 * A project's policy applied to a run's results, after the run and before any report: subjects ignored,
 * levels set, fingerprints added, findings waived, inherited or known from the baseline. Pure: the same
 * results, policy and date give the same model, which records what was done so every report can say it.
 */
import { inheritedLabel, type InheritedSet } from '../../schemas/inherited.js';
import type { IgnoreDocument, WaiverDocument } from '../../schemas/config-schema.js';
import type { CheckResult } from '../check-core.js';
import type { Finding, Suppression } from '../findings.js';
import type { NotRun, ResultItem, Results } from '../results.js';
import { entryExamined, examinedSubjects } from './baseline.js';
import { findingFingerprint } from './fingerprint.js';
import { applyIgnores } from './ignore.js';
import type { AppliedIgnore, AppliedWaiver, BaselineEntry, PolicyRecord, Severity } from './record.js';
import { applySeverities } from './severity.js';
import { isExpired, waiverMatches, waiverName } from './waivers.js';

export interface RunPolicy {
  /** The config file, as messages name it; `the config` when the policy has none. */
  config?: string;
  checks?: Readonly<Record<string, Severity>>;
  /** Probes the config turned off: the run left them out, the results say so. */
  probesOff?: readonly string[];
  ignore?: readonly IgnoreDocument[];
  /** What the ignores left out before the run (operations never probed), to be recorded with the rest. */
  ignoredBeforeRun?: readonly AppliedIgnore[];
  waivers?: readonly WaiverDocument[];
  inherit?: InheritedSet;
  baseline?: { file: string; entries: readonly BaselineEntry[] };
  /** `YYYY-MM-DD`: waivers expire against it. */
  today: string;
}

/** A waiver of the config or of an inherited set, ready to match. */
interface ActiveWaiver {
  waiver: WaiverDocument;
  record: AppliedWaiver;
  suppression: Suppression;
}

function activeWaivers(policy: RunPolicy, config: string): ActiveWaiver[] {
  const own = (policy.waivers ?? []).map((waiver, index) => {
    const name = waiverName(waiver, index);
    const expired = isExpired(waiver, policy.today);
    return {
      waiver,
      record: { name, reason: waiver.reason, ...(waiver.expires !== undefined ? { expires: waiver.expires } : {}), ...(expired ? { expired: true } : {}), matched: 0 },
      suppression: { kind: 'waived' as const, reason: waiver.reason, by: `${name} (${config})` },
    };
  });
  const set = policy.inherit;
  const label = set ? inheritedLabel(set) : '';
  const inherited = (set?.waivers ?? []).map((waiver) => ({
    waiver,
    record: { name: waiver.name, reason: waiver.reason, inherited: label, matched: 0 },
    suppression: { kind: 'inherited' as const, reason: waiver.reason, by: label },
  }));
  return [...own, ...inherited];
}

/** The finding with its fingerprint, and without a suppression an earlier application left: it is decided afresh. */
function fresh(item: ResultItem, finding: Finding): Finding {
  const { suppressed: _earlier, ...rest } = finding;
  return { ...rest, fingerprint: findingFingerprint(item, finding) };
}

/** The first waiver that matches (an expired one never does), then the baseline. */
function suppressionOf(item: ResultItem, finding: Finding, waivers: readonly ActiveWaiver[], known: ReadonlySet<string>, baselineFile: string | undefined): Suppression | undefined {
  for (const active of waivers) {
    if (active.record.expired || !waiverMatches(active.waiver, item, finding)) continue;
    active.record.matched++;
    return active.suppression;
  }
  if (baselineFile !== undefined && known.has(finding.fingerprint!)) return { kind: 'known', reason: `in the baseline ${baselineFile}`, by: baselineFile };
  return undefined;
}

function judgeResult(item: ResultItem, result: CheckResult, suppress: (finding: Finding) => Suppression | undefined): CheckResult {
  if (result.outcome !== 'fail') return result;
  return {
    ...result,
    findings: result.findings.map((original) => {
      const finding = fresh(item, original);
      const suppressed = suppress(finding);
      return suppressed ? { ...finding, suppressed } : finding;
    }),
  };
}

/** A probe turned off, as the probes not run list it. */
const probeOff = (probeId: string, config: string): NotRun => ({ probeId, reason: `turned off in ${config} (probes.${probeId}: off)` });

/** Each rule once, with every subject it left out: before the run, after it, and in an earlier application (`report`). */
function mergedIgnores(...sets: ReadonlyArray<readonly AppliedIgnore[] | undefined>): AppliedIgnore[] | undefined {
  const byRule = new Map<string, AppliedIgnore>();
  for (const rule of sets.flatMap((set) => set ?? [])) {
    const known = byRule.get(rule.rule);
    if (!known) byRule.set(rule.rule, { ...rule, subjects: [...rule.subjects] });
    else for (const subject of rule.subjects) if (!known.subjects.includes(subject)) known.subjects.push(subject);
  }
  return byRule.size > 0 ? [...byRule.values()] : undefined;
}

/** The checks' levels the config set, merged over those an earlier application recorded. */
function mergedChecks(earlier: PolicyRecord['checks'], now: Readonly<Record<string, Severity>> | undefined): PolicyRecord['checks'] {
  const merged = new Map((earlier ?? []).map((entry) => [entry.checkId, entry.severity]));
  for (const [checkId, severity] of Object.entries(now ?? {})) merged.set(checkId, severity);
  return merged.size > 0 ? [...merged].map(([checkId, severity]) => ({ checkId, severity })) : undefined;
}

/** The probes not run, with those the config turned off added (once: an earlier application may have listed them). */
function withProbesOff(notRun: readonly NotRun[] | undefined, probesOff: readonly string[], config: string): NotRun[] {
  const listed = (id: string): boolean => (notRun ?? []).some((entry) => entry.probeId === id && entry.resource === undefined && entry.operation === undefined);
  return [...(notRun ?? []), ...probesOff.filter((id) => !listed(id)).map((id) => probeOff(id, config))];
}

/** What the policy did, merged over what an earlier application (`report` of a saved run) recorded. */
function policyRecord(policy: RunPolicy, earlier: PolicyRecord | undefined, outcome: { ignored: AppliedIgnore[]; waivers: ActiveWaiver[]; items: ResultItem[] }): PolicyRecord {
  const probesOff = [...new Set([...(earlier?.probesOff ?? []), ...(policy.probesOff ?? [])])];
  const config = policy.config ?? earlier?.config;
  return {
    ...(config !== undefined ? { config } : {}),
    ...optional('checks', mergedChecks(earlier?.checks, policy.checks)),
    ...(probesOff.length > 0 ? { probesOff } : {}),
    ...optional('ignored', mergedIgnores(earlier?.ignored, policy.ignoredBeforeRun, outcome.ignored)),
    ...(policy.inherit ? { inherited: inheritedLabel(policy.inherit) } : {}),
    ...(outcome.waivers.length > 0 ? { waivers: outcome.waivers.map((w) => w.record) } : {}),
    ...(policy.baseline ? { baseline: baselineOutcome(outcome.items, policy.baseline) } : {}),
  };
}

export function applyPolicy(results: Results, policy: RunPolicy): Results {
  const config = policy.config ?? 'the config';
  const { items: kept, notRun, ignored } = applyIgnores(results.items, results.notRun, policy.ignore ?? []);
  const leveled = applySeverities(kept, policy.checks ?? {}, config);
  const waivers = activeWaivers(policy, config);
  const known = new Set(policy.baseline?.entries.map((entry) => entry.fingerprint));
  const suppress = (item: ResultItem) => (finding: Finding) => suppressionOf(item, finding, waivers, known, policy.baseline?.file);
  const items = leveled.map((item) => ({ ...item, checks: item.checks.map((result) => judgeResult(item, result, suppress(item))) }));
  const allNotRun = withProbesOff(notRun, policy.probesOff ?? [], config);
  const record = policyRecord(policy, results.policy, { ignored, waivers, items });
  const { policy: _earlier, ...rest } = results;
  return {
    ...rest,
    ...(allNotRun.length > 0 || results.notRun !== undefined ? { notRun: allNotRun } : {}),
    ...(Object.keys(record).length > 0 ? { policy: record } : {}),
    items,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** How the run compares with the baseline: what it knew, and what was fixed since (examined again and not found). */
function baselineOutcome(items: readonly ResultItem[], baseline: NonNullable<RunPolicy['baseline']>): NonNullable<PolicyRecord['baseline']> {
  const found = new Set<string>();
  let knownCount = 0;
  for (const item of items) {
    for (const result of item.checks) {
      if (result.outcome !== 'fail') continue;
      for (const finding of result.findings) {
        found.add(finding.fingerprint!);
        if (finding.suppressed?.kind === 'known') knownCount++;
      }
    }
  }
  const examined = examinedSubjects(items);
  const fixed = baseline.entries.filter((entry) => !found.has(entry.fingerprint) && entryExamined(entry, examined));
  return { file: baseline.file, known: knownCount, fixed };
}
