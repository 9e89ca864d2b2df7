/**
 * Where an envelope keeps its code, message and status: a top-level member named as it is (`error`),
 * or a JSON pointer (RFC 6901) into nested objects (`/error/code`, as Google-style and Stripe-like
 * APIs nest them). A name never starts with `/`, so the two cannot be confused.
 */

type Schema = Record<string, unknown>;

/** The members to walk from the body to the field. */
export function fieldPath(field: string): string[] {
  if (!field.startsWith('/')) return [field];
  return field
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The field as a JSON pointer into the body, escaped: `error` → `/error`, `/error/code` stays. */
export const fieldPointer = (field: string): string => `/${fieldPath(field).map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** The last member's name, as messages quote it (`code` for `/error/code`). */
export const fieldName = (field: string): string => fieldPath(field).at(-1) ?? field;

/** The value at the field, or undefined where the body does not reach it. Own members only: a field may be named `__proto__`. */
export const valueAtField = (body: unknown, field: string): unknown => valueAtPath(body, fieldPath(field));

/** The value at a field's path (`fieldPath`), for callers that work the path out once. */
export function valueAtPath(body: unknown, path: readonly string[]): unknown {
  let current = body;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** One member of an object schema: where it is, its own schema, and whether the body must have it. */
export interface MemberSchema {
  field: string;
  schema: Schema;
  required: boolean;
}

interface Node {
  required: Set<string>;
  children: Map<string, Node>;
  leaf?: Schema;
}

const emptyNode = (): Node => ({ required: new Set(), children: new Map() });

/**
 * One object schema holding every member at its place: members under the same parent share one nested
 * object schema (`/error/code` and `/error/message` make one `error`), and a required member makes its
 * parents required.
 */
export function objectSchemaOf(members: readonly MemberSchema[]): Schema {
  const root = emptyNode();
  for (const { field, schema, required } of members) {
    const path = fieldPath(field);
    let node = root;
    path.forEach((segment, i) => {
      if (required) node.required.add(segment);
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = emptyNode()));
      if (i === path.length - 1) child.leaf = { ...child.leaf, ...schema };
      node = child;
    });
  }
  return render(root);
}

function render(node: Node): Schema {
  if (node.children.size === 0) return node.leaf ?? {};
  return {
    ...node.leaf,
    type: 'object',
    ...(node.required.size > 0 ? { required: [...node.required] } : {}),
    // As entries, not assignments: a member may be called `__proto__`.
    properties: Object.fromEntries([...node.children].map(([name, child]) => [name, render(child)])),
  };
}

/**
 * A schema that applies `schema` to the field wherever it is, and (with `present`) holds only when the
 * field is there: for `if` branches and known-code lists, which must not add `type` constraints.
 */
export function schemaAtField(field: string, schema: Schema | false, present = false): Schema {
  const path = fieldPath(field);
  let result: Schema | false = schema;
  for (let i = path.length - 1; i >= 0; i--) {
    const name = path[i]!;
    result = { ...(present ? { required: [name] } : {}), properties: Object.fromEntries([[name, result]]) };
  }
  return result as Schema;
}
