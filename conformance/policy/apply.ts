/**
 * A project's policy applied to a run's results, after the run and before any report: subjects ignored,
 * levels set, fingerprints added, findings waived, inherited or known from the baseline. Pure: the same
 * results, policy and date give the same model, which records what was done so every report can say it.
 */
import { inheritedLabel, type InheritedSet } from '../../schemas/inherited.js';
import type { IgnoreDocument, WaiverDocument } from '../../schemas/config-schema.js';
import type { CheckResult } from '../check-core.js';
import type { Finding, Suppression } from '../findings.js';
import { hasFailedCheck, type NotRun, type ResultItem, type Results } from '../results.js';
import { ExaminedSubjects } from './baseline.js';
import { type BaselineUpdate, baselineUpdater } from './baseline-update.js';
import { fingerprintItemPart, fingerprintWithItemPart } from './fingerprint.js';
import { openIgnores } from './ignore.js';
import type { AppliedIgnore, AppliedWaiver, BaselineEntry, PolicyRecord, Severity } from './record.js';
import { openSeverities } from './severity.js';
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
  /** `update`: the run rewrites the baseline as it goes (see baselineUpdater): each finding no waiver covers is known. */
  baseline?: { file: string; entries: readonly BaselineEntry[]; update?: boolean };
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

/** What sets a finding apart: the waivers, in order, then the baseline's fingerprints. */
interface Suppressors {
  waivers: readonly ActiveWaiver[];
  /** The baseline's fingerprints (an update's baseline knows every one). */
  known: { has(fingerprint: string): boolean };
  baselineFile: string | undefined;
}

/** Without waivers and a baseline nothing is set apart, and findings need not be matched one by one. */
const suppressesNothing = (suppressors: Suppressors): boolean => suppressors.waivers.length === 0 && suppressors.baselineFile === undefined;

/** The finding with its fingerprint, and without a suppression an earlier application left: it is decided afresh. */
function fresh(finding: Finding, fingerprint: string): Finding {
  if (finding.suppressed === undefined) {
    // Object.assign when there is nothing to drop: the same keys in the same order as a spread, at a sixth of its cost.
    const judged = Object.assign({}, finding);
    judged.fingerprint = fingerprint;
    return judged;
  }
  const { suppressed: _earlier, ...rest } = finding;
  return { ...rest, fingerprint };
}

/** The first waiver that matches (an expired one never does), then the baseline. */
function suppressionOf(item: ResultItem, finding: Finding, suppressors: Suppressors): Suppression | undefined {
  for (const active of suppressors.waivers) {
    if (active.record.expired || !waiverMatches(active.waiver, item, finding)) continue;
    active.record.matched++;
    return active.suppression;
  }
  if (suppressors.baselineFile !== undefined && suppressors.known.has(finding.fingerprint!)) return { kind: 'known', reason: `in the baseline ${suppressors.baselineFile}`, by: suppressors.baselineFile };
  return undefined;
}

function judgeResult(item: ResultItem, itemPart: string, result: CheckResult, suppressors: Suppressors): CheckResult {
  if (result.outcome !== 'fail') return result;
  const findings = result.findings.map((original) => {
    const finding = fresh(original, fingerprintWithItemPart(itemPart, original));
    const suppressed = suppressesNothing(suppressors) ? undefined : suppressionOf(item, finding, suppressors);
    return suppressed ? { ...finding, suppressed } : finding;
  });
  return { ...result, findings };
}

