import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  envelopeCode,
  field,
  type Field,
  isProblemShaped,
  isStatusShaped,
  numberOf,
  STATUS_FAILURE,
  statusNumber,
  stringOf,
} from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { editableInBody, type Fixer, replaceValue, statusEdit } from './util/fixes.js';
import { responseListeners } from './util/helpers.js';
import { responseAt, type SentResponse } from './util/responses.js';
import { catalogsFor } from './util/settings.js';
import { type ObjectValue, type Resolver, resolverFor } from './util/values.js';

const MAX_SUGGESTIONS = 4;

type Options = [{ checkEnvelopeError?: boolean }];

interface Finding {
  messageId: MessageIds;
  data: Record<string, string | number>;
  /** The HTTP status that would agree with the body. */
  sendInstead?: number;
  /** The body field stating a status, which could take the one sent instead. */
  bodyField?: Field;
  /** The body's reason, which could change to one that goes with the status sent. */
  reason?: Field;
}
type MessageIds =
  | 'codeMismatch'
  | 'reasonMismatch'
  | 'problemStatusMismatch'
  | 'envelopeStatusMismatch'
  | 'envelopeErrorMismatch'
  | 'failureSentAsSuccess'
  | 'useHttpStatus'
  | 'useBodyStatus'
  | 'useReasonForStatus';

export default createRule<Options, MessageIds>({
  name: 'http-status-matches-body',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the HTTP status a handler sends to agree with the error body it sends.',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkEnvelopeError: {
            type: 'boolean',
            description: 'Also compare an envelope\'s error code with the HTTP status (envelope-code-match does so by default).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkEnvelopeError: false }],
    messages: {
      codeMismatch: 'The response is sent as HTTP {{status}}, but its `Status` says `code: {{code}}`.',
      reasonMismatch: 'The response is sent as HTTP {{status}}, but its reason `{{reason}}` goes with {{expected}}.',
      problemStatusMismatch: 'The response is sent as HTTP {{status}}, but its problem details say `status: {{bodyStatus}}`; they must be equal.',
      envelopeStatusMismatch: 'The response is sent as HTTP {{status}}, but its body says `{{field}}: {{bodyStatus}}`.',
      envelopeErrorMismatch: 'The response is sent as HTTP {{status}}, but its error code `{{code}}` goes with {{expected}}.',
      failureSentAsSuccess: 'The response is sent as HTTP {{status}}, but its body is a `Failure` `Status`: clients will take it for a success.',
      useHttpStatus: 'Send HTTP {{status}} instead.',
      useBodyStatus: 'Change the body\'s `{{field}}` to {{status}}.',
      useReasonForStatus: 'Change `reason` to `{{reason}}`, which goes with {{status}}.',
    },
  },
  create(context, [options]) {
    const fileResolver = resolverFor(context);
    const catalogs = catalogsFor(context);
    const reported = new Set<TSESTree.Node>();

    /** What disagrees, if anything: judged before any suggestion is built, since most responses agree. */
    function judge(object: ObjectValue, sent: number, resolver: Resolver): Finding | undefined {
      if (isStatusShaped(resolver, object)) {
        const code = field(resolver, object, 'code');
        const codeValue = statusNumber(code);
        if (codeValue !== undefined) {
          return codeValue === sent ? undefined : { messageId: 'codeMismatch', data: { status: sent, code: codeValue }, sendInstead: codeValue, bodyField: code };
        }
        if (code) return undefined;
        const reason = field(resolver, object, 'reason');
        const reasonValue = stringOf(reason);
        const entry = reasonValue ? catalogs.status.errorCode(reasonValue) : undefined;
        if (reasonValue && entry && entry.httpStatus !== null) {
          if (entry.httpStatus === sent) return undefined;
          return { messageId: 'reasonMismatch', data: { status: sent, reason: reasonValue, expected: entry.httpStatus }, sendInstead: entry.httpStatus, reason };
        }
        if (stringOf(field(resolver, object, 'status')) === STATUS_FAILURE && sent < 400) return { messageId: 'failureSentAsSuccess', data: { status: sent } };
        return undefined;
      }
      if (isProblemShaped(resolver, object)) {
        const bodyStatus = field(resolver, object, 'status');
        const value = numberOf(bodyStatus);
        if (value === undefined || value === sent) return undefined;
        return { messageId: 'problemStatusMismatch', data: { status: sent, bodyStatus: value }, sendInstead: value, bodyField: bodyStatus };
      }
      const statusField = catalogs.envelopeFields.status;
      if (statusField) {
        const bodyStatus = field(resolver, object, statusField);
        const value = numberOf(bodyStatus);
        if (value !== undefined && value !== sent) {
          return { messageId: 'envelopeStatusMismatch', data: { status: sent, field: statusField, bodyStatus: value }, sendInstead: value, bodyField: bodyStatus };
        }
      }
      if (!options.checkEnvelopeError) return undefined;
      const codeValue = stringOf(envelopeCode(resolver, object, catalogs));
      const entry = codeValue === undefined ? undefined : catalogs.envelope.errorCode(codeValue);
      if (!codeValue || !entry || entry.httpStatus === null || entry.httpStatus === sent) return undefined;
      return { messageId: 'envelopeErrorMismatch', data: { status: sent, code: codeValue, expected: entry.httpStatus }, sendInstead: entry.httpStatus };
    }

    /** Judge one response; one sent by a helper of this file is reported at `call`, its call, without suggestions. */
    function check(response: SentResponse, resolver: Resolver, call?: TSESTree.Node): void {
      const status = response.status;
      if (!status || !response.body) return;
      const object = resolver.object(response.body);
      if (!object) return;
      const finding = judge(object, status.value, resolver);
      if (finding && call && judgedInHelper(response)) return;
      const where = call ?? status.node ?? response.node;
      if (!finding || reported.has(where)) return;
      reported.add(where);
      if (call) {
        context.report({ node: call, messageId: finding.messageId, data: finding.data });
        return;
      }

      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      const sendFix = finding.sendInstead === undefined ? undefined : statusEdit(resolver, response, finding.sendInstead);
      if (sendFix) suggest.push({ messageId: 'useHttpStatus', data: { status: finding.sendInstead ?? '' }, fix: sendFix });
      const bodyProperty = finding.bodyField?.property;
      if (editableInBody(bodyProperty, response.body)) {
        suggest.push({
          messageId: 'useBodyStatus',
          data: { field: bodyProperty.key, status: status.value },
          fix: (fixer: Fixer) => replaceValue(resolver, fixer, bodyProperty, status.value),
        });
      }
      const reasonProperty = finding.reason?.property;
      if (editableInBody(reasonProperty, response.body)) {
        for (const other of catalogs.status.codesForStatus(status.value).slice(0, MAX_SUGGESTIONS)) {
          suggest.push({
            messageId: 'useReasonForStatus',
            data: { reason: other.code, status: status.value },
            fix: (fixer: Fixer) => replaceValue(resolver, fixer, reasonProperty, other.code),
          });
        }
      }
      context.report({ node: where, messageId: finding.messageId, data: finding.data, suggest });
    }

    /** The helper's own body already gives a finding: reported there, not at every call. */
    function judgedInHelper(inlined: SentResponse): boolean {
      const plain = responseAt(fileResolver, inlined.node);
      const object = plain?.status && plain.body ? fileResolver.object(plain.body) : undefined;
      return !!plain?.status && !!object && judge(object, plain.status.value, fileResolver) !== undefined;
    }

    return responseListeners(fileResolver, check);
  },
});
