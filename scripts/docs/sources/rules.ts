/**
 * `docs/rules/`: the rules table, and the generated sections of each rule's page (its header and
 * its options and messages) from the rules' metadata and the configs. The prose between the
 * sections is written by hand and kept as it is; its examples are linted by
 * test/rules/docs-examples.test.ts.
 */
import { type ConfigName, configRules, type RuleName, rules, testFiles } from '../../../rules/index.js';
import { cell, fence, table } from '../markdown.js';
import type { Block, DocPage, MarkedSection } from '../page.js';

interface JsonSchemaProperty {
  type?: string;
  enum?: string[];
  description?: string;
}

type Severity = 'error' | 'warn';

const MARKS: Record<Severity, string> = { error: '💼', warn: '⚠️' };

const CONFIG_NAMES = Object.keys(configRules) as ConfigName[];

const ruleNames = (): RuleName[] => (Object.keys(rules) as RuleName[]).sort();

const docsOf = (name: RuleName): { description: string; usesTypeInformation?: boolean } => rules[name].meta.docs ?? { description: '' };

/** How a config sets a rule, if it does. */
function severity(name: RuleName, config: ConfigName): Severity | undefined {
  const entry = configRules[config][`statuslint/${name}`];
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === 'error' || level === 2) return 'error';
  if (level === 'warn' || level === 1) return 'warn';
  return undefined;
}

/** "An error in the `strict`, `kubernetes` configs.", or nothing when no config sets the rule so. */
function configsLine(name: RuleName, wanted: Severity, sentence: string): Block {
  const configs = CONFIG_NAMES.filter((config) => severity(name, config) === wanted).map((config) => `\`${config}\``);
  return configs.length > 0 ? `${sentence} ${configs.join(', ')} config${configs.length > 1 ? 's' : ''}.` : undefined;
}

function header(name: RuleName): MarkedSection {
  const { meta } = rules[name];
  return {
    name: 'rule header',
    where: 'top',
    blocks: [
      `# \`statuslint/${name}\``,
      docsOf(name).description,
      configsLine(name, 'error', '💼 An error in the'),
      configsLine(name, 'warn', '⚠️ A warning in the'),
      meta.fixable ? '🔧 Some problems are fixed by `eslint --fix`: only where the correction is certain.' : undefined,
      meta.hasSuggestions ? '💡 Some problems come with editor suggestions.' : undefined,
      docsOf(name).usesTypeInformation ? '💭 Uses type information when the parser provides it, and works without it.' : undefined,
    ],
  };
}

function optionsTable(name: RuleName): string {
  const { meta } = rules[name];
  const schema = (meta.schema as unknown as ReadonlyArray<{ properties?: Record<string, JsonSchemaProperty> }>)[0];
  if (!schema?.properties) return 'None.';
  const defaults = ((meta as { defaultOptions?: Array<Record<string, unknown>> }).defaultOptions ?? [])[0] ?? {};
  const rows = Object.entries(schema.properties).map(([option, property]) => {
    const type = property.enum ? property.enum.map((v) => `\`"${v}"\``).join(' \\| ') : `\`${property.type ?? 'unknown'}\``;
    const fallback = defaults[option];
    return [`\`${option}\``, type, fallback === undefined ? '—' : `\`${JSON.stringify(fallback)}\``, cell(property.description ?? '')];
  });
  return table(['Option', 'Type', 'Default', 'Description'], rows);
}

function reference(name: RuleName): MarkedSection {
  const messages = Object.entries(rules[name].meta.messages as Record<string, string>);
  return {
    name: 'rule reference',
    where: 'bottom',
    blocks: [
      '## Options',
      optionsTable(name),
      '## Messages',
      'Each report has a message id (`messageId` in `eslint --format json`); `{{…}}` are filled in from the code.',
      table(['Message id', 'Text'], messages.map(([id, text]) => [`\`${id}\``, cell(text)])),
    ],
  };
}

