import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
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
import { type ObjectValue, type Resolver, resolverFor, unwrap } from './util/values.js';

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
    const judge: Judge = { context, resolver: resolverFor(context), requireMessage: options.requireMessage !== false };
    return {
      ObjectExpression(node) {
        if (!writesKey(node, KEYS)) return;
        const subject = statusObjectOf(judge.resolver, node);
        if (!subject) return;
        for (const check of CHECKS) check(judge, subject);
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

/** What every check reports with. */
interface Judge {
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>;
  resolver: Resolver;
  requireMessage: boolean;
}

/** A `Status`-shaped object literal, with the fields several checks read. */
interface StatusObject {
  node: TSESTree.ObjectExpression;
  object: ObjectValue;
  kind: Field | undefined;
  isStatusKind: boolean;
  status: Field | undefined;
  statusValue: string | undefined;
  code: Field | undefined;
  codeValue: number | undefined;
  /**
   * Only a whole `Status` can miss something: a base meant to be spread is partial on purpose, and a
   * bare `{ reason, code }` may be an argument to a helper that adds the rest.
   */
  judgeMissing: boolean;
}

function statusObjectOf(resolver: Resolver, node: TSESTree.ObjectExpression): StatusObject | undefined {
  const object = resolver.object(node);
  if (!object || !isStatusShaped(resolver, object)) return undefined;
  const kind = field(resolver, object, 'kind');
  const isStatusKind = stringOf(kind) === 'Status';
  const status = field(resolver, object, 'status');
  const code = field(resolver, object, 'code');
  return {
    node,
    object,
    kind,
    isStatusKind,
    status,
    statusValue: stringOf(status),
    code,
    codeValue: statusNumber(code),
    judgeMissing: isStatusKind && object.complete && !resolver.isSpreadBase(node),
  };
}

/** One thing a `Status` must get right: reports it on the object when it does not. */
type StatusCheck = (judge: Judge, subject: StatusObject) => void;

/** A fix setting `status` to a value, where the property can be edited. */
function statusEdit(resolver: Resolver, status: Field | undefined, value: string): ((fixer: Fixer) => TSESLint.RuleFix) | undefined {
  const property = status?.property;
  return editable(property) ? (fixer: Fixer) => replaceValue(resolver, fixer, property, value) : undefined;
}

/** `code: "404"`: clients decode a number. */
const codeIsNumber: StatusCheck = ({ context, resolver }, { node, code, codeValue }) => {
  if (!code || code.property.inherited || code.value.kind !== 'string' || codeValue === undefined) return;
  const property = code.property;
  context.report({
    node: property.property ?? node,
    messageId: 'codeNotNumber',
    data: { value: code.value.value },
    ...(editable(property) && isWrittenText(property.node) ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, codeValue) } : {}),
  });
};

/** `status` other than `Success` or `Failure`: fixed when only its case is wrong, else suggested. */
const statusIsOneOfTwoWords: StatusCheck = ({ context, resolver }, { node, status, statusValue, codeValue }) => {
  if (!status || statusValue === undefined || statusValue === STATUS_SUCCESS || statusValue === STATUS_FAILURE) return;
  if (status.property.inherited) return;
  const folded = [STATUS_SUCCESS, STATUS_FAILURE].find((s) => s.toLowerCase() === statusValue.toLowerCase());
  const property = status.property;
  const certain = folded !== undefined && editable(property) && isWrittenText(property.node);
  const toFailure = statusEdit(resolver, status, STATUS_FAILURE);
  const toSuccess = statusEdit(resolver, status, STATUS_SUCCESS);
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
};

/** `status: "Success"` with an error code, where either is written here. */
const successHasNoErrorCode: StatusCheck = ({ context, resolver }, { node, status, statusValue, code, codeValue }) => {
  if (!status || statusValue !== STATUS_SUCCESS || !isErrorCode(codeValue)) return;
  const direct = !status.property.inherited;
  if (!direct && code?.property.inherited) return;
  const toFailure = statusEdit(resolver, status, STATUS_FAILURE);
  context.report({
    node: (direct ? status.property.property : code?.property.property) ?? node,
    messageId: 'successWithErrorCode',
    data: { code: codeValue },
    suggest: toFailure ? [{ messageId: 'useFailure', fix: toFailure }] : [],
  });
};

