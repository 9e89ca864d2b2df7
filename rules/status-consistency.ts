import type { TSESTree } from '@typescript-eslint/utils';
import {
  field,
  type Field,
  isStatusShaped,
  STATUS_FAILURE,
  STATUS_SUCCESS,
  statusNumber,
  stringOf,
  writesKey,
} from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { editable, type Fixer, insertPropertyAfter, insertPropertyFirst, quote, quoteOf, replaceValue } from './util/fixes.js';
import { catalogsFor } from './util/settings.js';
import { resolverFor, unwrap } from './util/values.js';

const KEYS = new Set(['kind', 'apiVersion', 'status', 'code', 'reason', 'message']);
// Status is served by the core API group at v1, and nowhere else.
const STATUS_API_VERSION = 'v1';

type Options = [{ requireMessage?: boolean }];

const isErrorCode = (code: number | undefined): code is number => code !== undefined && code >= 400;
const isSuccessCode = (code: number | undefined): code is number => code !== undefined && code >= 200 && code < 300;

const isWrittenText = (node: TSESTree.Node): boolean => {
  const inner = unwrap(node);
  return (inner.type === 'Literal' && typeof inner.value === 'string') || inner.type === 'TemplateLiteral';
};

export default createRule<Options, MessageIds>({
  name: 'status-consistency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a `Status` object to agree with itself: `status` with `code`, `apiVersion: "v1"`, a numeric `code` and a `message` on failures.',
      usesTypeInformation: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          requireMessage: { type: 'boolean', description: 'Report a failure `Status` without a `message`.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireMessage: true }],
    messages: {
      invalidStatus: '`status` must be `"Success"` or `"Failure"`, not `{{value}}`: clients compare it exactly.',
      successWithErrorCode: 'A `Status` with `status: "Success"` must not carry the error code {{code}}.',
      failureWithSuccessCode: 'A `Status` with `status: "Failure"` must carry an error code, not {{code}}.',
      missingStatus: 'A `Status` with the error code {{code}} must say `status: "Failure"`; without it clients may not treat it as an error.',
      missingApiVersion: 'A `Status` must have `apiVersion: "v1"`; clients decode by `kind` and `apiVersion` together.',
      wrongApiVersion: '`Status` is served as `apiVersion: "v1"`, not `{{value}}`.',
      codeNotNumber: '`code` must be a number; clients fail to decode the string `{{value}}`.',
      missingMessage: 'A failure `Status` should have a non-empty `message` saying what went wrong.',
      useFailure: 'Change `status` to `"Failure"`.',
      useSuccess: 'Change `status` to `"Success"`.',
      useCode: 'Change `code` to {{code}}, which goes with `{{reason}}`.',
      addFailure: 'Add `status: "Failure"`.',
    },
  },
  create(context, [options]) {
    const resolver = resolverFor(context);
    const requireMessage = options.requireMessage !== false;

    const statusEdit = (status: Field | undefined, value: string) => {
      const property = status?.property;
      return editable(property) ? (fixer: Fixer) => replaceValue(resolver, fixer, property, value) : undefined;
    };

    return {
      ObjectExpression(node) {
        if (!writesKey(node, KEYS)) return;
        const object = resolver.object(node);
        if (!object || !isStatusShaped(resolver, object)) return;
        const kind = field(resolver, object, 'kind');
        const isStatusKind = stringOf(kind) === 'Status';
        const status = field(resolver, object, 'status');
        const statusValue = stringOf(status);
        const code = field(resolver, object, 'code');
        const codeValue = statusNumber(code);
        const reasonValue = stringOf(field(resolver, object, 'reason'));
        // Only a whole `Status` can miss something: a base meant to be spread is partial on purpose,
        // and a bare `{ reason, code }` may be an argument to a helper that adds the rest.
        const judgeMissing = isStatusKind && object.complete && !resolver.isSpreadBase(node);

        if (code && !code.property.inherited && code.value.kind === 'string' && codeValue !== undefined) {
          const property = code.property;
          context.report({
            node: property.property ?? node,
            messageId: 'codeNotNumber',
            data: { value: code.value.value },
            ...(editable(property) && isWrittenText(property.node) ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, codeValue) } : {}),
          });
        }

        if (status && statusValue !== undefined) {
          const direct = !status.property.inherited;
          if (statusValue !== STATUS_SUCCESS && statusValue !== STATUS_FAILURE) {
            if (direct) {
              const folded = [STATUS_SUCCESS, STATUS_FAILURE].find((s) => s.toLowerCase() === statusValue.toLowerCase());
              const property = status.property;
              const certain = folded !== undefined && editable(property) && isWrittenText(property.node);
              const toFailure = statusEdit(status, STATUS_FAILURE);
              const toSuccess = statusEdit(status, STATUS_SUCCESS);
              context.report({
                node: property.property ?? node,
                messageId: 'invalidStatus',
                data: { value: statusValue },
                ...(certain && folded ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property as Parameters<typeof replaceValue>[2], folded) } : {}),
                suggest:
                  certain || !toFailure || !toSuccess
                    ? []
                    : isErrorCode(codeValue)
                      ? [{ messageId: 'useFailure', fix: toFailure }]
                      : [
                          { messageId: 'useFailure', fix: toFailure },
                          { messageId: 'useSuccess', fix: toSuccess },
                        ],
              });
            }
          } else if (statusValue === STATUS_SUCCESS && isErrorCode(codeValue) && (direct || !code?.property.inherited)) {
            const toFailure = statusEdit(status, STATUS_FAILURE);
            context.report({
              node: (direct ? status.property.property : code?.property.property) ?? node,
              messageId: 'successWithErrorCode',
              data: { code: codeValue },
              suggest: toFailure ? [{ messageId: 'useFailure', fix: toFailure }] : [],
            });
          } else if (statusValue === STATUS_FAILURE && isSuccessCode(codeValue) && code && (direct || !code.property.inherited)) {
            const entry = reasonValue ? catalogsFor(context).status.errorCode(reasonValue) : undefined;
            const reasonCode = entry?.httpStatus;
            const codeProperty = code.property;
            const toSuccess = statusEdit(status, STATUS_SUCCESS);
            context.report({
              node: (code.property.inherited ? status.property.property : code.property.property) ?? node,
              messageId: 'failureWithSuccessCode',
              data: { code: codeValue },
              suggest: [
                ...(reasonValue && isErrorCode(reasonCode ?? undefined) && editable(codeProperty)
                  ? [{ messageId: 'useCode' as const, data: { code: reasonCode ?? '', reason: reasonValue }, fix: (fixer: Fixer) => replaceValue(resolver, fixer, codeProperty, reasonCode ?? 0) }]
                  : []),
                ...(toSuccess ? [{ messageId: 'useSuccess' as const, fix: toSuccess }] : []),
              ],
            });
          }
        } else if (!status && judgeMissing && isErrorCode(codeValue)) {
          const anchor = [field(resolver, object, 'apiVersion'), kind].find((f) => f && !f.property.inherited)?.property.property;
          const text = `status: ${quote(STATUS_FAILURE, quoteOf(resolver, anchor?.value ?? node))}`;
          context.report({
            node,
            messageId: 'missingStatus',
            data: { code: codeValue },
            suggest: [
              {
                messageId: 'addFailure',
                fix: (fixer: Fixer) => (anchor ? insertPropertyAfter(resolver, fixer, anchor, text) : insertPropertyFirst(resolver, fixer, node, text)),
              },
            ],
          });
        }

        if (isStatusKind && kind) {
          const apiVersion = field(resolver, object, 'apiVersion');
          if (!apiVersion && judgeMissing) {
            const kindProperty = kind.property.inherited ? undefined : kind.property.property;
            const text = `apiVersion: ${quote(STATUS_API_VERSION, quoteOf(resolver, kindProperty?.value ?? node))}`;
            context.report({
              node: kindProperty ?? node,
              messageId: 'missingApiVersion',
              ...(kindProperty ? { fix: (fixer: Fixer) => insertPropertyAfter(resolver, fixer, kindProperty, text) } : {}),
            });
          } else if (apiVersion && !apiVersion.property.inherited) {
            const value = stringOf(apiVersion);
            const property = apiVersion.property;
            if (value !== undefined && value !== STATUS_API_VERSION) {
              context.report({
                node: property.property ?? node,
                messageId: 'wrongApiVersion',
                data: { value },
                ...(editable(property) && isWrittenText(property.node) ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, STATUS_API_VERSION) } : {}),
              });
            }
          }
        }

        const failure = statusValue === STATUS_FAILURE || (!status && isErrorCode(codeValue));
        if (requireMessage && failure && judgeMissing) {
          const message = field(resolver, object, 'message');
          if (!message) {
            context.report({ node, messageId: 'missingMessage' });
          } else if (!message.property.inherited && stringOf(message)?.trim() === '') {
            context.report({ node: message.property.property ?? node, messageId: 'missingMessage' });
          }
        }
      },
    };
  },
});

type MessageIds =
  | 'invalidStatus'
  | 'successWithErrorCode'
  | 'failureWithSuccessCode'
  | 'missingStatus'
  | 'missingApiVersion'
  | 'wrongApiVersion'
  | 'codeNotNumber'
  | 'missingMessage'
  | 'useFailure'
  | 'useSuccess'
  | 'useCode'
  | 'addFailure';