/** The response with its findings fingerprinted and set apart, or itself when it has none: most responses of a run pass. */
function judgedItem(item: ResultItem, suppressors: Suppressors): ResultItem {
  if (!hasFailedCheck(item)) return item;
  // The response's part of its findings' fingerprints is the same for each of them: made once.
  const itemPart = fingerprintItemPart(item);
  return { ...item, checks: item.checks.map((result) => judgeResult(item, itemPart, result, suppressors)) };
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
function policyRecord(policy: RunPolicy, earlier: PolicyRecord | undefined, outcome: { ignored: AppliedIgnore[]; waivers: ActiveWaiver[]; baseline: PolicyRecord['baseline'] }): PolicyRecord {
  const probesOff = [...new Set([...(earlier?.probesOff ?? []), ...(policy.probesOff ?? [])])];
  const config = policy.config ?? earlier?.config;
  return {
    ...(config !== undefined ? { config } : {}),
    ...optional('checks', mergedChecks(earlier?.checks, policy.checks)),
    ...(probesOff.length > 0 ? { probesOff } : {}),
    ...optional('ignored', mergedIgnores(earlier?.ignored, policy.ignoredBeforeRun, outcome.ignored)),
    ...(policy.inherit ? { inherited: inheritedLabel(policy.inherit) } : {}),
    ...(outcome.waivers.length > 0 ? { waivers: outcome.waivers.map((w) => w.record) } : {}),
    ...(outcome.baseline ? { baseline: outcome.baseline } : {}),
  };
}

/** A policy applied to a run's responses one at a time, as they are judged; what it did, when the run is over. */
export interface PolicyStream {
  /** The response as the policy has it, or undefined when an ignore leaves it out. */
  item(item: ResultItem): ResultItem | undefined;
  /** The probes not run and the policy's record, for the finished run (`interrupted`: stopped before its end). */
  finish(options?: { interrupted?: boolean }): Pick<Results, 'notRun' | 'policy'>;
  /** After `finish`, when the run updates the baseline: the entries to write. */
  updatedBaseline(): BaselineEntry[] | undefined;
}

/** Open a policy over a run whose head (`notRun`, an earlier application's `policy`) is given. */
export function openPolicy(policy: RunPolicy, head: Pick<Results, 'notRun' | 'policy'>): PolicyStream {
  const config = policy.config ?? 'the config';
  const ignores = openIgnores(head.notRun, policy.ignore ?? []);
  const leveled = openSeverities(policy.checks ?? {}, config);
  const waivers = activeWaivers(policy, config);
  const updating = policy.baseline?.update === true ? baselineUpdater(policy.baseline) : undefined;
  // The baseline an update writes holds every finding of the run that no waiver covers.
  const known = updating ? { has: () => true } : new Set(policy.baseline?.entries.map((entry) => entry.fingerprint));
  const suppressors: Suppressors = { waivers, known, baselineFile: policy.baseline?.file };
  const tracker = policy.baseline && !updating ? baselineTracker(policy.baseline) : undefined;
  let update: BaselineUpdate | undefined;
  return {
    item(original) {
      if (!ignores.keep(original)) return undefined;
      const judged = judgedItem(leveled(original), suppressors);
      tracker?.add(judged);
      updating?.add(judged);
      return judged;
    },
    finish({ interrupted = false } = {}) {
      const allNotRun = withProbesOff(ignores.notRun, policy.probesOff ?? [], config);
      update = updating?.finish(interrupted);
      const record = policyRecord(policy, head.policy, { ignored: ignores.ignored, waivers, baseline: update?.outcome ?? tracker?.outcome() });
      return {
        ...(allNotRun.length > 0 || head.notRun !== undefined ? { notRun: allNotRun } : {}),
        ...(Object.keys(record).length > 0 ? { policy: record } : {}),
      };
    },
    updatedBaseline: () => update?.entries,
  };
}

export const applyPolicy = (results: Results, policy: RunPolicy): Results => applyPolicyAndUpdate(results, policy).results;

/** The policy applied to a run held whole, and the baseline to write when the policy updates it. */
export function applyPolicyAndUpdate(results: Results, policy: RunPolicy): { results: Results; updatedBaseline: BaselineEntry[] | undefined } {
  const stream = openPolicy(policy, results);
  const items = results.items.flatMap((item) => stream.item(item) ?? []);
  const { notRun, policy: record } = stream.finish();
  const { policy: _earlier, ...rest } = results;
  return {
    results: {
      ...rest,
      ...(notRun ? { notRun } : {}),
      ...(record ? { policy: record } : {}),
      items,
    },
    updatedBaseline: stream.updatedBaseline(),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/**
 * How the run compares with the baseline, gathered a response at a time: what it knew, and what was
 * fixed since (examined again and not found). Only the baseline's own entries are followed, so its
 * memory is the baseline's size, whatever the run's.
 */
function baselineTracker(baseline: NonNullable<RunPolicy['baseline']>): { add(item: ResultItem): void; outcome(): NonNullable<PolicyRecord['baseline']> } {
  const entries = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const found = new Set<string>();
  const examined = new ExaminedSubjects(baseline.entries);
  let knownCount = 0;
  return {
    add(item) {
      examined.add(item);
      for (const result of item.checks) {
        if (result.outcome !== 'fail') continue;
        for (const finding of result.findings) {
          if (entries.has(finding.fingerprint!)) found.add(finding.fingerprint!);
          if (finding.suppressed?.kind === 'known') knownCount++;
        }
      }
    },
    outcome: () => ({ file: baseline.file, known: knownCount, fixed: baseline.entries.filter((entry) => !found.has(entry.fingerprint) && examined.has(entry)) }),
  };
}
