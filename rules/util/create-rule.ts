import type { TSESLint } from '@typescript-eslint/utils';
import { applyDefault, RuleCreator, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** What statuslint adds to each rule's `meta.docs`; the rules table and doc headers are generated from it. */
export interface StatuslintDocs {
  description: string;
  /** The rule reads type information when the parser provides it, but never needs it. */
  usesTypeInformation?: boolean;
}

// Only the eslint-utils entry point: the package root pulls in ESLint's own classes and typescript-estree,
// which editors would pay for on every keystroke.
const ruleCreator = RuleCreator<StatuslintDocs>((name) => `https://github.com/statuslint/statuslint/blob/main/docs/rules/${name}.md`);

/**
 * A rule with its docs URL bound. The default options are merged once per set of user options
 * rather than deep-cloned for every file linted, which on a large project cost as much as the
 * rules' own work.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<RuleWithMetaAndName<Options, MessageIds, StatuslintDocs>>,
): TSESLint.RuleModule<MessageIds, Options, StatuslintDocs> & { name: string } {
  const rule = ruleCreator(spec);
  const defaults = (spec.meta.defaultOptions ?? []) as Options;
  let last: { given: readonly unknown[]; merged: Options } | undefined;
  return {
    ...rule,
    create(context) {
      if (!last || !sameOptions(last.given, context.options)) {
        last = { given: context.options, merged: Object.freeze(applyDefault(defaults, context.options as Options)) as Options };
      }
      return spec.create(context, last.merged);
    },
  };
}

/** Options are arrays of flat JSON objects (the schemas say so): one level of comparison suffices. */
function sameOptions(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) if ((x as Record<string, unknown>)[key] !== (y as Record<string, unknown>)[key]) return false;
  }
  return true;
}
