import { isObject, type SpecDocument } from '../../spec/document.js';
import { type ApiOperation, apiOperationsOf } from '../operations.js';
import { type ApiProbeContext, defineApiProbe, jsonMediaType, type NotSent, requestFor, type StepAnswer } from '../probe.js';

/** Operations by document, read once: `appliesTo` runs for every operation, and each needs its siblings. */
const operationsByDocument = new WeakMap<SpecDocument, ApiOperation[]>();

function operationsOf(document: SpecDocument): ApiOperation[] {
  let operations = operationsByDocument.get(document);
  if (!operations) operationsByDocument.set(document, (operations = apiOperationsOf(document)));
  return operations;
}

/** The item path's last segment, when it is exactly one path parameter (`/items/{item_id}` → `item_id`). */
const itemParameterOf = (path: string): string | undefined => /\/\{([^}/]+)\}$/.exec(path)?.[1];

const collectionPathOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/** The sibling operations the probe needs: the DELETE of the item, and the create or list of its collection. */
function siblingsOf(context: Pick<ApiProbeContext, 'operation' | 'document'>) {
  const operations = operationsOf(context.document);
  const { path } = context.operation;
  const find = (method: string, at: string) => operations.find((o) => o.method === method && o.path === at);
  const create = find('post', collectionPathOf(path));
  return {
    remove: find('delete', path)!,
    create: create && jsonMediaType(create) ? create : undefined,
    list: find('get', collectionPathOf(path)),
  };
}

/** Fields that name an object, best first: the parameter's own name, then the usual ones. */
const idFields = (parameter: string): string[] => [parameter, 'id', 'uuid', 'name', parameter.replace(/[-_]?id$/i, '')];

function idIn(value: unknown, parameter: string): string | undefined {
  if (!isObject(value)) return undefined;
  for (const field of idFields(parameter)) {
    const id = value[field];
    if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))) return String(id);
  }
  // An envelope around the object: `{"data": {...}}`.
  return isObject(value.data) ? idIn(value.data, parameter) : undefined;
}

/** The first element of a list answer: a JSON array, or the first array member of an object (`items`, `data`, …). */
function firstListed(json: unknown): unknown {
  if (Array.isArray(json)) return json[0];
  if (!isObject(json)) return undefined;
  return Object.values(json).find((v): v is unknown[] => Array.isArray(v))?.[0];
}

/** The id the first answer gives: a create's `Location` or body, or a list's first element. */
function idFrom(answer: StepAnswer, parameter: string): string | undefined {
  if (answer.method === 'POST') {
    const location = answer.headers.location?.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1);
    if (location) return decodeURIComponent(location);
    return idIn(answer.json, parameter);
  }
  return idIn(firstListed(answer.json), parameter);
}

function deleteStep(context: ApiProbeContext, answers: readonly StepAnswer[]) {
  const parameter = itemParameterOf(context.operation.path)!;
  const id = idFrom(answers[0]!, parameter);
  if (id === undefined) {
    const what = answers[0]!.method === 'POST' ? 'the create answered' : 'the list answered';
    return { notSent: `${what} with no id for \`${parameter}\` (no \`Location\`, no \`${idFields(parameter).slice(0, 4).join('`, `')}\` field): nothing to delete` } satisfies NotSent;
  }
  return requestFor({ ...context, operation: siblingsOf(context).remove }, { pathValues: { [parameter]: id } });
}

export default defineApiProbe({
  id: 'use-after-delete',
  title: 'Read an object after deleting it',
  description:
    "For a path whose document declares both GET and DELETE on one object (`/items/{item_id}`): create an object (POST to the collection, with the documented example or a body built from its schema) or, where the collection has no create, take the first object its list shows; DELETE it; then GET it, which must get `404` with `not_found` (`410` is right too). A server that still serves what it deleted (a soft delete the reads ignore, a stale cache) breaks every client that deleted something. The probe deletes what it finds when there is no create, so it runs only with `--allow-writes`, against a test instance; a create or DELETE that does not succeed leaves it out, and the report says why.",
  safety: 'write',
  writeReason: 'it creates and deletes an object (or deletes one its list shows)',
  appliesTo(operation, document) {
    if (operation.method !== 'get') return 'only a read of one object can follow its delete';
    if (!itemParameterOf(operation.path)) return 'the path does not end in a parameter naming one object';
    return operation.pathMethods.includes('DELETE') && siblingsOf({ operation, document }).remove ? true : 'the path declares no DELETE';
  },
  leftOut(context) {
    const { create, list } = siblingsOf(context);
    return create || list ? undefined : `\`${collectionPathOf(context.operation.path)}\` declares no POST with a JSON body and no GET: no object to delete can be made or found`;
  },
  steps: [
    (context) => {
      const { create, list } = siblingsOf(context);
      return requestFor({ ...context, operation: (create ?? list)! });
    },
    deleteStep,
  ],
  request(context, answers = []) {
    const parameter = itemParameterOf(context.operation.path)!;
    // The id the DELETE removed; the docs show the request with the parameter's sample.
    const id = answers[0] && idFrom(answers[0], parameter);
    return requestFor(context, id === undefined ? {} : { pathValues: { [parameter]: id } });
  },
  expect: () => ({ status: 404, codes: ['not_found', 'NotFound'], alternatives: [410] }),
});
