import { field, isStatusShaped, statusNumber, stringOf, writesKey } from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { editable, type Fixer, replaceValue } from './util/fixes.js';
import { catalogsFor } from './util/settings.js';
import { resolverFor } from './util/values.js';

const KEYS = new Set(['reason', 'code']);
// A status code with many reasons (400, 500) would drown the real choice in suggestions.
const MAX_REASON_SUGGESTIONS = 4;

export default createRule({
  name: 'reason-code-match',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a `Status` object\'s `code` to be the HTTP status its `reason` goes with.',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [] as [],
    messages: {
      reasonCodeMismatch:
        'The reason `{{reason}}` goes with {{expected}}, but `code` is {{code}}: clients act on the reason and see a different error than the status says.',
      useReasonCode: 'Change `code` to {{expected}}.',
      useReasonForCode: 'Change `reason` to `{{reason}}`, which goes with {{code}}.',
    },
  },
  create(context) {
    const resolver = resolverFor(context);
    return {
      ObjectExpression(node) {
        if (!writesKey(node, KEYS)) return;
        const object = resolver.object(node);
        if (!object || !isStatusShaped(resolver, object)) return;
        const reason = field(resolver, object, 'reason');
        const code = field(resolver, object, 'code');
        const reasonValue = stringOf(reason);
        const codeValue = statusNumber(code);
        // The empty reason means "unknown": clients fall back to the code, so any code goes.
        if (!reason || !code || !reasonValue || codeValue === undefined) return;
        // Reported where it is written: a shared base spread into this object is checked on its own.
        if (reason.property.inherited && code.property.inherited) return;
        const index = catalogsFor(context).status;
        const entry = index.errorCode(reasonValue);
        if (!entry || entry.httpStatus === null || entry.httpStatus === codeValue) return;
        const expected = entry.httpStatus;
        const where = code.property.inherited ? reason.property.property : code.property.property;
        const reasonProperty = reason.property;
        const codeProperty = code.property;
        context.report({
          node: where ?? node,
          messageId: 'reasonCodeMismatch',
          data: { reason: reasonValue, expected, code: codeValue },
          suggest: [
            ...(editable(codeProperty)
              ? [{ messageId: 'useReasonCode' as const, data: { expected }, fix: (fixer: Fixer) => replaceValue(resolver, fixer, codeProperty, expected) }]
              : []),
            ...(editable(reasonProperty)
              ? index
                  .codesForStatus(codeValue)
                  .slice(0, MAX_REASON_SUGGESTIONS)
                  .map((other) => ({
                    messageId: 'useReasonForCode' as const,
                    data: { reason: other.code, code: codeValue },
                    fix: (fixer: Fixer) => replaceValue(resolver, fixer, reasonProperty, other.code),
                  }))
              : []),
          ],
        });
      },
    };
  },
});
