/** `docs/catalog.md`: every code of every built-in profile, with its HTTP status, recovery and advice. */
import { builtinProfile, BUILTIN_PROFILES, type BuiltinProfileName, httpStatusEntries, readCatalogDocument } from '../../../schemas/index.js';
import { RECOVERY_CLASSES, RECOVERY_MEANING, type AppearsIn, type CatalogEntry } from '../../../schemas/types.js';
import { cell, table } from '../markdown.js';
import type { Block, GeneratedPage } from '../page.js';

const PLACE_TITLES: Record<AppearsIn, string> = {
  'status-reason': 'API `Status.reason`',
  'status-cause-reason': '`Status.details.causes[].reason` (Go `CauseType`)',
  'container-waiting-reason': 'Container `state.waiting.reason` (not an API reason)',
  'container-terminated-reason': 'Container `state.terminated.reason` (not an API reason)',
  'pod-status-reason': 'Pod `status.reason` (not an API reason)',
  'pod-condition-reason': 'Pod condition `reason` (not an API reason)',
  'pod-phase': 'Pod `status.phase` (not an API reason)',
  'http-status': 'HTTP status',
  'envelope-error': 'Envelope `error`',
  'problem-type': 'Problem `type`',
};

/** Places of pods and containers: real Kubernetes reasons, listed so that checks can say where they belong. */
const WORKLOAD_PLACES: readonly AppearsIn[] = ['container-waiting-reason', 'container-terminated-reason', 'pod-status-reason', 'pod-condition-reason', 'pod-phase'];

const codeCell = (code: string): string => (code === '' ? '`""` (empty)' : `\`${code}\``);

function meaning(entry: CatalogEntry): string {
  const misspellings = entry.misspellings?.length ? ` Also seen misspelt as ${entry.misspellings.map((m) => `\`${m}\``).join(', ')}.` : '';
  const predicate = entry.clientPredicate ? ` Client predicate: \`${entry.clientPredicate.split('/').pop()}\`.` : '';
  return `**${cell(entry.title)}.** ${cell(entry.description)}${misspellings}${predicate}`;
}

function entriesTable(entries: readonly CatalogEntry[], withHttp: boolean): string {
  return withHttp
    ? table(['Code', 'HTTP', 'Recovery', 'Meaning', 'Advice'], entries.map((e) => [codeCell(e.code), String(e.httpStatus ?? '—'), `\`${e.recovery}\``, meaning(e), cell(e.advice)]))
    : table(['Code', 'Meaning'], entries.map((e) => [codeCell(e.code), meaning(e)]));
}

function placeBlocks(entries: readonly CatalogEntry[], place: AppearsIn): Block[] {
  const workload = WORKLOAD_PLACES.includes(place);
  return [
    `### ${PLACE_TITLES[place]}`,
    workload ? 'These are real Kubernetes reasons, but of pods and containers: they never belong in an API `Status.reason`.' : undefined,
    place === 'status-reason'
      ? 'Each reason goes with exactly one HTTP status; the empty reason means "unknown" and clients then fall back to the code, so its pairing is not enforced.'
      : undefined,
    entriesTable(entries.filter((e) => e.appearsIn === place), !workload && place !== 'status-cause-reason'),
  ];
}

function profileBlocks(name: BuiltinProfileName): Block[] {
  const profile = builtinProfile(name);
  const places = [...new Set(profile.entries.map((e) => e.appearsIn))];
  return [
    `## Profile \`${name}\`: ${profile.title}`,
    profile.description,
    profile.reference ? `Reference: ${profile.reference}` : undefined,
    ...places.flatMap((place) => placeBlocks(profile.entries, place)),
  ];
}

export function catalogPages(): GeneratedPage[] {
  const http = readCatalogDocument('http');
  const blocks: Block[] = [
    '# The statuslint catalog',
    'One table of error codes drives everything statuslint does: the JSON Schemas in `schemas/generated/`, the checks of `validate` and `probe`, the ESLint rules and the hints in every report. Each code says where it appears, the HTTP status it goes with and what a client should do on receiving it.',
    '## Recovery classes',
    table(['Class', 'What a client does'], RECOVERY_CLASSES.map((r) => [`\`${r}\``, RECOVERY_MEANING[r]])),
    ...BUILTIN_PROFILES.flatMap(profileBlocks),
    '## HTTP status codes',
    http.description ?? '',
    entriesTable(httpStatusEntries(), true),
  ];
  return [{ path: 'docs/catalog.md', from: 'schemas/catalog/*.json', blocks }];
}
