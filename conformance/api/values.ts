import { isObject, type JsonObject, type SpecDocument } from '../spec/document.js';

/**
 * Values that fit a schema, for the parts of a request a probe does not mean to break. Deterministic
 * and minimal (required members only): a probe must break exactly one thing, so everything else has
 * to be valid, and the same document must give the same requests on every run.
 */
const FORMAT_SAMPLES: Record<string, string> = {
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'probe@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'c3RhdHVzbGludA==',
};

const MAX_DEPTH = 8;

/** Follow a `$ref` (local, as the loader leaves them) or return the schema itself. */
function deref(document: SpecDocument, schema: unknown): JsonObject {
  if (!isObject(schema)) return {};
  if (typeof schema.$ref !== 'string') return schema;
  try {
    const { value } = document.resolve<unknown>(schema, '');
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (isObject(schema.properties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function stringSample(schema: JsonObject): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  if (format) return format;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  let value = 'statuslint';
  if (value.length < min) value = value.padEnd(min, 'x');
  if (value.length > max) value = value.slice(0, Math.max(max, min));
  return value;
}

function numberSample(schema: JsonObject, integer: boolean): number {
  const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = min ?? 1;
  if (max !== undefined && value > max) value = max;
  return integer ? Math.ceil(value) : value;
}

/** A value valid for `schema`: its example, default, const or first enum value, else one built from its type. */
export function sampleValue(document: SpecDocument, raw: unknown, depth = 0): unknown {
  const schema = deref(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (depth > MAX_DEPTH) return null;
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    if (key !== 'allOf') return sampleValue(document, list[0], depth + 1);
    const merged: Record<string, unknown> = {};
    for (const part of list) {
      const value = sampleValue(document, part, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
      const out: Record<string, unknown> = {};
      for (const name of required) out[name] = sampleValue(document, properties[name], depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: min }, () => sampleValue(document, schema.items, depth + 1));
    }
    case 'string':
      return stringSample(schema);
    case 'integer':
      return numberSample(schema, true);
    case 'number':
      return numberSample(schema, false);
    case 'boolean':
      return true;
    default:
      return 'statuslint';
  }
}

/** The required members of an object schema (after `allOf`), in the order written. */
export function requiredMembers(document: SpecDocument, raw: unknown, depth = 0): string[] {
  const schema = deref(document, raw);
  const own = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  if (depth > MAX_DEPTH || !Array.isArray(schema.allOf)) return own;
  return [...new Set([...own, ...schema.allOf.flatMap((part) => requiredMembers(document, part, depth + 1))])];
}

/**
 * A path value no object can have, of the parameter's type: the `unknown-id` probe asks for it. An
 * enum or const leaves no unknown value to ask for.
 */
export function unknownValue(document: SpecDocument, raw: unknown, salt: string): string | undefined {
  const schema = deref(document, raw);
  if (Array.isArray(schema.enum) || schema.const !== undefined) return undefined;
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') {
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    const value = 900_000_000 + (parseInt(salt.slice(0, 6), 16) % 99_999_999);
    return String(max !== undefined && value > max ? max : value);
  }
  if (schema.format === 'uuid') return `00000000-0000-4000-8000-${salt.padEnd(12, '0').slice(0, 12)}`;
  const candidate = `statuslint-missing-${salt}`;
  if (typeof schema.pattern !== 'string') return candidate;
  let pattern: RegExp;
  try {
    pattern = new RegExp(schema.pattern, 'u');
  } catch {
    return candidate;
  }
  return [candidate, candidate.replace(/-/g, ''), salt].find((c) => pattern.test(c));
}

/** A path template filled in: each `{name}` from `values`, percent-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'statuslint'));
}
