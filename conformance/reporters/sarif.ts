import { createHash } from 'node:crypto';
import { ALL_CHECKS } from '../checks/index.js';
import { SPEC_CHECKS } from '../spec/checks/index.js';
import type { Finding, Suppression } from '../findings.js';
import { findingsOfItem, hasFailedCheck, recordedSourceOf, type ResultItem, type Results, suppressedFindingsOfItem } from '../results.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes } from '../policy/summary.js';
import { formatRate, notRunByReason, subjectOf, summarize } from '../summary.js';
import { findingFingerprint } from '../policy/fingerprint.js';
import { visible } from '../untrusted.js';
import { flat, indentedJson, jsonChunks } from './format.js';
import { defineReporter, type ReporterOptions, SECTION_START } from './reporter.js';
import { type ArtifactLocation, fileLocation, SOURCE_ROOT, uriReference } from './sarif-files.js';

/**
 * SARIF 2.1.0 (valid against the OASIS schema), for code-scanning views. Rules are the checks, with
 * their description as help; results are the findings: MUST → `error`, SHOULD → `warning`. A spec
 * document's or a recorded response's location is its file relative to `%SRCROOT%` (see
 * sarif-files.ts) at the finding's line; a probe's finding is about the API's response, not a file,
 * and has logical locations only (group-version/resource/probe). Probes that got no response are
 * tool notifications. What GitHub code scanning accepts is tested with Microsoft's SARIF Multitool.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where the check pages live: each rule's `helpUri`, and the list of them the tool's `informationUri`. */
const DOCS = 'https://github.com/statuslint/statuslint/blob/main/';

/**
 * A rule's SARIF id: stable and opaque (`SL` and 8 hex digits of the check id's hash), as SARIF asks,
 * with the readable check id as `name`. It never changes while the check id does not, so code
 * scanning keeps tracking its alerts.
 */
export const sarifRuleId = (checkId: string): string => {
  // Asked for every finding: a hash per finding cost more than the rest of its result.
  let id = ruleIds.get(checkId);
  if (id === undefined) {
    if (ruleIds.size >= RULE_IDS_KEPT) ruleIds.clear();
    ruleIds.set(checkId, (id = `SL${createHash('sha256').update(checkId).digest('hex').slice(0, 8).toUpperCase()}`));
  }
  return id;
};
const ruleIds = new Map<string, string>();
const RULE_IDS_KEPT = 1000;

/** `reason-code-match` → `ReasonCodeMatch`: SARIF's `name` is an identifier. */
const pascalCase = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

/** spec judges documents with checks of its own, documented under docs/spec/. */
const docsFolder = (results: Results): string => (results.command === 'spec' ? 'docs/spec' : 'docs/checks');

interface Rule {
  id: string;
  name: string;
  helpUri: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { checkId: string; level: string; tags: string[] };
}

/** The checks a format of this command knows, in their order. */
const knownChecks = (command: Results['command']): Array<{ id: string; title: string; description: string; level: string }> =>
  (command === 'spec' ? SPEC_CHECKS : ALL_CHECKS).map((check) => ({ id: check.id, title: check.title, description: check.description, level: check.level }));

/** The rules: every check this version knows, then those a results file from another version names, in the order met. */
function rulesFor(results: Results, unknown: ReadonlyMap<string, string>): Rule[] {
  const docs = docsFolder(results);
  const others = [...unknown].map(([id, level]) => ({ id, title: id, description: `The \`${id}\` check.`, level }));
  return [...knownChecks(results.command), ...others].map((check) => ({
    id: sarifRuleId(check.id),
    name: pascalCase(check.id),
    helpUri: `${DOCS}${docs}/${check.id}.md`,
    shortDescription: { text: check.title },
    fullDescription: { text: check.description },
    help: {
      text: `${check.description} (${check.level}-level check; see ${docs}/${check.id}.md.)`,
      markdown: `**${check.title}** (${check.level})\n\n${check.description}\n\nSee [${docs}/${check.id}.md](${DOCS}${docs}/${check.id}.md) for the failure it reports and how to fix it.`,
    },
    defaultConfiguration: { level: check.level === 'MUST' ? 'error' : 'warning' },
    properties: { checkId: check.id, level: check.level, tags: ['statuslint', 'api-errors', check.level === 'MUST' ? 'must' : 'should'] },
  }));
}

/** Every finding of a failed check, those set apart included (after the others). */
function allFindingsOf(item: ResultItem): Finding[] {
  // Asked of every response, and most fail no check: nothing is allocated for them.
  if (!hasFailedCheck(item)) return [];
  return [...findingsOfItem(item), ...suppressedFindingsOfItem(item)];
}

