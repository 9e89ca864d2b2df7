/**
 * Where a body keeps a field: a top-level member named as it is (`statusCode`), or a JSON pointer
 * (RFC 6901) into nested objects (`/error/code`), as profiles name envelope fields. A name never
 * starts with `/`, so the two cannot be confused.
 */
import { fieldPath } from '../../schemas/body-fields.js';
import type { ObjectValue, Property, Resolver, Value } from './values.js';

/** The field as people read it in a message: `error.code` for `/error/code`. */
export const fieldLabel = (field: string): string => fieldPath(field).join('.');

/** The property at a field and its value, or undefined where the object, as far as it is known, does not reach it. */
export function fieldAt(resolver: Resolver, object: ObjectValue, field: string): { property: Property; value: Value } | undefined {
  let current: ObjectValue | undefined = object;
  let found: { property: Property; value: Value } | undefined;
  for (const segment of fieldPath(field)) {
    const property: Property | undefined = current?.properties.get(segment);
    if (!property) return undefined;
    found = { property, value: resolver.valueOf(property) };
    current = found.value.kind === 'object' ? found.value.object : undefined;
  }
  return found;
}
