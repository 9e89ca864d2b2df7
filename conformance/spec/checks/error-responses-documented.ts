import type { ProfileIndex } from '../../../schemas/catalog.js';
import type { OperationVerb } from '../../../schemas/types.js';
import { pass, skip } from '../../check-core.js';
import { receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isObject, joinPointer, type Operation, type SpecDocument } from '../document.js';
import { compatibleNamedSchema, shapeName } from '../error-shape.js';
import { itemsOf, shapeOf } from '../schema.js';

/** What an operation does, which decides the errors it can answer with (the catalog's `operations`). */
type OperationKind = OperationVerb | 'other';

/** Kubernetes names each operation's verb in `x-kubernetes-action`; other APIs are judged by method. */
const KUBERNETES_ACTIONS: ReadonlyMap<string, OperationKind> = new Map([
  ['get', 'read'],
  ['list', 'list'],
  ['watch', 'watch'],
  ['watchlist', 'watch'],
  ['post', 'create'],
  ['put', 'replace'],
  ['patch', 'patch'],
  ['delete', 'delete'],
  ['deletecollection', 'delete-collection'],
  ['connect', 'connect'],
]);

const hasPathParameter = (path: string): boolean => /\{[^}]+\}/.test(path);

/**
 * Kubernetes puts every API request through authentication and authorization, whatever a document
 * declares: the documents of CRDs and aggregated API servers declare no security at all.
 */
const KUBERNETES_API_PATH = /^\/apis?\//;

function isListSchema(document: SpecDocument, operation: Operation): boolean {
  const ok = document.responsesOf(operation).find((r) => r.status === '200');
  if (!ok) return false;
  const body = document.bodyOf(operation, ok);
  return body.schemas.some(({ schema }) => {
    const shape = shapeOf(document, schema);
    if (shape.types.has('array')) return true;
    const items = shape.properties.get('items');
    return items !== undefined && (shapeOf(document, items).types.has('array') || itemsOf(document, items) !== undefined);
  });
}

function kindOf(document: SpecDocument, operation: Operation): OperationKind {
  const action = operation.value['x-kubernetes-action'];
  if (typeof action === 'string' && KUBERNETES_ACTIONS.has(action)) return KUBERNETES_ACTIONS.get(action)!;
  switch (operation.method) {
    case 'get':
    case 'head': {
      // A read whose path ends in a literal segment and that answers a list reads a collection.
      const last = operation.path.split('/').filter(Boolean).at(-1) ?? '';
      return !last.startsWith('{') && isListSchema(document, operation) ? 'list' : 'read';
    }
    case 'post':
      return 'create';
    case 'put':
      return 'replace';
    case 'patch':
      return 'patch';
    case 'delete':
      return 'delete';
    default:
      return 'other';
  }
}

/** A documented failed authentication (the catalog's, `401`) shows that the operation authenticates its callers. */
function documentsAuthenticationFailure(documented: ReadonlySet<string>, index: ProfileIndex): boolean {
  const status = index.authFailureStatus('authentication');
  return status !== undefined && documented.has(String(status));
}

/** `404` is covered by `404`, by a `4XX` range and by `default`. */
const covers = (documented: ReadonlySet<string>, status: number): boolean =>
  documented.has(String(status)) || documented.has(`${String(status)[0]}XX`) || documented.has('default');

const KIND_PHRASE: Readonly<Record<OperationKind, string>> = {
  read: 'a read of one object',
  list: 'a list',
  watch: 'a watch',
  create: 'a create',
  replace: 'a replace',
  patch: 'a patch',
  delete: 'a delete',
  'delete-collection': 'a delete of a collection',
  connect: 'a connect',
  other: 'an operation',
};

export default defineSpecCheck({
  id: 'error-responses-documented',
  title: 'Operations document the errors their verb can meet',
  level: 'SHOULD',
  given: 'operation',
  description:
    'Every operation should document the error responses its verb can meet: `401` and `403` when it requires authentication (declared `security`, a documented `401`, or with the Kubernetes profile any path under `/api/` or `/apis/`), `404` when its path names an object or a parent that may not exist (not for lists and watches), `409` and `422` for creates, replaces and patches. A `4XX` range or `default` response covers them.',
  example: {
    document: `openapi: 3.0.3
info: { title: Pets, version: '1' }
security: [{ token: [] }]
components:
  securitySchemes:
    token: { type: http, scheme: bearer }
paths:
  /pets/{name}:
    get:
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: The pet }
        '401': { description: Unauthorized }
`,
  },
  then({ document, operation, profile, index }) {
    const responses = operation.value.responses;
    const documented = new Set(isObject(responses) ? Object.keys(responses).map((s) => s.toUpperCase()).map((s) => (s === 'DEFAULT' ? 'default' : s)) : []);
    const kind = kindOf(document, operation);
    const authenticated = document.requiresAuthentication(operation) || documentsAuthenticationFailure(documented, index) || (profile.body.kind === 'kubernetes-status' && KUBERNETES_API_PATH.test(operation.path));
    // An operation that authenticates its callers also decides what each may do.
    const expected = index.statusesForOperation(kind === 'other' ? undefined : kind, { authentication: authenticated, authorization: authenticated, 'names-object': hasPathParameter(operation.path) });
    const missing = expected.filter(({ status }) => !covers(documented, status));
    if (missing.length === 0) return expected.length > 0 ? pass : skip('no error response is expected of it');
    const listed = [...documented].map((s) => `\`${s}\``).join(', ') || 'no responses';
    const reference = compatibleNamedSchema(document, profile);
    return missing.map(({ status, entry, operations }) => ({
      pointer: isObject(responses) ? joinPointer(operation.pointer, 'responses') : operation.pointer,
      expected: String(status),
      received: 'undocumented',
      message: receivedExpected(`${KIND_PHRASE[kind]} documenting ${listed}`, `a \`${status}\` response as well: ${operations.why}`),
      hint: `Add a \`${status}\` (${entry.title}) response whose schema is the ${shapeName(profile)} schema${reference ? ` (\`$ref: '${reference}'\`)` : ''}.`,
    }));
  },
});