/** SARIF's suppression: accepted outside the code (a baseline, a config waiver, an inherited set), with why. */
const suppressionOf = (suppressed: Suppression): object => ({ kind: 'external', status: 'accepted', justification: visible(`${suppressed.kind} (${suppressed.by}): ${suppressed.reason}`) });

/** Where a spec document was read from, relative to the server for `spec --from-cluster`, otherwise a file or a URL. */
function documentLocation(document: string, results: Results, root: string): ArtifactLocation {
  return document.startsWith('/') && serverBase(results) !== undefined
    ? { uri: uriReference(document.replace(/^\//, '')), uriBaseId: 'TARGET' }
    : fileLocation(document, root);
}

/** A finding about a document or a recorded file sits on its line; a file-level one on line 1, as code scanning expects. */
const regionOf = (line: number | undefined, column?: number): object => ({ region: { startLine: line ?? 1, ...(line !== undefined && column !== undefined ? { startColumn: column } : {}) } });

function locationsOf(item: ResultItem, results: Results, root: string, finding?: Finding): object[] {
  if (item.document !== undefined) {
    // The JSON pointer is the logical location inside the document; the line and column it is written at, where known, the region.
    const pointer = finding?.pointer || item.location;
    const artifactLocation = documentLocation(item.document, results, root);
    return [{
      physicalLocation: { artifactLocation, ...regionOf(finding?.line, finding?.column) },
      logicalLocations: [{ name: item.title, fullyQualifiedName: pointer, kind: 'object' }],
    }];
  }
  const source = recordedSourceOf(item);
  if (source) {
    return [{
      physicalLocation: { artifactLocation: fileLocation(source.file, root), ...regionOf(source.line) },
      logicalLocations: [{ name: subjectOf(item), fullyQualifiedName: item.location, kind: 'response' }],
    }];
  }
  // A probe's finding is about a response of the API, not a line of a file: it has a logical location only.
  return [{ logicalLocations: [probeLocation(item)] }];
}

/** `apps/v1/deployments/not-found-get`: the group-version, the resource (or operation) and the probe, as a path. */
function probeLocation(item: ResultItem): object {
  const parts = [item.groupVersion, item.resource ?? item.operation, item.probeId].filter((part): part is string => part !== undefined && part !== '');
  const kind = item.resource ? 'resource' : item.operation ? 'function' : item.probeId ? 'module' : 'response';
  return { name: subjectOf(item), fullyQualifiedName: parts.length > 0 ? parts.join('/') : item.id, kind };
}

/** The API server's address as a base URI, when there is one (a `spec` of a file has none). */
function serverBase(results: Results): string | undefined {
  const server = results.target?.server;
  if (server === undefined || !/^https?:\/\//i.test(server)) return undefined;
  return server.endsWith('/') ? server : `${server}/`;
}

/** Each base a location is relative to, described for what it is; `%SRCROOT%` has no URI so that no machine path is written. */
function uriBases(results: Results): object {
  const server = serverBase(results);
  const spec = results.command === 'spec';
  return {
    [SOURCE_ROOT]: { description: { text: 'The root of the source tree (the working directory, or --sarif-root) that file locations are relative to.' } },
    ...(server ? { TARGET: { uri: server, description: { text: spec ? 'The API server the OpenAPI document was read from.' : 'The API server probed.' } } } : {}),
  };
}

/** A finding as a SARIF result. */
function sarifResult(item: ResultItem, finding: Finding, ruleIndex: number | undefined, results: Results, root: string): object {
  const baselined = results.policy?.baseline !== undefined;
  return {
    ruleId: sarifRuleId(finding.checkId),
    ruleIndex,
    level: finding.level === 'MUST' ? 'error' : 'warning',
    // Messages are what code-scanning views show: the server's controls escaped there; properties keep the data.
    message: { text: visible(`${finding.message}${finding.hint ? ` Fix: ${finding.hint}` : ''} (${item.title})`) },
    locations: locationsOf(item, results, root, finding),
    // The baseline's fingerprint: code scanning tracks the same finding from run to run, as a baseline does.
    partialFingerprints: { 'statuslintFinding/v1': finding.fingerprint ?? findingFingerprint(item, finding) },
    // Known, waived and inherited findings are results a code-scanning view shows as suppressed.
    ...(finding.suppressed ? { suppressions: [suppressionOf(finding.suppressed)] } : {}),
    ...(baselined && finding.suppressed?.kind !== 'waived' && finding.suppressed?.kind !== 'inherited' ? { baselineState: finding.suppressed ? 'unchanged' : 'new' } : {}),
    properties: {
      level: finding.level,
      pointer: finding.pointer,
      ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
      ...(finding.received !== undefined ? { received: finding.received } : {}),
      ...(finding.hint ? { hint: finding.hint } : {}),
      ...(item.probeId ? { probeId: item.probeId } : {}),
      ...(item.resource ? { resource: item.resource } : {}),
      ...(item.groupVersion ? { groupVersion: item.groupVersion, aggregated: item.aggregated === true } : {}),
      ...(item.via ? { via: item.via } : {}),
      ...(item.request ? { request: `${item.request.method} ${item.request.path}` } : {}),
      ...(item.response ? { responseStatus: item.response.status } : {}),
    },
  };
}

/** Responses without an answer named one by one as notifications; the rest are counted in one. */
export const ERRORS_NOTIFIED = 1000;

/** Stands for the run's results while the document around them is made: the text is cut there. */
const RESULTS_HERE = 'statuslint-results-are-written-here';

export default defineReporter({
  name: 'sarif',
  extension: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning views; rules are the checks',
  // The results are written as the responses arrive; the document before them (the rules, the
  // notifications) is a section written when the run is over, the rest after them.
  open(head: Results, options: ReporterOptions) {
    const root = options.sarifRoot ?? process.cwd();
    const known = knownChecks(head.command);
    const ruleIndex = new Map(known.map((check, i) => [check.id, i]));
    const unknown = new Map<string, string>();
    const errors: object[] = [];
    let moreErrors = 0;
    const documents = new Set<string>();
    let count = 0;
    return {
      *start() {
        yield SECTION_START;
      },
      *item(item: ResultItem) {
        for (const check of item.checks) {
          // A results file from another version may name checks this one does not define.
          if (!ruleIndex.has(check.checkId)) {
            ruleIndex.set(check.checkId, known.length + unknown.size);
            unknown.set(check.checkId, check.level);
          }
        }
        if (item.document !== undefined) documents.add(item.document);
        if (item.error) {
          if (errors.length < ERRORS_NOTIFIED) errors.push({ level: 'error', message: { text: visible(`${item.title}: ${item.error}`) }, locations: locationsOf(item, head, root) });
          else moreErrors++;
        }
        for (const finding of allFindingsOf(item)) {
          yield count++ === 0 ? '[\n        ' : ',\n        ';
          yield flat(indentedJson(sarifResult(item, finding, ruleIndex.get(finding.checkId), head, root), '        '));
        }
      },
      *end(results: Results) {
        yield count === 0 ? '[]' : '\n      ]';
        const summary = summarize(results);
        const notifications = [
          ...(summary.verdict.why ? [{ level: 'error', message: { text: visible(`nothing checked: ${summary.verdict.why}`) } }] : []),
          ...errors,
          ...(moreErrors > 0 ? [{ level: 'error', message: { text: `${moreErrors} more responses without an answer, not listed one by one` } }] : []),
          ...notRunByReason(results).map((group) => ({ level: 'note', message: { text: visible(`not run: ${group.count} × ${group.probeIds.join(', ')}: ${group.reason}`) } })),
          ...policyNotes(results).map((note) => ({ level: note.failing ? 'error' : 'note', message: { text: visible(note.text) } })),
          ...diagnosticNotes(results).map((note) => ({ level: note.failing ? 'error' : 'note', message: { text: visible(note.text) } })),
        ];
        const run = {
          tool: { driver: {
            name: 'statuslint',
            version: results.tool.version,
            semanticVersion: results.tool.version,
            informationUri: `${DOCS}${docsFolder(results)}/README.md`,
            rules: rulesFor(results, unknown),
          } },
          automationDetails: { id: `statuslint/${results.command}/` },
          originalUriBaseIds: uriBases(results),
          invocations: [
            {
              executionSuccessful: results.interrupted !== true,
              startTimeUtc: results.startedAt,
              endTimeUtc: results.finishedAt,
              ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            },
          ],
          ...(documents.size > 0 ? { artifacts: [...documents].map((document) => ({ location: documentLocation(document, results, root), roles: ['analysisTarget'] })) } : {}),
          results: RESULTS_HERE,
          properties: {
            command: results.command,
            profile: results.profile,
            conformant: summary.verdict.conformant,
            verdict: summary.verdict.verdict,
            ...(summary.verdict.why ? { verdictReason: summary.verdict.why } : {}),
            verdictRule: summary.verdict.rule,
            mustPassRate: formatRate(summary.levels.MUST),
            shouldPassRate: formatRate(summary.levels.SHOULD),
            responses: summary.responses,
          },
        };
        // Opened down to each result (log → runs → run → results), as the results above were written.
        const text = [...jsonChunks({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, 4), '\n'].join('');
        const cut = `"results": ${JSON.stringify(RESULTS_HERE)}`;
        const at = text.indexOf(cut) + cut.length - JSON.stringify(RESULTS_HERE).length;
        yield { head: text.slice(0, at) };
        yield text.slice(at + JSON.stringify(RESULTS_HERE).length);
      },
    };
  },
});