/** `status: "Failure"` with a 2xx code: suggests the code the catalog gives the reason, or `Success`. */
const failureHasAnErrorCode: StatusCheck = ({ context, resolver }, { node, object, status, statusValue, code, codeValue }) => {
  if (!status || statusValue !== STATUS_FAILURE || !isSuccessCode(codeValue) || !code) return;
  if (status.property.inherited && code.property.inherited) return;
  const reasonValue = stringOf(field(resolver, object, 'reason'));
  const reasonCode = reasonValue ? catalogsFor(context).status.errorCode(reasonValue)?.httpStatus : undefined;
  const codeProperty = code.property;
  const toSuccess = statusEdit(resolver, status, STATUS_SUCCESS);
  context.report({
    node: (code.property.inherited ? status.property.property : code.property.property) ?? node,
    messageId: 'failureWithSuccessCode',
    data: { code: codeValue },
    suggest: [
      ...(reasonValue && isErrorCode(reasonCode ?? undefined) && editable(codeProperty)
        ? [{
          messageId: 'useCode' as const,
          data: { code: reasonCode ?? '', reason: reasonValue },
          fix: (fixer: Fixer) => replaceValue(resolver, fixer, codeProperty, reasonCode ?? 0),
        }]
        : []),
      ...(toSuccess ? [{ messageId: 'useSuccess' as const, fix: toSuccess }] : []),
    ],
  });
};

/** A whole `Status` with an error code and no `status`: clients may not treat it as an error. */
const errorSaysFailure: StatusCheck = ({ context, resolver }, { node, object, kind, status, codeValue, judgeMissing }) => {
  if (status || !judgeMissing || !isErrorCode(codeValue)) return;
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
};

/** A whole `Status` without `apiVersion`: added after `kind` where `kind` is written here. */
const apiVersionIsPresent: StatusCheck = ({ context, resolver }, { node, object, kind, isStatusKind, judgeMissing }) => {
  if (!isStatusKind || !kind || !judgeMissing || field(resolver, object, 'apiVersion')) return;
  const kindProperty = kind.property.inherited ? undefined : kind.property.property;
  const text = `apiVersion: ${quote(STATUS_API_VERSION, quoteOf(resolver, kindProperty?.value ?? node))}`;
  context.report({
    node: kindProperty ?? node,
    messageId: 'missingApiVersion',
    ...(kindProperty ? { fix: (fixer: Fixer) => insertPropertyAfter(resolver, fixer, kindProperty, text) } : {}),
  });
};

/** An `apiVersion` written here other than `v1`. */
const apiVersionIsV1: StatusCheck = ({ context, resolver }, { node, object, kind, isStatusKind }) => {
  if (!isStatusKind || !kind) return;
  const apiVersion = field(resolver, object, 'apiVersion');
  if (!apiVersion || apiVersion.property.inherited) return;
  const value = stringOf(apiVersion);
  if (value === undefined || value === STATUS_API_VERSION) return;
  const property = apiVersion.property;
  context.report({
    node: property.property ?? node,
    messageId: 'wrongApiVersion',
    data: { value },
    ...(editable(property) && isWrittenText(property.node) ? { fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, STATUS_API_VERSION) } : {}),
  });
};

/** A whole failure `Status` (by its `status`, or by its code without one) with no or an empty `message`. */
const failureHasMessage: StatusCheck = ({ context, resolver, requireMessage }, { node, object, status, statusValue, codeValue, judgeMissing }) => {
  const failure = statusValue === STATUS_FAILURE || (!status && isErrorCode(codeValue));
  if (!requireMessage || !failure || !judgeMissing) return;
  const message = field(resolver, object, 'message');
  if (!message) {
    context.report({ node, messageId: 'missingMessage' });
  } else if (!message.property.inherited && stringOf(message)?.trim() === '') {
    context.report({ node: message.property.property ?? node, messageId: 'missingMessage' });
  }
};

/** In this order: ESLint keeps the order of reports at one place, and the rule has always reported so. */
const CHECKS: readonly StatusCheck[] = [
  codeIsNumber,
  statusIsOneOfTwoWords,
  successHasNoErrorCode,
  failureHasAnErrorCode,
  errorSaysFailure,
  apiVersionIsPresent,
  apiVersionIsV1,
  failureHasMessage,
];
