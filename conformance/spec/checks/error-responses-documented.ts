import { httpStatusEntry, type OperationFacts, type OperationStatus, type ProfileIndex, requestErrorStatus } from '../../../schemas/catalog.js';
import type { OperationVerb, Profile } from '../../../schemas/types.js';
import { pass, skip } from '../../check-core.js';
import { receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isObject, joinPointer, type Located, type Operation, type SpecDocument } from '../document.js';
import { compatibleNamedSchema, shapeName } from '../error-shape.js';
import { itemsOf, shapeOf, typesOf } from '../schema.js';

/**
 * What an operation does, which decides the errors it can answer with (the catalog's `operations`).
 * Besides the catalog's verbs: a `search` (a `POST` that queries, such as `POST /zaken/_zoek`) and an
 * `action` (a write that sends no object, such as `PUT …/vulnerability-alerts`), neither of which
 * writes an object that could be invalid or collide.
 */
type OperationKind = OperationVerb | 'search' | 'action' | 'other';

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

const LIST_MEMBERS = ['items', 'data', 'results'];

function isListSchema(document: SpecDocument, operation: Operation): boolean {
  const ok = document.responsesOf(operation).find((r) => r.status === '200');
  if (!ok) return false;
  const body = document.bodyOf(operation, ok);
  return body.schemas.some(({ schema }) => {
    const shape = shapeOf(document, schema);
    if (shape.types.has('array')) return true;
    // `items` (Kubernetes, GitHub's searches), `data` (Stripe), `results` (Django REST framework's pages).
    return LIST_MEMBERS.some((name) => {
      const items = shape.properties.get(name);
      return items !== undefined && (shapeOf(document, items).types.has('array') || itemsOf(document, items) !== undefined);
    });
  });
}

/** `_zoek`, `_search`, `search`, `query`, or a custom method `things:search`: a path segment that names a query. */
const SEARCH_SEGMENT = /(^_?|:)(search|query|find|lookup|filter|zoek(en)?)$/i;
/** `searchPets`, `zaak__zoek`, `pets_query`: an operationId that names a query. */
const SEARCH_OPERATION_ID = /(^|[_\-.]|[a-z])(search|query|find|lookup|zoek)([_\-.A-Z]|$)|^(search|query|find|lookup|zoek)/i;

function isSearch(operation: Operation): boolean {
  const last = operation.path.split('/').filter(Boolean).at(-1) ?? '';
  if (!last.startsWith('{') && SEARCH_SEGMENT.test(last)) return true;
  const id = operation.value.operationId;
  return typeof id === 'string' && SEARCH_OPERATION_ID.test(id);
}

/** Whether the operation sends a body: 3.x `requestBody`, 2.0 a `body` or `formData` parameter (its own or its path's). */
function sendsBody(document: SpecDocument, operation: Operation): boolean {
  if (document.version !== '2.0') return operation.value.requestBody !== undefined;
  const own = Array.isArray(operation.value.parameters) ? operation.value.parameters : [];
  const pathItem = document.at(operation.pointer.slice(0, operation.pointer.lastIndexOf('/')));
  const shared = isObject(pathItem) && Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
  const inBody = (raw: unknown, pointer: string): boolean => {
    const parameter = document.resolve(raw, pointer).value;
    return isObject(parameter) && (parameter.in === 'body' || parameter.in === 'formData');
  };
  return own.some((raw, i) => inBody(raw, joinPointer(operation.pointer, 'parameters', i))) || shared.some((raw, i) => inBody(raw, joinPointer(operation.pointer.slice(0, operation.pointer.lastIndexOf('/')), 'parameters', i)));
}

