import { resourcePath } from '../discovery.js';
import type { ProbeContext } from '../probe.js';
import { defineProbe, DRY_RUN, hasVerbs, sampleName, sampleNamespace } from '../probe.js';

/** The field manager the probe applies as: one no object's `managedFields` names yet. */
export const FIELD_MANAGER = 'statuslint';

type Leaf = string | number | boolean;

/** A field another manager owns and the sample holds as a plain value: what an apply that changes it collides with. */
export interface OwnedField {
  /** Field names from the object's root, e.g. `['data', 'color']`. */
  path: string[];
  value: Leaf;
}

// Fields an apply cannot change without addressing another object, or that only a subresource sets.
const IDENTITY = new Set(['apiVersion', 'kind', 'status', 'metadata.name', 'metadata.namespace', 'metadata.generateName', 'metadata.uid', 'metadata.resourceVersion']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isLeaf = (value: unknown): value is Leaf => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** `managedFields` of the sample, or undefined when it has none: a server without server-side apply tracks no managers. */
function managedFieldsOf(sample: Record<string, unknown> | undefined): unknown[] | undefined {
  const metadata = isRecord(sample?.metadata) ? sample.metadata : {};
  return Array.isArray(metadata.managedFields) && metadata.managedFields.length > 0 ? metadata.managedFields : undefined;
}

/** The leaves of a `fieldsV1` set made only of field names (`f:`), depth first; keys of lists (`k:`, `v:`, `i:`) are left out. */
function* namedLeaves(fields: Record<string, unknown>, prefix: string[]): Generator<string[]> {
  for (const [key, child] of Object.entries(fields)) {
    if (!key.startsWith('f:') || !isRecord(child)) continue;
    const path = [...prefix, key.slice(2)];
    const children = Object.keys(child).filter((k) => k !== '.');
    if (children.length === 0) yield path;
    else yield* namedLeaves(child, path);
  }
}

function valueAt(object: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = object;
  for (const name of path) current = isRecord(current) ? current[name] : undefined;
  return current;
}

/** The first field of the sample that another manager owns (outside subresources) and that holds a plain value. */
export function ownedField(sample: Record<string, unknown> | undefined): OwnedField | undefined {
  for (const entry of managedFieldsOf(sample) ?? []) {
    if (!isRecord(entry) || entry.manager === FIELD_MANAGER || (typeof entry.subresource === 'string' && entry.subresource !== '')) continue;
    if (!isRecord(entry.fieldsV1)) continue;
    for (const path of namedLeaves(entry.fieldsV1, [])) {
      if (IDENTITY.has(path[0]!) || IDENTITY.has(path.slice(0, 2).join('.'))) continue;
      const value = valueAt(sample!, path);
      if (isLeaf(value)) return { path, value };
    }
  }
  return undefined;
}

/** A value of the same type that differs: an apply of the same value would be no change, hence no conflict. */
const changed = (value: Leaf): Leaf => (typeof value === 'string' ? `${value}-statuslint` : typeof value === 'number' ? value + 1 : !value);

/** The object as `path` nested in it, holding `value`. */
function nested(path: string[], value: Leaf): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, name, i) => (i === path.length - 1 ? { [name]: value } : { [name]: inner }), {});
}

/** `.data.color`: how server-side apply writes a field path in its conflicts. */
export const conflictPath = (path: string[]): string => path.map((name) => `.${name}`).join('');

function applyBody({ resource, sample }: ProbeContext): Record<string, unknown> {
  const namespace = sampleNamespace(sample);
  const identity = { name: sampleName(sample), ...(resource!.namespaced && namespace ? { namespace } : {}) };
  const field = ownedField(sample);
  const change = field ? nested(field.path, changed(field.value)) : {};
  const { metadata, ...rest } = change;
  return { apiVersion: resource!.groupVersion, kind: resource!.kind, metadata: { ...(isRecord(metadata) ? metadata : {}), ...identity }, ...rest };
}

export default defineProbe({
  id: 'apply-conflict',
  title: 'Server-side apply a field another manager owns',
  description:
    'PATCH (with `dryRun=All`) an existing object as `application/apply-patch+yaml`, field manager `statuslint`, without `force`, changing a field its `managedFields` give to another manager: `409 Conflict` with a `FieldManagerConflict` cause naming the field (`.data.color`). An object without `managedFields` comes from a server without server-side apply, which must refuse the patch type: `415 UnsupportedMediaType`.',
  scope: 'group-version',
  safety: 'dry-run',
  needs: ['sample'],
  appliesTo: (resource, { sample }) => {
    const verbs = hasVerbs(resource, 'get', 'patch');
    if (verbs !== true) return verbs;
    if (sample === undefined) return 'no object of this resource exists to apply to';
    if (managedFieldsOf(sample) !== undefined && ownedField(sample) === undefined) return 'no field of the object it read is owned by another manager and holds a plain value';
    return true;
  },
  request: (context) => ({
    method: 'PATCH',
    path: `${resourcePath(context.resource!, sampleNamespace(context.sample), sampleName(context.sample))}?${DRY_RUN}&fieldManager=${FIELD_MANAGER}`,
    headers: { 'content-type': 'application/apply-patch+yaml' },
    body: JSON.stringify(applyBody(context)),
  }),
  expect: ({ sample }) => {
    const field = ownedField(sample);
    if (managedFieldsOf(sample) === undefined || field === undefined) return { status: 415, reason: 'UnsupportedMediaType' };
    return { status: 409, reason: 'Conflict', causes: [{ reason: 'FieldManagerConflict', field: conflictPath(field.path) }] };
  },
});
