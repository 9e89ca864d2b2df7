import type { Finding } from '../findings.js';
import { recordedSourceOf, type ResultItem, type Results } from '../results.js';
import { countedItems, failureGroups, formatRate, subjectCount, summarize } from '../summary.js';
import { visible } from '../untrusted.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes } from '../policy/summary.js';
import { errorLabel, plural } from './format.js';
import { defineReporter, SECTION_START } from './reporter.js';
import { digestOf, GROUPS_KEPT } from '../run-digest.js';

/**
 * GitHub Actions workflow commands (`::error title=…::…`), one annotation per distinct problem: MUST
 * findings as errors, SHOULD findings as warnings, then a notice with the verdict. GitHub shows only
 * the first few annotations of each kind per step, so the same problem met on many resources is one
 * annotation naming them, MUST first. A recorded response met once keeps its file and line, and a
 * finding in an OpenAPI file the line and column it is written at.
 */

/**
 * Escaping of the GitHub Actions toolkit (`@actions/core`'s `escapeData` and `escapeProperty`): data
 * and property values differ. Text from the model has passed `visible` before, so the only line
 * breaks left are the reporter's own, and no control character reaches the log.
 */
const data = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string): string => data(visible(text)).replace(/:/g, '%3A').replace(/,/g, '%2C');

const RESOURCES_NAMED = 6;

function command(kind: 'error' | 'warning' | 'notice', properties: Record<string, string | number | undefined>, message: string): string {
  const params = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${property(String(value))}`)
    .join(',');
  return `::${kind}${params ? ` ${params}` : ''}::${data(message)}`;
}

/** The file and line an annotation points at: a recorded response's, or where a document (a file, not a URL) says it. */
function annotationPlace(item: ResultItem | undefined, finding: Finding, source: { file: string; line?: number } | undefined): Record<string, string | number | undefined> {
  if (item?.document !== undefined && finding.line !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(item.document)) {
    return { file: item.document, line: finding.line, col: finding.column };
  }
  return { file: source?.file, line: source?.line };
}

/** One annotation a distinct problem, MUST first: the groups are known when the run is over. */
function* groupAnnotations(results: Results): Generator<string> {
  for (const group of failureGroups(results)) {
    const { finding } = group;
    const only = group.responses === 1 ? group.first : undefined;
    const source = only ? recordedSourceOf(only) : undefined;
    const subjects = group.subjects.names;
    const more = subjectCount(group.subjects) - RESOURCES_NAMED;
    const probes = group.probeIds;
    const where = only
      ? `${only.title} (${only.location})`
      : `${plural(group.responses, results.command === 'spec' ? 'operation' : 'response')}: ${subjects.slice(0, RESOURCES_NAMED).join(', ')}${more > 0 ? ` and ${more} more` : ''}${probes.length > 0 ? ` (probe ${probes.join(', ')})` : ''}`;
    const message = [finding.message, ...(finding.hint ? [`Fix: ${finding.hint}`] : []), where].map(visible).join('\n');
    yield `${command(group.level === 'MUST' ? 'error' : 'warning', { title: `statuslint ${group.checkId} (${group.level})`, ...annotationPlace(only, finding, source) }, message)}\n`;
  }
}

export default defineReporter({
  name: 'github',
  extension: 'txt',
  description: 'GitHub Actions annotations (workflow commands), like Spectral\'s github-actions format',
  open() {
    return {
      // The problems' annotations come first, and are known at the end: the responses without an answer, said as they arrive, are held until then.
      *start() {
        yield SECTION_START;
      },
      *item(item: ResultItem) {
        if (item.error) yield `${command('error', { title: item.probeId !== undefined ? `statuslint: no response (${item.probeId})` : `statuslint: ${errorLabel(item)}` }, visible(`${item.title} (${item.location}): ${item.error}`))}\n`;
      },
      *end(results: Results) {
        yield { head: [...groupAnnotations(results)].join('') };
        // What the run says once: a profile the bodies do not fit fails it.
        // Past the problems grouped, findings are counted: said, so that no annotation is missing unsaid.
        const { ungrouped } = digestOf(results);
        if (ungrouped > 0) yield `${command('notice', { title: `statuslint ${results.command}: findings not annotated` }, `${plural(ungrouped, 'finding')} past the first ${GROUPS_KEPT} distinct problems are not annotated one by one: see --format json.`)}\n`;
        for (const note of diagnosticNotes(results)) {
          yield `${command(note.failing ? 'error' : 'notice', { title: `statuslint ${results.command}: ${note.kind}` }, visible(note.text))}\n`;
        }
        // What the policy set apart or turned off, and a waiver past its date, which fails the run.
        for (const note of policyNotes(results)) {
          yield `${command(note.failing ? 'error' : 'notice', { title: `statuslint ${results.command}: ${note.failing ? 'expired waiver' : 'policy'}` }, visible(note.text))}\n`;
        }
        const summary = summarize(results);
        const verdict = summary.verdict.why ? `${summary.verdict.label} (${visible(summary.verdict.why)})` : summary.verdict.label;
        const counts = `${summary.findings.MUST} MUST and ${summary.findings.SHOULD} SHOULD ${summary.findings.MUST + summary.findings.SHOULD === 1 ? 'finding' : 'findings'} in ${countedItems(results)}; checks passed: MUST ${formatRate(summary.levels.MUST)}, SHOULD ${formatRate(summary.levels.SHOULD)}`;
        yield `${command('notice', { title: `statuslint ${results.command}: ${verdict}` }, `${counts}. ${summary.verdict.rule}`)}\n`;
      },
    };
  },
});