function ruleRow(name: RuleName): string[] {
  const { meta } = rules[name];
  const marks = CONFIG_NAMES.map((config) => {
    const level = severity(name, config);
    return level ? MARKS[level] : '';
  });
  return [`[\`${name}\`](${name}.md)`, cell(docsOf(name).description), ...marks, meta.fixable ? '🔧' : '', meta.hasSuggestions ? '💡' : ''];
}

function readme(): Block[] {
  return [
    '# ESLint rules',
    'The statuslint ESLint plugin finds wrong API errors where they are written: a `Status` whose `code` does not go with its `reason`, a handler that sends 409 with a body that says 404, a 429 with no `Retry-After`. Every code, pairing and "did you mean" comes from [the catalog](../catalog.md).',
    fence('js', ['// eslint.config.js', "import statuslint from 'statuslint/eslint-plugin';", '', 'export default [statuslint.configs.recommended];']),
    "It runs on ESLint 9 and 10 with flat config (the end-to-end test lints its fixture project with both and expects the same reports), on JavaScript and, with `typescript-eslint`'s parser, TypeScript. Values resolve through literals, template literals, `const` bindings, `as const` objects, enums, object spreads, small factories and helpers, of the file or imported from the project by a relative path (evaluated at each call with the arguments it passes, reported at the call), Express's `next({ status, ... })` and the status constants of well-known packages (NestJS's `HttpStatus` and built-in exceptions, `http-status-codes`, `http-status`, Node's `http.STATUS_CODES`); with type information, through constants imported from other modules too. A value the code cannot know statically (a function argument, a status set in one branch) is never guessed: no report.",
    '## Rules',
    '💼 error, ⚠️ warning in a config; 🔧 fixable with `--fix`; 💡 editor suggestions.',
    table(['Rule', 'Description', ...CONFIG_NAMES.map((c) => `\`${c}\``), '🔧', '💡'], ruleNames().map(ruleRow)),
    '## Configs',
    table(
      ['Config', 'What it is for'],
      [
        ['`recommended`', 'Certain bugs as errors, judgement calls (envelope codes, retry guidance) as warnings.'],
        ['`strict`', 'Every rule as an error; envelopes must carry a request id, failures a message and every 503 a `Retry-After`.'],
        ['`kubernetes`', 'APIs that answer with Kubernetes `Status` objects; sets the `kubernetes` profile.'],
        ['`envelope`', 'APIs that answer with a JSON error envelope; sets the `envelope` profile and requires request ids.'],
        ['`problem`', 'APIs that answer with RFC 9457 problem details; sets the `problem` profile.'],
      ],
    ),
    `Every config leaves tests, mocks and end-to-end specs out (${testFiles.map((glob) => `\`${glob}\``).join(', ')}): they send wrong errors on purpose or stand in for another server. A config applies to the files the rest of your config lints, less those, and never adds files of its own. To lint tests too, spread a config and empty its \`ignores\`:`,
    fence('js', ['export default [{ ...statuslint.configs.recommended, ignores: [] }];']),
    '## Settings',
    '`settings.statuslint.profile` chooses the catalog: `kubernetes` (the default), `envelope`, `problem`, or the path of a profile file of your own (JSON or YAML, see [the catalog](../catalog.md)), relative to the directory ESLint runs in. A profile of your own with a `kubernetes-status` body replaces the reasons `Status` objects are judged by; one with an `envelope` body replaces the envelope codes and field names, and makes every code not in it a finding.',
    fence('js', ['export default [', '  statuslint.configs.recommended,', "  { settings: { statuslint: { profile: './api/errors.profile.yaml' } } },", '];']),
  ];
}

export function rulePages(): DocPage[] {
  return [
    { path: 'docs/rules/README.md', from: "the rules' metadata in rules/", blocks: readme() },
    ...ruleNames().map((name) => ({
      path: `docs/rules/${name}.md`,
      from: "the rule's metadata",
      owner: 'the rule',
      draft: '## Rule details\n\nTo be written.\n',
      sections: [header(name), reference(name)],
    })),
  ];
}
