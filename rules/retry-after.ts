import type { TSESTree } from '@typescript-eslint/utils';
import type { RetryGuidance } from '../schemas/types.js';
import { envelopeCode, field, isStatusShaped, stringOf } from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { enclosingScopeNode, responseAt, retryAfterHeader } from './util/responses.js';
import { catalogsFor } from './util/settings.js';
import { resolverFor } from './util/values.js';

type Options = [{ level?: 'must' | 'should'; statusAlone?: boolean }];
type MessageIds = 'missingRetryAfter' | 'retryAfterRecommended';

// Any mention near the response (a header set through a helper, a `retryAfter` variable) means the
// author thought about it; the rule stays silent rather than guess what the helper does.
const MENTION = /retry[-_ ]?after/i;

export default createRule<Options, MessageIds>({
  name: 'retry-after',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require responses that ask clients to retry later (429, `TooManyRequests`, `ServiceUnavailable`…; a bare 503 on request) to say when: a `Retry-After` header or `details.retryAfterSeconds`.',
      usesTypeInformation: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          level: {
            type: 'string',
            enum: ['must', 'should'],
            description: '`must`: only codes whose recovery is "retry after" (429, `TooManyRequests`); `should`: also codes the catalog marks `retryAfter: expected` (`ServiceUnavailable`, `ServerTimeout`, `Timeout`).',
          },
          statusAlone: {
            type: 'boolean',
            description: 'With `level: should`, also report a response whose HTTP status alone expects retry guidance (503) when its body names no code that does. Off by default: health and readiness probes answer 503 to a load balancer, not to a client that retries.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ level: 'should', statusAlone: false }],
    messages: {
      missingRetryAfter: '{{what}} must say when to retry: send a `Retry-After` header{{seconds}}. Without it clients retry at once and deepen the overload.',
      retryAfterRecommended: '{{what}} should say when to retry: send a `Retry-After` header{{seconds}}.',
    },
  },
  create(context, [options]) {
    const resolver = resolverFor(context);
    const catalogs = catalogsFor(context);
    const mustOnly = options.level === 'must';
    const mentioned = new Map<TSESTree.Node, boolean>();

    function mentionsRetryAfter(node: TSESTree.Node): boolean {
      const scope = enclosingScopeNode(node);
      let found = mentioned.get(scope);
      if (found === undefined) {
        found = MENTION.test(codeText(scope.range[0], scope.range[1]));
        mentioned.set(scope, found);
      }
      return found;
    }

    /** The source between two offsets without its comments: a comment is no header. */
    function codeText(start: number, end: number): string {
      const text = context.sourceCode.text;
      let result = '';
      let at = start;
      for (const comment of context.sourceCode.getAllComments()) {
        if (comment.range[1] <= at || comment.range[0] >= end) continue;
        result += text.slice(at, comment.range[0]);
        at = comment.range[1];
      }
      return result + text.slice(at, end);
    }

    function onResponse(node: TSESTree.Node): void {
      const response = responseAt(resolver, node);
      if (!response) return;
      const body = response.body ? resolver.value(response.body) : undefined;
      // A body we cannot read may carry `details.retryAfterSeconds`.
      if (body?.kind === 'unknown') return;
      const object = body?.kind === 'object' ? body.object : undefined;

      const status = response.status?.value;
      let statusBody = false;
      let code: string | undefined;
      let index = catalogs.status;
      if (object) {
        statusBody = isStatusShaped(resolver, object);
        code = statusBody ? stringOf(field(resolver, object, 'reason')) : stringOf(envelopeCode(resolver, object, catalogs));
        if (!statusBody) index = catalogs.envelope;
      }
      // The catalog's one answer, as the live check `retry-guidance` asks it.
      const entry = code ? index.errorCode(code) : undefined;
      const need: RetryGuidance | undefined = index.retryGuidance(status, entry);
      if (!need || (mustOnly && need !== 'required')) return;
      // A bare 503 is most often a probe's "not ready", rarely a "come back later" to a client.
      if (need === 'expected' && !options.statusAlone && (!entry || index.retryGuidance(undefined, entry) !== 'expected')) return;
      // Name the code when it asks more than the status alone.
      const what = need === index.retryGuidance(status) ? `A ${status} response` : `A \`${code ?? ''}\` response`;

      if (object && statusBody) {
        // details.retryAfterSeconds answers the question for Kubernetes clients.
        const details = field(resolver, object, 'details');
        if (details?.value.kind === 'object' && (details.value.object.properties.has('retryAfterSeconds') || !details.value.object.complete)) return;
        if (!object.complete || (details && details.value.kind !== 'object' && details.value.kind !== 'null')) return;
      } else if (object && !object.complete) {
        return;
      }
      if (retryAfterHeader(resolver, response) !== 'absent' || mentionsRetryAfter(response.node)) return;
      context.report({
        node: response.status?.node ?? response.node,
        messageId: need === 'required' ? 'missingRetryAfter' : 'retryAfterRecommended',
        data: { what, seconds: statusBody ? ' or `details.retryAfterSeconds`' : '' },
      });
    }

    return {
      CallExpression: onResponse,
      NewExpression: onResponse,
      AssignmentExpression: onResponse,
    };
  },
});
