/**
 * The statuslint ESLint plugin (`statuslint/eslint-plugin`), for flat config on ESLint 9 and 10:
 *
 *     import statuslint from 'statuslint/eslint-plugin';
 *     export default [statuslint.configs.recommended];
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { toolVersion } from '../schemas/paths.js';
import envelopeCodeMatch from './envelope-code-match.js';
import httpStatusMatchesBody from './http-status-matches-body.js';
import reasonCodeMatch from './reason-code-match.js';
import retryAfter from './retry-after.js';
import statusConsistency from './status-consistency.js';
import statusFieldMatch from './status-field-match.js';
import validReason from './valid-reason.js';

export const rules = {
  'envelope-code-match': envelopeCodeMatch,
  'http-status-matches-body': httpStatusMatchesBody,
  'reason-code-match': reasonCodeMatch,
  'retry-after': retryAfter,
  'status-consistency': statusConsistency,
  'status-field-match': statusFieldMatch,
  'valid-reason': validReason,
} as const;

export type RuleName = keyof typeof rules;
export type ConfigName = 'recommended' | 'strict' | 'kubernetes' | 'envelope' | 'problem';

type RuleEntry = TSESLint.SharedConfig.RuleEntry;
type Rules = Partial<Record<`statuslint/${RuleName}`, RuleEntry>>;

/** What each config turns on. `recommended`: certain bugs as errors, judgement calls as warnings. */
export const configRules: Readonly<Record<ConfigName, Rules>> = {
  recommended: {
    'statuslint/status-field-match': 'error',
    'statuslint/reason-code-match': 'error',
    'statuslint/valid-reason': 'error',
    'statuslint/http-status-matches-body': 'error',
    'statuslint/status-consistency': ['error', { requireMessage: false }],
    'statuslint/envelope-code-match': 'warn',
    'statuslint/retry-after': 'warn',
  },
  strict: {
    'statuslint/status-field-match': 'error',
    'statuslint/reason-code-match': 'error',
    'statuslint/valid-reason': 'error',
    'statuslint/http-status-matches-body': 'error',
    'statuslint/status-consistency': 'error',
    'statuslint/envelope-code-match': ['error', { requireRequestId: true }],
    'statuslint/retry-after': ['error', { statusAlone: true }],
  },
  kubernetes: {
    'statuslint/status-field-match': 'error',
    'statuslint/reason-code-match': 'error',
    'statuslint/valid-reason': 'error',
    'statuslint/http-status-matches-body': 'error',
    'statuslint/status-consistency': 'error',
    'statuslint/retry-after': 'error',
  },
  envelope: {
    'statuslint/status-field-match': 'error',
    'statuslint/http-status-matches-body': 'error',
    'statuslint/envelope-code-match': ['error', { requireRequestId: true }],
    'statuslint/retry-after': 'error',
  },
  problem: {
    'statuslint/status-field-match': 'error',
    'statuslint/http-status-matches-body': 'error',
    'statuslint/retry-after': 'error',
  },
};

/**
 * Files every config leaves out: tests, mocks and end-to-end specs seed wrong errors on purpose or
 * stand in for another server. Lint them too with `{ ...statuslint.configs.recommended, ignores: [] }`.
 * No `test/` folder: a project's fixtures of real handlers often live there.
 */
export const testFiles: readonly string[] = [
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/__fixtures__/**',
  '**/cypress/**',
  '**/*.{test,spec,cy,e2e,mock}.*',
];

/** The profile a config judges by (`settings.statuslint.profile`); the others keep the default. */
const configProfiles: Partial<Record<ConfigName, string>> = { kubernetes: 'kubernetes', envelope: 'envelope', problem: 'problem' };

interface StatuslintPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: StatuslintPlugin = {
  meta: { name: 'statuslint/eslint-plugin', version: toolVersion() },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

for (const name of Object.keys(configRules) as ConfigName[]) {
  const profile = configProfiles[name];
  plugin.configs[name] = {
    name: `statuslint/${name}`,
    // `ignores` beside other keys and no `files`: the config applies to every file the rest of
    // the user's config lints, less these, and never makes ESLint lint more files than it did.
    ignores: [...testFiles],
    plugins: { statuslint: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: configRules[name],
    ...(profile ? { settings: { statuslint: { profile } } } : {}),
  };
}

export default plugin;
