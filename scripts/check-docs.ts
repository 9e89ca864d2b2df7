import { findingsAsText } from '../conformance/findings.js';
import type { CheckDefinition } from '../conformance/check.js';
import { runCheck } from '../conformance/check.js';
import { ALL_CHECKS } from '../conformance/checks/index.js';
import { buildContext } from '../conformance/context.js';
import { viewOfBody, viewOfText } from '../conformance/exchange.js';
import { compileProfile, profileFromDocument, resolveProfile } from '../schemas/index.js';

/** Run a check on its own example: the doc shows exactly what users will read. */
export function exampleFindings(check: CheckDefinition): ReturnType<typeof runCheck> {
  const { example } = check;
  const profile =
    typeof example.profile === 'object' ? profileFromDocument(example.profile, 'example') : resolveProfile(example.profile ?? 'kubernetes');
  const view = example.text !== undefined ? viewOfText(example.text, example.status, example.headers) : viewOfBody(example.body, example.status, example.headers);
  return runCheck(
    check,
    buildContext(compileProfile(profile), view, {
      ...(example.watchEvent ? { watchEvent: true } : {}),
      ...(example.expectation ? { expectation: example.expectation } : {}),
      ...(example.requestIds ? { requestIds: new Map(Object.entries(example.requestIds)) } : {}),
    }),
  );
}

function responseText(check: CheckDefinition): string {
  const { example } = check;
  const lines = [`HTTP/1.1 ${example.status ?? '(bare body)'}`];
  for (const [name, value] of Object.entries(example.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push('', example.text !== undefined ? example.text.trimEnd() : JSON.stringify(example.body, null, 2));
  return lines.join('\n');
}

export function checkDoc(check: CheckDefinition, notice: string): string {
  const result = exampleFindings(check);
  if (result.outcome !== 'fail') throw new Error(`the example of check ${check.id} does not fail it (${result.outcome})`);
  const profiles = check.bodyKinds ? check.bodyKinds.map((k) => `\`${k}\``).join(', ') : 'all';
  return [
    `<!-- ${notice} -->`,
    '',
    `# \`${check.id}\`: ${check.title}`,
    '',
    `| Level | Scope | Body kinds |`,
    `|---|---|---|`,
    `| ${check.level} | ${check.scope} | ${profiles} |`,
    '',
    check.description,
    '',
    '## Example',
    '',
    'This response:',
    '',
    ...(check.example.expectation ? [`A probe that expected HTTP ${check.example.expectation.status}${check.example.expectation.reason ? ` \`${check.example.expectation.reason}\`` : ''} received:`, ''] : []),
    '```http',
    responseText(check),
    '```',
    '',
    'gives:',
    '',
    '```text',
    ...findingsAsText(result.findings),
    '```',
    '',
    'In JSON (`--format json`) the finding is data: `checkId`, `level`, `pointer`, `expected`, `received`, `message`, `hint`:',
    '',
    '```json',
    JSON.stringify(result.findings[0], null, 2),
    '```',
    '',
  ].join('\n');
}

export function checksIndex(notice: string): string {
  return [
    `<!-- ${notice} -->`,
    '',
    '# Checks',
    '',
    'Every response statuslint sees is judged by these checks. MUST-level findings make a target non-conformant; SHOULD-level findings are reported and fail `validate` unless `--fail-on must`.',
    '',
    '| Check | Level | What must hold |',
    '|---|---|---|',
    ...[...ALL_CHECKS].sort((a, b) => a.id.localeCompare(b.id)).map((c) => `| [\`${c.id}\`](${c.id}.md) | ${c.level} | ${c.description.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}
