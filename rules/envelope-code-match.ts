import type { TSESTree } from '@typescript-eslint/utils';
import { envelopeCode, field, stringOf, writesKey } from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { editable, editableInBody, type Fixer, replaceValue, statusEdit } from './util/fixes.js';
import { inlinedResponses } from './util/helpers.js';
import { catalogConventions, isCorrection, sharesConvention } from './util/naming.js';
import { responseAt, type SentResponse } from './util/responses.js';
import { catalogsFor } from './util/settings.js';
import { type ObjectValue, type Resolver, resolverFor } from './util/values.js';

const MAX_SUGGESTIONS = 4;

type Options = [{ requireMessage?: boolean; requireRequestId?: boolean }];
type MessageIds = 'statusMismatch' | 'unknownErrorCode' | 'missingMessage' | 'missingRequestId' | 'useStatus' | 'replaceErrorCode';

function isArgument(node: TSESTree.ObjectExpression): boolean {
  const parent = node.parent;
  return (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments.includes(node);
}

function didYouMean(candidates: readonly string[]): string {
  return candidates.length === 0 ? '' : ` Did you mean ${candidates.map((c) => `\`${c}\``).join(' or ')}?`;
}

export default createRule<Options, MessageIds>({
  name: 'envelope-code-match',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an error envelope\'s code to be known and sent with its HTTP status, with the fields clients rely on.',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          requireMessage: { type: 'boolean', description: 'Report an envelope without a message.' },
          requireRequestId: { type: 'boolean', description: 'Report an envelope without a request id (when the profile names a request id field).' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireMessage: true, requireRequestId: false }],
    messages: {
      statusMismatch: 'The error code `{{code}}` goes with HTTP {{expected}}, but the response is sent as {{status}}.',
      unknownErrorCode: '`{{code}}` is not an error code of the `{{profile}}` profile: clients cannot tell what went wrong.{{didYouMean}}',
      missingMessage: 'An error envelope should have a `{{field}}` for people to read.',
      missingRequestId: 'An error envelope should have a `{{field}}` so that a report can be matched with the server\'s logs.',
      useStatus: 'Send HTTP {{status}} instead.',
      replaceErrorCode: 'Change the error code to `{{code}}`.',
    },
  },
  create(context, [options]) {
    const resolver = resolverFor(context);
    const catalogs = catalogsFor(context);
    const fields = catalogs.envelopeFields;
    const index = catalogs.envelope;
    // A factory's body sent from several places is one defect, reported once.
    const reported = new Set<string>();

    // The call of a helper of this file being judged as if inlined: reports go there, without
    // suggestions, which would edit the helper that every other call shares.
    let inlinedAt: TSESTree.Node | undefined;

    function report(node: TSESTree.Node, messageId: MessageIds, build: () => Omit<Parameters<typeof context.report>[0], 'node' | 'messageId'>): void {
      const at = inlinedAt ?? node;
      const key = `${messageId}@${at.range[0]}:${at.range[1]}`;
      if (reported.has(key)) return;
      reported.add(key);
      if (inlinedAt) context.report({ node: at, messageId, data: build().data } as Parameters<typeof context.report>[0]);
      else context.report({ node: at, messageId, ...build() } as Parameters<typeof context.report>[0]);
    }

    /** Known misspellings and slips of the keyboard, never another code that shares a word or two. */
    function corrections(value: string): string[] {
      const recorded = index.entries(index.errorPlace()).some((e) => e.misspellings?.includes(value));
      return index
        .suggest(value)
        .filter((candidate) => recorded || isCorrection(value, candidate))
        .slice(0, MAX_SUGGESTIONS);
    }

    function check(object: ObjectValue, fallback: TSESTree.Node, response: SentResponse | undefined, resolver: Resolver): void {
      const code = envelopeCode(resolver, object, catalogs);
      const value = stringOf(code);
      if (!code || value === undefined) return;
      const codeProperty = code.property;
      const entry = index.errorCode(value);

      // Judged as if inlined, only what the helper's own body leaves unknown: the rest is reported there.
      const plain = inlinedAt && response ? responseAt(resolverFor(context), response.node) : undefined;
      const plainObject = plain?.body ? resolverFor(context).object(plain.body) : undefined;
      const plainCode = plainObject ? stringOf(envelopeCode(resolverFor(context), plainObject, catalogs)) : undefined;
      if (inlinedAt && plainCode !== undefined && plain?.status) return;

      if (!entry && (!inlinedAt || plainCode === undefined)) {
        const candidates = corrections(value);
        // Without a chosen envelope profile, a code far from every known one, or written in a
        // convention of the API's own (`notFound`, `NOT_FOUND`, `Unauthorized`), is the API's business.
        const ownConvention = !sharesConvention(value, catalogConventions(index));
        if (catalogs.envelopeChosen || (candidates.length > 0 && !ownConvention)) {
          report(codeProperty.property ?? fallback, 'unknownErrorCode', () => ({
            data: { code: value, profile: index.profile.name, didYouMean: didYouMean(candidates) },
            suggest: editable(codeProperty)
              ? candidates.map((candidate) => ({
                  messageId: 'replaceErrorCode' as const,
                  data: { code: candidate },
                  fix: (fixer: Fixer) => replaceValue(resolver, fixer, codeProperty, candidate),
                }))
              : [],
          }));
        }
      }

      const written = object.node ?? fallback;
      // Without a chosen envelope profile, only a body with one of its codes is held to its fields:
      // `{ error: 'invalid_token' }` may follow another convention altogether.
      const heldToFields = catalogs.envelopeChosen || entry !== undefined;
      if (heldToFields && !inlinedAt && object.complete && !(object.node && resolver.isSpreadBase(object.node))) {
        if (options.requireMessage !== false) {
          const message = field(resolver, object, fields.message);
          if (!message || stringOf(message)?.trim() === '') report(written, 'missingMessage', () => ({ data: { field: fields.message } }));
        }
        if (options.requireRequestId && fields.requestId && !object.properties.has(fields.requestId)) {
          report(written, 'missingRequestId', () => ({ data: { field: fields.requestId ?? '' } }));
        }
      }

      const status = response?.status;
      if (!response || !status || !entry || entry.httpStatus === null || status.value === entry.httpStatus) return;
      const expected = entry.httpStatus;
      const toExpected = statusEdit(resolver, response, expected);
      report(status.node ?? response.node, 'statusMismatch', () => ({
        data: { code: value, expected, status: status.value },
        suggest: [
          ...(toExpected ? [{ messageId: 'useStatus' as const, data: { status: expected }, fix: toExpected }] : []),
          ...(editableInBody(codeProperty, response.body)
            ? index
                .codesForStatus(status.value)
                .slice(0, MAX_SUGGESTIONS)
                .map((other) => ({
                  messageId: 'replaceErrorCode' as const,
                  data: { code: other.code },
                  fix: (fixer: Fixer) => replaceValue(resolver, fixer, codeProperty, other.code),
                }))
            : []),
        ],
      }));
    }

    function onResponse(node: TSESTree.Node): void {
      const response = responseAt(resolver, node);
      const object = response?.body ? resolver.object(response.body) : undefined;
      if (response && object) check(object, response.body ?? node, response, resolver);
      if (response || node.type !== 'CallExpression') return;
      for (const inlined of inlinedResponses(resolver, node)) {
        const body = inlined.response.body ? inlined.resolver.object(inlined.response.body) : undefined;
        if (!body) continue;
        inlinedAt = node;
        try {
          check(body, node, inlined.response, inlined.resolver);
        } finally {
          inlinedAt = undefined;
        }
      }
    }

    const listeners = { CallExpression: onResponse, NewExpression: onResponse, AssignmentExpression: onResponse };
    if (!catalogs.envelopeChosen) return listeners;
    const codeKey = new Set([fields.code]);
    const messageKey = new Set([fields.message]);
    return {
      ...listeners,
      // With a chosen envelope profile, an envelope written anywhere counts, not only one being sent.
      ObjectExpression(node) {
        if (!writesKey(node, codeKey) || !writesKey(node, messageKey)) return;
        // An object handed to a call is that call's: a Zod issue (`ctx.addIssue({ code, message })`),
        // an error's options (`new TRPCError({ code, message })`). A response's body is judged above.
        if (isArgument(node)) return;
        const object = resolver.object(node);
        if (object) check(object, node, undefined, resolver);
      },
    };
  },
});
