import { builtinProfile, BUILTIN_PROFILES, httpStatusEntries, readCatalogDocument } from '../schemas/index.js';
import { RECOVERY_CLASSES, RECOVERY_MEANING, type AppearsIn, type CatalogEntry } from '../schemas/types.js';

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

const cell = (text: string | undefined): string => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const codeCell = (code: string): string => (code === '' ? '`""` (empty)' : `\`${code}\``);

function table(entries: CatalogEntry[], withHttp: boolean): string {
  const head = withHttp ? '| Code | HTTP | Recovery | Meaning | Advice |\n|---|---|---|---|---|' : '| Code | Meaning |\n|---|---|';
  const rows = entries.map((e) => {
    const meaning = `**${cell(e.title)}.** ${cell(e.description)}${e.misspellings?.length ? ` Also seen misspelt as ${e.misspellings.map((m) => `\`${m}\``).join(', ')}.` : ''}${e.clientPredicate ? ` Client predicate: \`${e.clientPredicate.split('/').pop()}\`.` : ''}`;
    return withHttp
      ? `| ${codeCell(e.code)} | ${e.httpStatus ?? '—'} | \`${e.recovery}\` | ${meaning} | ${cell(e.advice)} |`
      : `| ${codeCell(e.code)} | ${meaning} |`;
  });
  return `${head}\n${rows.join('\n')}\n`;
}

export function catalogMarkdown(notice: string): string {
  const parts: string[] = [`<!-- ${notice} -->`, '', '# The statuslint catalog', ''];
  parts.push(
    'One table of error codes drives everything statuslint does: the JSON Schemas in `schemas/generated/`, the checks of `validate` and `probe`, the ESLint rules and the hints in every report. Each code says where it appears, the HTTP status it goes with and what a client should do on receiving it.',
    '',
    '## Recovery classes',
    '',
    '| Class | What a client does |',
    '|---|---|',
    ...RECOVERY_CLASSES.map((r) => `| \`${r}\` | ${RECOVERY_MEANING[r]} |`),
    '',
  );
  for (const name of BUILTIN_PROFILES) {
    const profile = builtinProfile(name);
    parts.push(`## Profile \`${name}\`: ${profile.title}`, '', profile.description, '');
    if (profile.reference) parts.push(`Reference: ${profile.reference}`, '');
    const places = [...new Set(profile.entries.map((e) => e.appearsIn))];
    for (const place of places) {
      const entries = profile.entries.filter((e) => e.appearsIn === place);
      parts.push(`### ${PLACE_TITLES[place]}`, '');
      const workload = ['container-waiting-reason', 'container-terminated-reason', 'pod-status-reason', 'pod-condition-reason', 'pod-phase'].includes(place);
      if (workload) parts.push('These are real Kubernetes reasons, but of pods and containers: they never belong in an API `Status.reason`.', '');
      if (place === 'status-reason') {
        parts.push('Each reason goes with exactly one HTTP status; the empty reason means "unknown" and clients then fall back to the code, so its pairing is not enforced.', '');
      }
      parts.push(table(entries, !workload && place !== 'status-cause-reason'));
    }
  }
  const http = readCatalogDocument('http');
  parts.push(`## HTTP status codes`, '', http.description ?? '', '', table(httpStatusEntries(), true));
  return `${parts.join('\n').trimEnd()}\n`;
}
