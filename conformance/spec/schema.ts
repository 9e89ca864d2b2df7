import { isObject, joinPointer, type JsonObject, type Located, type SpecDocument } from './document.js';

/** What a schema promises about a value, read structurally (names of schemas never count). */
export interface SchemaShape {
  /** JSON types the schema allows: from `type` (a string, or a 3.1 array), `enum`/`const`, or implied by `properties`/`items`. */
  types: Set<string>;
  /** Declared properties, the schema's own and those of every `allOf` branch, each resolved. */
  properties: Map<string, Located>;
  /** `oneOf`/`anyOf` branches: the value matches one of them. */
  alternatives: Located[];
  /** `enum` or `const` values, where the schema lists them. */
  values?: { pointer: string; values: unknown[] };
}

// Deep enough for any real composition; stops a cycle through `allOf`.
const MAX_DEPTH = 12;

const shapes = new WeakMap<object, SchemaShape>();

const typeOfValue = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;

/** The shape of a resolved schema; computed once per schema object. */
export function shapeOf(document: SpecDocument, schema: Located, depth = 0): SchemaShape {
  const value = schema.value;
  if (!isObject(value)) return { types: new Set(), properties: new Map(), alternatives: [] };
  const cached = shapes.get(value);
  if (cached) return cached;
  const shape: SchemaShape = { types: new Set(), properties: new Map(), alternatives: [] };
  if (depth > MAX_DEPTH) return shape;

  const declared = value.type;
  if (typeof declared === 'string') shape.types.add(declared);
  else if (Array.isArray(declared)) for (const t of declared) if (typeof t === 'string') shape.types.add(t);

  if (Array.isArray(value.enum)) shape.values = { pointer: joinPointer(schema.pointer, 'enum'), values: value.enum };
  else if (value.const !== undefined) shape.values = { pointer: joinPointer(schema.pointer, 'const'), values: [value.const] };
  if (shape.types.size === 0 && shape.values) for (const v of shape.values.values) shape.types.add(typeOfValue(v));

  if (isObject(value.properties)) {
    const base = joinPointer(schema.pointer, 'properties');
    for (const [name, raw] of Object.entries(value.properties)) shape.properties.set(name, document.resolve(raw, joinPointer(base, name)));
  }

  // 3.1 lets `$ref` sit beside other keywords: the reference then adds to them, like an `allOf` branch.
  const parts: Located[] = [];
  if (typeof value.$ref === 'string') parts.push(document.resolve({ $ref: value.$ref }, schema.pointer));
  if (Array.isArray(value.allOf)) value.allOf.forEach((branch, i) => parts.push(document.resolve(branch, joinPointer(schema.pointer, 'allOf', i))));
  for (const part of parts) {
    const inner = shapeOf(document, part, depth + 1);
    for (const t of inner.types) shape.types.add(t);
    for (const [name, property] of inner.properties) if (!shape.properties.has(name)) shape.properties.set(name, property);
    shape.alternatives.push(...inner.alternatives);
    if (!shape.values && inner.values) shape.values = inner.values;
  }

  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = value[keyword];
    if (Array.isArray(branches)) branches.forEach((branch, i) => shape.alternatives.push(document.resolve(branch, joinPointer(schema.pointer, keyword, i))));
  }

  if (shape.types.size === 0) {
    if (shape.properties.size > 0 || value.additionalProperties !== undefined || value.required !== undefined) shape.types.add('object');
    else if (value.items !== undefined) shape.types.add('array');
  }
  shapes.set(value, shape);
  return shape;
}

/** Types a schema allows, its alternatives' included (a member may be `oneOf: [string, integer]`). */
export function typesOf(document: SpecDocument, schema: Located): Set<string> {
  const shape = shapeOf(document, schema);
  if (shape.alternatives.length === 0) return shape.types;
  const types = new Set(shape.types);
  for (const alternative of shape.alternatives) for (const t of shapeOf(document, alternative).types) types.add(t);
  return types;
}

/** The schema of an array's items, resolved, when the schema describes an array. */
export function itemsOf(document: SpecDocument, schema: Located): Located | undefined {
  const value = schema.value as JsonObject;
  if (!isObject(value) || value.items === undefined || Array.isArray(value.items)) return undefined;
  return document.resolve(value.items, joinPointer(schema.pointer, 'items'));
}