function kindOf(document: SpecDocument, operation: Operation): OperationKind {
  const action = operation.value['x-kubernetes-action'];
  if (typeof action === 'string' && KUBERNETES_ACTIONS.has(action)) return KUBERNETES_ACTIONS.get(action)!;
  const writes = operation.method === 'post' || operation.method === 'put' || operation.method === 'patch';
  if (writes && isSearch(operation)) return 'search';
  if (writes && !sendsBody(document, operation)) return 'action';
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

/**
 * `404` is covered by `404` and by a `4XX` range. Not by `default`: it documents the error body, but
 * clients act on the status (re-authenticate on `401`, stop on `404`), which it does not name.
 */
const covers = (documented: ReadonlySet<string>, status: number): boolean => documented.has(String(status)) || documented.has(`${String(status)[0]}XX`);

/** `default` is the operation's only error response: no `4xx` or `5xx` status or range beside it. */
const defaultErrorOnly = (documented: ReadonlySet<string>): boolean => documented.has('default') && ![...documented].some((status) => status[0] === '4' || status[0] === '5');

/**
 * The catalog lists an invalid object under `422` (RFC 9110's Unprocessable Content); a profile may
 * answer validation with another status (`requestErrors.validation`, `400` unless it says otherwise).
 */
const CATALOG_VALIDATION_STATUS = 422;

/**
 * A schema that describes invalid fields: an object with a list among its members (`invalidParams`,
 * `errors`, `violations`), or one whose values are lists of messages (Django REST framework's
 * `{"name": ["This field is required."]}`).
 */
function isValidationSchema(document: SpecDocument, schema: Located): boolean {
  const shape = shapeOf(document, schema);
  // A list of what failed, one entry per field or item (Nakadi's batch results).
  if (shape.types.has('array')) return true;
  for (const branch of [schema, ...shape.alternatives]) {
    const branchShape = shapeOf(document, branch);
    if ([...branchShape.properties.values()].some((property) => typesOf(document, property).has('array'))) return true;
    const extra = isObject(branch.value) ? branch.value.additionalProperties : undefined;
    if (isObject(extra) && typesOf(document, document.resolve(extra, joinPointer(branch.pointer, 'additionalProperties'))).has('array')) return true;
  }
  return false;
}

/** A `400` or `422` whose schema lists invalid fields: the operation documents its validation errors, whichever status it chose. */
function documentsValidationErrors(document: SpecDocument, operation: Operation): boolean {
  return document
    .responsesOf(operation)
    .filter((r) => r.status === '400' || r.status === '422')
    .some((r) => document.bodyOf(operation, r).schemas.some(({ schema }) => isValidationSchema(document, schema)));
}

/** The catalog's statuses for the operation, validation at the status the profile gives it. */
function expectedStatuses(index: ProfileIndex, profile: Profile, verb: OperationVerb | undefined, facts: OperationFacts): OperationStatus[] {
  const validation = requestErrorStatus(profile, 'validation');
  const statuses = index.statusesForOperation(verb, facts);
  if (validation === CATALOG_VALIDATION_STATUS) return statuses;
  const entry = httpStatusEntry(validation);
  const mapped = statuses.flatMap((s) => (s.status !== CATALOG_VALIDATION_STATUS ? [s] : entry && !statuses.some((t) => t.status === validation) ? [{ ...s, status: validation, entry }] : []));
  return mapped.sort((a, b) => a.status - b.status);
}

/** The catalog verb whose errors a search or an action meets: a search reads like a list; an action, like a read, may name a missing object. */
const VERB_OF_KIND: Readonly<Partial<Record<OperationKind, OperationVerb>>> = { search: 'list', action: 'read' };

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
  search: 'a search',
  action: 'an action that sends no body',
  other: 'an operation',
};

export default defineSpecCheck({
  id: 'error-responses-documented',
  title: 'Operations document the errors their verb can meet',
  level: 'SHOULD',
  given: 'operation',
  description:
    'Every operation should document the error responses its verb can meet: `401` and `403` when it requires authentication (declared `security`, a documented `401`, or with the Kubernetes profile any path under `/api/` or `/apis/`), `404` when its path names an object or a parent that may not exist (not for lists and watches), `409` for creates, replaces and patches, and for those the status the profile gives an invalid object (`requestErrors.validation`: `422` for Kubernetes, else `400`; a `400` or `422` whose schema lists invalid fields counts whichever it is), and `429` with its `Retry-After` header when `default` is its only error response. A search (`POST /things/_search`, an operationId naming a query) and an action that sends no body write no object, so neither is asked for `409` or a validation status. A `4XX` range covers them; `default` does not: it documents the body, not the status clients act on.',
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
    const verb = kind === 'other' ? undefined : (VERB_OF_KIND[kind] ?? (kind as OperationVerb));
    const expected = expectedStatuses(index, profile, verb, {
      authentication: authenticated,
      authorization: authenticated,
      'names-object': hasPathParameter(operation.path),
      'default-error-only': defaultErrorOnly(documented),
    });
    const validation = requestErrorStatus(profile, 'validation');
    const missing = expected.filter(({ status }) => !covers(documented, status) && !(status === validation && documentsValidationErrors(document, operation)));
    if (missing.length === 0) return expected.length > 0 ? pass : skip('no error response is expected of it');
    const listed = [...documented].map((s) => `\`${s}\``).join(', ') || 'no responses';
    const reference = compatibleNamedSchema(document, profile);
    // `default` leaves the statuses unnamed: say so, or its authors will think it covers them.
    const byDefault = documented.has('default') ? ' `default` documents the error body, not the status clients act on.' : '';
    return missing.map(({ status, entry, operations }) => ({
      pointer: isObject(responses) ? joinPointer(operation.pointer, 'responses') : operation.pointer,
      expected: String(status),
      received: 'undocumented',
      message: receivedExpected(`${KIND_PHRASE[kind]} documenting ${listed}`, `a \`${status}\` response as well: ${operations.why}`, byDefault.trim() || undefined),
      hint: `Add a \`${status}\` (${entry.title}) response${profile.body.kind === 'none' ? '' : ` whose schema is the ${shapeName(profile)} schema${reference ? ` (\`$ref: '${reference}'\`)` : ''}`}${index.retryGuidance(status, entry) ? `${profile.body.kind === 'none' ? '' : ','} with a \`Retry-After\` header` : ''}.`,
    }));
  },
});
