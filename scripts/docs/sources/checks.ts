/** `docs/checks/`: a page per check of every response, showing the findings its example really gives. */
import { type CheckDefinition, type CheckResult, runCheck } from '../../../conformance/check.js';
import { ALL_CHECKS } from '../../../conformance/checks/index.js';
import { buildContext } from '../../../conformance/context.js';
import { viewOfBody, viewOfBytes, viewOfText } from '../../../conformance/exchange.js';
import { compileProfile } from '../../../schemas/index.js';
import { exampleProfile, findingsSections } from '../examples.js';
import { cell, fence, table, unitLink } from '../markdown.js';
import type { GeneratedPage } from '../page.js';
import { bodyKindsFact, unitPages, type UnitKind } from '../unit-pages.js';

/** Run a check on its own example, as `validate` and `probe` would. */
export function exampleResult(check: CheckDefinition): CheckResult {
  const { example } = check;
  const view =
    example.bytes !== undefined
      ? viewOfBytes(Buffer.from(example.bytes, 'base64'), example.status, example.headers)
      : example.text !== undefined
        ? viewOfText(example.text, example.status, example.headers)
        : viewOfBody(example.body, example.status, example.headers);
  return runCheck(
    check,
    buildContext(compileProfile(exampleProfile(example.profile)), view, {
      ...(example.watchEvent ? { watchEvent: true } : {}),
      ...(example.expectation ? { expectation: example.expectation } : {}),
      ...(example.requestIds ? { requestIds: new Map(Object.entries(example.requestIds)) } : {}),
    }),
  );
}

/** A binary example body as its bytes read: printable ASCII as is, a newline as a line break, any other byte as `\xNN`. */
function bytesShown(base64: string): string {
  return [...Buffer.from(base64, 'base64')].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : byte === 0x0a ? '\n' : `\\x${byte.toString(16).padStart(2, '0')}`)).join('').trimEnd();
}

function responseLines({ example }: CheckDefinition): string[] {
  return [
    `HTTP/1.1 ${example.status ?? '(bare body)'}`,
    ...Object.entries(example.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    '',
    example.bytes !== undefined ? bytesShown(example.bytes) : example.text !== undefined ? example.text.trimEnd() : JSON.stringify(example.body, null, 2),
  ];
}

/** A probe check's example is what a probe received: the page says what it expected. */
function expectedBy({ example: { expectation } }: CheckDefinition): string | undefined {
  return expectation && `A probe that expected HTTP ${expectation.status}${expectation.reason ? ` \`${expectation.reason}\`` : ''} received:`;
}

const CHECKS: UnitKind<CheckDefinition> = {
  folder: 'checks',
  from: "the check's definition in conformance/checks/",
  units: ALL_CHECKS,
  index: () => [
    '# Checks',
    'Every response statuslint sees is judged by these checks. MUST-level findings make a target non-conformant; SHOULD-level findings are reported and fail `validate` unless `--fail-on must`.',
    table(
      ['Check', 'Level', 'What must hold'],
      [...ALL_CHECKS].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [unitLink(c), c.level, cell(c.description)]),
    ),
  ],
  facts: (check) => ({
    Level: check.level,
    Scope: check.scope,
    'Body kinds': bodyKindsFact(check.bodyKinds),
  }),
  sections: (check) => [
    '## Example',
    'This response:',
    expectedBy(check),
    fence('http', responseLines(check)),
    ...findingsSections(exampleResult(check), '`pointer`'),
  ],
};

export const checkPages = (): GeneratedPage[] => unitPages(CHECKS);
