/**
 * Ignores: subjects a project leaves out of the run (a resource it knows to be odd, a group another
 * team owns, a path that is not an API). What each rule left out is recorded, so that reports say it.
 */
import { IGNORE_MATCHERS, type IgnoreDocument } from '../../schemas/config-schema.js';
import type { NotRun, ResultItem } from '../results.js';
import { fingerprintSubject } from './fingerprint.js';
import type { AppliedIgnore } from './record.js';
import { subjectMatches } from './subjects.js';

/** A rule as reports name it: `resource componentstatuses`, `group apps, path /healthz`. */
export const ignoreRuleText = (rule: IgnoreDocument): string =>
  IGNORE_MATCHERS.filter((key) => rule[key] !== undefined)
    .map((key) => `${key} ${rule[key]}`)
    .join(', ');

/** A probe left out as if it were a response, for matching. */
const asItem = (entry: NotRun): ResultItem => ({
  id: '',
  title: '',
  location: '',
  probeId: entry.probeId,
  ...(entry.resource !== undefined ? { resource: entry.resource } : {}),
  ...(entry.groupVersion !== undefined ? { groupVersion: entry.groupVersion } : {}),
  ...(entry.operation !== undefined ? { operation: entry.operation } : {}),
  checks: [],
});

/** Ignores applied a response at a time: `keep` says whether one stays; `ignored` records what each rule left out. */
export function openIgnores(notRun: readonly NotRun[] | undefined, rules: readonly IgnoreDocument[]): { keep(item: ResultItem): boolean; notRun: NotRun[] | undefined; ignored: AppliedIgnore[] } {
  if (rules.length === 0) return { keep: () => true, notRun: notRun ? [...notRun] : undefined, ignored: [] };
  const ignored = rules.map((rule) => ({ rule: ignoreRuleText(rule), ...(rule.reason !== undefined ? { reason: rule.reason } : {}), subjects: [] as string[] }));
  const seen = rules.map(() => new Set<string>());
  const matching = (item: ResultItem): number => rules.findIndex((rule) => subjectMatches(item, rule));
  return {
    keep(item) {
      const index = matching(item);
      if (index < 0) return true;
      const subject = fingerprintSubject(item);
      if (!seen[index]!.has(subject)) {
        seen[index]!.add(subject);
        ignored[index]!.subjects.push(subject);
      }
      return false;
    },
    notRun: notRun?.filter((entry) => matching(asItem(entry)) < 0),
    ignored,
  };
}

/**
 * Operations of a document that no rule ignores, named as the runner selects them, and what each rule
 * left out: probe --openapi never sends a request to an ignored operation.
 */
export function operationsNotIgnored(titles: readonly string[], rules: readonly IgnoreDocument[]): { kept: string[]; ignored: AppliedIgnore[] } {
  const ignored = rules.map((rule) => ({ rule: ignoreRuleText(rule), ...(rule.reason !== undefined ? { reason: rule.reason } : {}), subjects: [] as string[] }));
  const kept = titles.filter((title) => {
    const index = rules.findIndex((rule) => subjectMatches({ id: '', title: '', location: '', operation: title, checks: [] }, rule));
    if (index >= 0) ignored[index]!.subjects.push(title);
    return index < 0;
  });
  return { kept, ignored };
}
