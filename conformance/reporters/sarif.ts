import { createHash } from 'node:crypto';
import { ALL_CHECKS } from '../checks/index.js';
import { SPEC_CHECKS } from '../spec/checks/index.js';
import type { Finding, Suppression } from '../findings.js';
import { findingsOfItem, recordedSourceOf, type ResultItem, type Results, suppressedFindingsOfItem } from '../results.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes } from '../policy/summary.js';
import { formatRate, notRunByReason, subjectOf, summarize } from '../summary.js';
import { visible } from '../untrusted.js';
import { jsonChunks } from './format.js';
import { defineReporter, fromChunks } from './reporter.js';

/**
 * SARIF 2.1.0 (valid against the OASIS schema), for code-scanning views. Rules are the checks, with
 * their description as help; results are the findings: MUST → `error`, SHOULD → `warning`. A probe's
 * location is its request path relative to the target (`uriBaseId: TARGET`); a recorded response's
 * is its file, with the line for JSON Lines. Probes that got no response are tool notifications.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `reason-code-match` → `ReasonCodeMatch`: SARIF's `name` is an identifier. */
const pascalCase = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { level: string; tags: string[] };
}

function rulesFor(results: Results): Rule[] {
  const ids = new Set(results.items.flatMap((item) => item.checks.map((c) => c.checkId)));
  // spec judges documents with checks of its own, documented under docs/spec/.
  const docs = results.command === 'spec' ? 'docs/spec' : 'docs/checks';
  const known = (results.command === 'spec' ? SPEC_CHECKS : ALL_CHECKS).map((check) => ({ id: check.id, title: check.title, description: check.description, level: check.level }));
  // A results file from another version may name checks this one does not define.
  const unknown = [...ids]
    .filter((id) => !known.some((k) => k.id === id))
    .map((id) => ({ id, title: id, description: `The \`${id}\` check.`, level: results.items.flatMap((i) => i.checks).find((c) => c.checkId === id)!.level }));
  return [...known, ...unknown].map((check) => ({
    id: check.id,
    name: pascalCase(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description },
    help: {
      text: `${check.description} (${check.level}-level check; see ${docs}/${check.id}.md.)`,
      markdown: `**${check.title}** (${check.level})\n\n${check.description}\n\nSee [${docs}/${check.id}.md](${docs}/${check.id}.md) for the failure it reports and how to fix it.`,
    },
    defaultConfiguration: { level: check.level === 'MUST' ? 'error' : 'warning' },
    properties: { level: check.level, tags: ['statuslint', 'api-errors', check.level === 'MUST' ? 'must' : 'should'] },
  }));
}

/** Stable across runs: the same problem on the same response keeps its fingerprint. */
const fingerprint = (item: ResultItem, finding: Finding): string =>
  createHash('sha256').update([finding.checkId, item.id, finding.pointer, finding.expected ?? ''].join('\u0000')).digest('hex').slice(0, 32);

/** Every finding of a failed check, those set apart included. */
const allFindingsOf = (item: ResultItem): Finding[] => [...findingsOfItem(item), ...suppressedFindingsOfItem(item)];

/** SARIF's suppression: accepted outside the code (a baseline, a config waiver, an inherited set), with why. */
const suppressionOf = (suppressed: Suppression): object => ({ kind: 'external', status: 'accepted', justification: visible(`${suppressed.kind} (${suppressed.by}): ${suppressed.reason}`) });

