import type { TSESTree } from '@typescript-eslint/utils';
import type { ProfileIndex } from '../schemas/catalog.js';
import { field, isStatusShaped, isSuccessStatus, placeName, statusNumber, stringOf, writesKey } from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { editable, type Fixer, replaceValue } from './util/fixes.js';
import { isCorrection } from './util/naming.js';
import { catalogsFor } from './util/settings.js';
import { type Property, resolverFor, unwrap } from './util/values.js';

const KEYS = new Set(['reason']);
const MAX_SUGGESTIONS = 4;

/** " Did you mean `A` or `B`?" */
function didYouMean(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const names = candidates.map((c) => `\`${c}\``);
  const last = names.pop();
  return ` Did you mean ${names.length > 0 ? `${names.join(', ')} or ${last}` : last}?`;
}

/**
 * The one certain correction: a misspelling the catalog records, or the only code that differs in
 * case alone (`Notfound`). Anything else is a guess and only suggested.
 */
function certainCorrection(index: ProfileIndex, place: 'status-reason' | 'status-cause-reason', value: string): string | undefined {
  const entries = index.entries(place);
  const recorded = entries.find((e) => e.misspellings?.includes(value));
  if (recorded) return recorded.code;
  const folded = entries.filter((e) => e.code !== '' && e.code.toLowerCase() === value.toLowerCase());
  return folded.length === 1 ? folded[0]?.code : undefined;
}

/** Known misspellings first, then slips of the keyboard: never another reason that shares a word. */
function corrections(index: ProfileIndex, place: 'status-reason' | 'status-cause-reason', value: string): string[] {
  const recorded = index.entries(place).some((e) => e.misspellings?.includes(value));
  return index
    .suggest(value, place)
    .filter((candidate) => recorded || isCorrection(value, candidate))
    .slice(0, MAX_SUGGESTIONS);
}

const isWrittenText = (node: TSESTree.Node): boolean => {
  const inner = unwrap(node);
  return (inner.type === 'Literal' && typeof inner.value === 'string') || inner.type === 'TemplateLiteral';
};

/** `{ reason }` inside `details.causes: [...]`. */
function isCause(node: TSESTree.ObjectExpression): boolean {
  const array = node.parent;
  const property = array?.type === 'ArrayExpression' ? array.parent : undefined;
  return property?.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'causes';
}

export default createRule({
  name: 'valid-reason',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a failure `Status` object\'s `reason` to be an API reason of the catalog, not a typo or a pod or container reason.',
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    defaultOptions: [] as [],
    messages: {
      unknownReason:
        '`{{reason}}` is not a failure `Status.reason` of the `{{profile}}` catalog: clients treat the failure as one they do not know.{{didYouMean}}',
      workloadReason:
        '`{{reason}}` is a {{place}}, not an API `Status.reason`: clients treat the failure as one they do not know.{{didYouMean}}',
      unknownCauseReason: '`{{reason}}` is not a cause type of the `{{profile}}` catalog.{{didYouMean}}',
      replaceReason: 'Replace with `{{reason}}`.',
    },
  },
  create(context) {
    const resolver = resolverFor(context);

    function report(
      property: Property,
      messageId: 'unknownReason' | 'workloadReason' | 'unknownCauseReason',
      data: Record<string, string>,
      candidates: string[],
      certain: string | undefined,
    ): void {
      const canEdit = editable(property);
      context.report({
        node: property.property ?? property.node ?? context.sourceCode.ast,
        messageId,
        data: { ...data, didYouMean: didYouMean(candidates) },
        ...(canEdit && certain !== undefined && isWrittenText(property.node) ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, certain) } : {}),
        suggest: canEdit
          ? candidates.map((candidate) => ({
              messageId: 'replaceReason' as const,
              data: { reason: candidate },
              fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, candidate),
            }))
          : [],
      });
    }

    return {
      ObjectExpression(node) {
        if (!writesKey(node, KEYS)) return;
        const object = resolver.object(node);
        if (!object) return;
        const reason = field(resolver, object, 'reason');
        const value = stringOf(reason);
        if (!reason || reason.property.inherited || !value) return;
        const index = catalogsFor(context).status;
        const profile = index.profile.name;

        if (isCause(node)) {
          if (index.entry('status-cause-reason', value)) return;
          // Cause types are open-ended; only a near miss of a known one is worth a report.
          const candidates = corrections(index, 'status-cause-reason', value);
          if (candidates.length === 0) return;
          report(reason.property, 'unknownCauseReason', { reason: value, profile }, candidates, certainCorrection(index, 'status-cause-reason', value));
          return;
        }

        if (!isStatusShaped(resolver, object) || index.errorCode(value)) return;
        // Nothing reads the reason of a success (`reason: 'Deleted'` on a 200): only failures are acted on.
        if (isSuccessStatus(resolver, object)) return;
        const workload = index.workloadReason(value);
        if (workload) {
          const code = statusNumber(field(resolver, object, 'code'));
          const candidates = code === undefined ? [] : index.codesForStatus(code).map((e) => e.code).slice(0, MAX_SUGGESTIONS);
          report(reason.property, 'workloadReason', { reason: value, place: placeName(workload.appearsIn) }, candidates, undefined);
          return;
        }
        const candidates = corrections(index, 'status-reason', value);
        report(reason.property, 'unknownReason', { reason: value, profile }, candidates, certainCorrection(index, 'status-reason', value));
      },
    };
  },
});
