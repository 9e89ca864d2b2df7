import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type Field, isHttpStatus, isProblemShaped, isStatusShaped, numberOf, statusNumber } from './util/bodies.js';
import { createRule } from './util/create-rule.js';
import { fieldAt, fieldLabel } from './util/fields.js';
import { editableInBody, type Fixer, replaceValue, statusEdit } from './util/fixes.js';
import { responseListeners } from './util/helpers.js';
import { responseAt, type SentResponse } from './util/responses.js';
import { catalogsFor } from './util/settings.js';
import { type ObjectValue, type Resolver, resolverFor } from './util/values.js';

/**
 * Body fields that state the HTTP status, as APIs write them: `status` (Express's `err.status`, JSON:API),
 * `statusCode` (Fastify, Boom, NestJS), `code` when it is a number; at the top or in a nested envelope
 * (`{ error: { code: 404, message } }`). A string `status` (`"error"`) or `code` (`"E_NOT_FOUND"`)
 * states something else and is left alone.
 */
const STATUS_FIELDS: ReadonlyArray<{ field: string; read: (f: Field | undefined) => number | undefined }> = ['', '/error'].flatMap((parent) => [
  { field: `${parent}/status`, read: statusNumber },
  { field: `${parent}/statusCode`, read: statusNumber },
  { field: `${parent}/code`, read: numberOf },
]);

type MessageIds = 'statusFieldMismatch' | 'useHttpStatus' | 'useBodyStatus';

interface Mismatch {
  path: string;
  stated: number;
  field: Field;
}

export default createRule<[], MessageIds>({
  name: 'status-field-match',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a body field that states the HTTP status (`status`, `statusCode`, a numeric `code`) to equal the status sent.',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      statusFieldMismatch: 'The response is sent as HTTP {{status}}, but its body says `{{field}}: {{stated}}`: clients that read either see a different error.',
      useHttpStatus: 'Send HTTP {{status}} instead.',
      useBodyStatus: 'Change `{{field}}` to {{status}}.',
    },
  },
  create(context) {
    const fileResolver = resolverFor(context);
    // The field a profile names as the status is http-status-matches-body's, which judges it by the catalog.
    const profileStatusField = catalogsFor(context).envelopeFields.status;
    const reported = new Set<TSESTree.Node>();

    function mismatches(resolver: Resolver, body: ObjectValue, sent: number): Mismatch[] {
      const found: Mismatch[] = [];
      for (const { field, read } of STATUS_FIELDS) {
        if (profileStatusField !== undefined && fieldLabel(field) === fieldLabel(profileStatusField)) continue;
        const stated = fieldAt(resolver, body, field);
        const value = read(stated);
        // A success stated as another success (200 for 201) is no error gone wrong.
        if (!stated || !isHttpStatus(value) || value === sent || (value < 400 && sent < 400)) continue;
        // A `Status` and problem details have a status member of their own kind, judged by http-status-matches-body.
        const owner = field.startsWith('/error/') ? fieldAt(resolver, body, '/error')?.value : { kind: 'object' as const, object: body };
        if (owner?.kind !== 'object' || isStatusShaped(resolver, owner.object) || isProblemShaped(resolver, owner.object)) continue;
        found.push({ path: fieldLabel(field), stated: value, field: stated });
      }
      return found;
    }

    /** Judge one response; one sent by a helper is reported at `call`, its call, without suggestions. */
    function mismatchesOf(response: SentResponse | undefined, resolver: Resolver): Mismatch[] {
      const status = response?.status;
      const body = status && response.body ? resolver.object(response.body) : undefined;
      return status && body ? mismatches(resolver, body, status.value) : [];
    }

    function check(response: SentResponse, resolver: Resolver, call?: TSESTree.Node): void {
      const status = response.status;
      const found = status ? mismatchesOf(response, resolver) : [];
      if (!status || found.length === 0) return;
      // A helper whose own body disagrees is reported there, not at every call.
      if (call && mismatchesOf(responseAt(fileResolver, response.node), fileResolver).length > 0) return;
      for (const mismatch of found) {
        const property = mismatch.field.property;
        const inBody = editableInBody(property, response.body);
        // At the field when the sent object writes it, else where the status is sent: a constant body may be sent from several places.
        const where = call ?? (inBody ? property.property : undefined) ?? status.node ?? response.node;
        if (reported.has(where)) continue;
        reported.add(where);
        const data = { status: status.value, field: mismatch.path, stated: mismatch.stated };
        if (call) {
          context.report({ node: where, messageId: 'statusFieldMismatch', data });
          continue;
        }
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        const sendFix = statusEdit(resolver, response, mismatch.stated);
        if (sendFix) suggest.push({ messageId: 'useHttpStatus', data: { status: mismatch.stated }, fix: sendFix });
        if (inBody) {
          suggest.push({
            messageId: 'useBodyStatus',
            data: { field: mismatch.path, status: status.value },
            fix: (fixer: Fixer) => replaceValue(resolver, fixer, property, status.value),
          });
        }
        context.report({ node: where, messageId: 'statusFieldMismatch', data, suggest });
      }
    }

    return responseListeners(fileResolver, check);
  },
});