/** A spec document as an artifact: a path on the target's server is relative to TARGET, a file or URL stands as is. */
function documentLocation(document: string, results: Results): { uri: string; uriBaseId?: string } {
  return document.startsWith('/') && results.target && /^https?:/.test(results.target.server)
    ? { uri: uriReference(document.replace(/^\//, '')), uriBaseId: 'TARGET' }
    : { uri: uriReference(document) };
}

function locationsOf(item: ResultItem, results: Results, finding?: Finding): object[] {
  if (item.document !== undefined) {
    // The JSON pointer is the logical location inside the document; the line and column it is written at, where known, the region.
    const pointer = finding?.pointer || item.location;
    const region = finding?.line !== undefined ? { region: { startLine: finding.line, ...(finding.column !== undefined ? { startColumn: finding.column } : {}) } } : {};
    return [{
      physicalLocation: { artifactLocation: documentLocation(item.document, results), ...region },
      logicalLocations: [{ name: item.title, fullyQualifiedName: pointer, kind: 'object' }],
    }];
  }
  const logical = { name: subjectOf(item), fullyQualifiedName: item.id, kind: item.resource ? 'resource' : item.probeId ? 'server' : 'response' };
  if (item.request) {
    return [{ physicalLocation: { artifactLocation: { uri: uriReference(item.request.path.replace(/^\//, '')), uriBaseId: 'TARGET' } }, logicalLocations: [logical] }];
  }
  const source = recordedSourceOf(item);
  if (source) {
    return [{
      physicalLocation: { artifactLocation: { uri: uriReference(source.file) }, ...(source.line ? { region: { startLine: source.line } } : {}) },
      logicalLocations: [logical],
    }];
  }
  return [{ logicalLocations: [logical] }];
}

/** A URI reference from a recorded path, which may hold characters a URI must escape. */
function uriReference(path: string): string {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return encodeURI(path);
  }
}

/** A base URI must end in `/` for relative paths to resolve under it. */
const baseUri = (server: string): string => (server.endsWith('/') ? server : `${server}/`);

export default defineReporter(fromChunks({
  name: 'sarif',
  extension: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning views; rules are the checks',
  *chunks(results: Results) {
    const rules = rulesFor(results);
    const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
    const summary = summarize(results);
    const baselined = results.policy?.baseline !== undefined;
    const sarifResults = results.items.flatMap((item) =>
      allFindingsOf(item).map((finding) => ({
        ruleId: finding.checkId,
        ruleIndex: ruleIndex.get(finding.checkId)!,
        level: finding.level === 'MUST' ? 'error' : 'warning',
        // Messages are what code-scanning views show: the server's controls escaped there; properties keep the data.
        message: { text: visible(`${finding.message}${finding.hint ? ` Fix: ${finding.hint}` : ''} (${item.title})`) },
        locations: locationsOf(item, results, finding),
        partialFingerprints: { 'statuslintFinding/v1': fingerprint(item, finding) },
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
      })),
    );
    const notifications = [
      ...(summary.verdict.why ? [{ level: 'error', message: { text: visible(`nothing checked: ${summary.verdict.why}`) } }] : []),
      ...results.items.filter((item) => item.error).map((item) => ({ level: 'error', message: { text: visible(`${item.title}: ${item.error}`) }, locations: locationsOf(item, results) })),
      ...notRunByReason(results).map((group) => ({ level: 'note', message: { text: visible(`not run: ${group.count} × ${group.probeIds.join(', ')}: ${group.reason}`) } })),
      ...policyNotes(results).map((note) => ({ level: note.failing ? 'error' : 'note', message: { text: visible(note.text) } })),
      ...diagnosticNotes(results).map((note) => ({ level: note.failing ? 'error' : 'note', message: { text: visible(note.text) } })),
    ];
    const documents = [...new Set(results.items.flatMap((item) => (item.document !== undefined ? [item.document] : [])))];
    const run = {
      tool: { driver: { name: 'statuslint', version: results.tool.version, semanticVersion: results.tool.version, rules } },
      automationDetails: { id: `statuslint/${results.command}/` },
      ...(results.target ? { originalUriBaseIds: { TARGET: { uri: baseUri(results.target.server), description: { text: 'The API server probed.' } } } } : {}),
      invocations: [
        {
          executionSuccessful: results.interrupted !== true,
          startTimeUtc: results.startedAt,
          endTimeUtc: results.finishedAt,
          ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
        },
      ],
      ...(documents.length > 0 ? { artifacts: documents.map((document) => ({ location: documentLocation(document, results), roles: ['analysisTarget'] })) } : {}),
      results: sarifResults,
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
    // Opened down to each result (log → runs → run → results), so that no one string holds them all.
    yield* jsonChunks({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, 4);
    yield '\n';
  },
}));
