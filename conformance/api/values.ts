import { RE2JS } from 're2js';
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

/**
 * The most characters and elements one sample may hold together. A schema that asks for more
 * (`minLength: 2000000000`, `minItems` nested in `minItems`) is a document's mistake or a trap: built
 * as asked, it took gigabytes or ended the run. Real requests are far smaller.
 */
export const SAMPLE_BUDGET = 1024 * 1024;

/** A schema asks for a sample over SAMPLE_BUDGET: no valid value is built, and the probes that need one are left out. */
export class SampleTooLarge extends Error {
  constructor() {
    super(`its schema asks for a value of more than ${SAMPLE_BUDGET} characters and elements, more than statuslint builds`);
  }
}

/** What is left of a sample's budget as it is built. */
interface Budget {
  left: number;
}

function spend(budget: Budget, amount: number): void {
  budget.left -= amount;
  if (budget.left < 0) throw new SampleTooLarge();
}

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

function stringSample(schema: JsonObject, budget: Budget): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  if (format) return format;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  spend(budget, Math.max(min, 10));
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

/**
 * A value valid for `schema`: its example, default, const or first enum value, else one built from its
 * type; SampleTooLarge where that would hold more than SAMPLE_BUDGET.
 */
export const sampleValue = (document: SpecDocument, raw: unknown): unknown => sampleWithin(document, raw, 0, { left: SAMPLE_BUDGET });

function sampleWithin(document: SpecDocument, raw: unknown, depth: number, budget: Budget): unknown {
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
    if (key !== 'allOf') return sampleWithin(document, list[0], depth + 1, budget);
    const merged: Record<string, unknown> = {};
    for (const part of list) {
      const value = sampleWithin(document, part, depth + 1, budget);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
      const out: Record<string, unknown> = {};
      spend(budget, required.length);
      for (const name of required) out[name] = sampleWithin(document, properties[name], depth + 1, budget);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      spend(budget, min);
      return Array.from({ length: min }, () => sampleWithin(document, schema.items, depth + 1, budget));
    }
    case 'string':
      return stringSample(schema, budget);
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

/**
 * Whether a JSON string may be valid for `schema`: its type allows strings, or it names no type and
 * no members or items (which accepts anything), or an `enum`/`const` holds one; through `oneOf` and
 * `anyOf` (any part) and `allOf` (every part). Doubt counts as yes: the caller keeps writes away.
 */
export function admitsString(document: SpecDocument, raw: unknown, depth = 0): boolean {
  if (raw === undefined) return true;
  const schema = deref(document, raw);
  if (depth > MAX_DEPTH) return true;
  if (schema.const !== undefined) return typeof schema.const === 'string';
  if (Array.isArray(schema.enum)) return schema.enum.some((v) => typeof v === 'string');
  if (Array.isArray(schema.allOf) && !schema.allOf.every((part) => admitsString(document, part, depth + 1))) return false;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0 && !list.some((part) => admitsString(document, part, depth + 1))) return false;
  }
  if (typeof schema.type === 'string') return schema.type === 'string';
  if (Array.isArray(schema.type)) return schema.type.includes('string');
  // Parts that allow a string were found above; with none, a schema that describes members or items is an object's or an array's.
  if ((['allOf', 'oneOf', 'anyOf'] as const).some((key) => Array.isArray(schema[key]) && schema[key].length > 0)) return true;
  return !isObject(schema.properties) && !Array.isArray(schema.required) && schema.items === undefined;
}

/** The required members of an object schema (after `allOf`), in the order written. */
export function requiredMembers(document: SpecDocument, raw: unknown, depth = 0): string[] {
  const schema = deref(document, raw);
  const own = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  if (depth > MAX_DEPTH || !Array.isArray(schema.allOf)) return own;
  return [...new Set([...own, ...schema.allOf.flatMap((part) => requiredMembers(document, part, depth + 1))])];
}

/** What the `unknown-id` probe asks for: a value no object has, or why the parameter has none. */
export type UnknownValue = { value: string } | { none: string };

/** Formats whose every value may name an object: no value of them is surely unknown. */
const FORMATS_WITHOUT_UNKNOWN = new Set(['date', 'date-time', 'time', 'duration', 'ipv4', 'ipv6', 'binary', 'password', 'float', 'double']);

/**
 * A pattern from the document, compiled by a linear-time engine (RE2): a document's pattern must not
 * hold the run (`^(a|a)+$` takes exponential time in a backtracking engine, and Ctrl-C cannot stop
 * it). Undefined when RE2 cannot run it (backreferences, lookaround); the caller must then treat it
 * as matching nothing known, never fall back to `RegExp`.
 */
export function compileDocumentPattern(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch {
    return undefined;
  }
}

/** The salted number above any id a real sequence reaches, moved into the schema's range, if it can be. */
function unknownNumber(schema: JsonObject, salt: string): UnknownValue {
  let value = 900_000_000 + (parseInt(salt.slice(0, 6), 16) % 99_999_999);
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.exclusiveMinimum === true && typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const minimum = typeof schema.minimum === 'number' && schema.exclusiveMinimum !== true ? schema.minimum : undefined;
  const exclusiveMaximum = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.exclusiveMaximum === true && typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const maximum = typeof schema.maximum === 'number' && schema.exclusiveMaximum !== true ? schema.maximum : undefined;
  const lowest = Math.max(minimum ?? -Infinity, exclusiveMinimum ?? -Infinity);
  // Far above the lowest value, as far as above zero: counted ids start at the minimum.
  if (lowest > 0) value += Math.floor(lowest);
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (step !== undefined && Number.isInteger(step)) value = Math.ceil(value / step) * step;
  const fits =
    Number.isSafeInteger(value) &&
    (minimum === undefined || value >= minimum) &&
    (exclusiveMinimum === undefined || value > exclusiveMinimum) &&
    (maximum === undefined || value <= maximum) &&
    (exclusiveMaximum === undefined || value < exclusiveMaximum) &&
    (step === undefined || Number.isInteger(value / step)) &&
    (schema.format !== 'int32' || value <= 2_147_483_647);
  if (fits) return { value: String(value) };
  // A bounded range (`1` to `5`) may be all taken: any value in it may name an object.
  const highest = Math.min(maximum ?? Infinity, exclusiveMaximum ?? Infinity);
  return { none: Number.isFinite(highest) ? `is at most ${highest}: any value it takes may name an object` : 'takes no value far above every id a real object has' };
}

/** The longest unknown id sent in a path: beyond it, servers and proxies refuse the URL (`414`) before any lookup. */
const MAX_ID_LENGTH = 2048;

/** Strings no object has, salted per run, in the shapes ids are usually given. */
function stringCandidates(schema: JsonObject, salt: string): string[] | string {
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const name = `statuslint-missing-${salt}`;
  switch (format) {
    case 'uuid':
      return [`00000000-0000-4000-8000-${salt.padEnd(12, '0').slice(0, 12)}`];
    case 'email':
    case 'idn-email':
      return [`${name}@example.invalid`];
    case 'hostname':
    case 'idn-hostname':
      return [`${name}.invalid`];
    case 'uri':
    case 'url':
    case 'iri':
      return [`https://${name}.invalid/`];
    case 'byte':
      return [Buffer.from(name).toString('base64')];
    case 'int32':
    case 'int64': {
      const number = unknownNumber({ format }, salt);
      return 'value' in number ? [number.value] : number.none;
    }
    default:
      if (format !== undefined && FORMATS_WITHOUT_UNKNOWN.has(format)) return `has format \`${format}\`: no value of it is surely unknown`;
  }
  const plain = name.replace(/-/g, '');
  return [name, plain, name.replace(/-/g, '_'), name.toUpperCase(), plain.toUpperCase(), salt];
}

/**
 * A path value no object can have, which the schema takes (else the server may answer `400` for the
 * value, not `404` for the object): the `unknown-id` probe asks for it, and may DELETE it. Where no
 * value is surely unknown (an enum, a bounded range, a pattern no candidate matches, a short
 * `maxLength`), the answer says why and the probe is left out.
 */
export function unknownValue(document: SpecDocument, raw: unknown, salt: string): UnknownValue {
  const schema = deref(document, raw);
  if (Array.isArray(schema.enum)) return { none: 'is an enum: any of its values may name an object' };
  if (schema.const !== undefined) return { none: 'is a constant: its one value may name an object' };
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return unknownNumber(schema, salt);
  if (type !== undefined && type !== 'string') return { none: `is of type \`${type}\`: no value of it is surely unknown` };
  const candidates = stringCandidates(schema, salt);
  if (typeof candidates === 'string') return { none: candidates };
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (minLength > MAX_ID_LENGTH) return { none: `is at least ${minLength} characters: longer than an id statuslint sends (${MAX_ID_LENGTH})` };
  // Lengths count code points, as JSON Schema does; the candidates are ASCII.
  const sized = candidates.map((c) => (c.length < minLength ? c.padEnd(minLength, 'x') : c)).filter((c) => c.length <= maxLength);
  if (sized.length === 0) return { none: `is at most ${maxLength} characters: too short for a value surely unknown` };
  if (typeof schema.pattern !== 'string') return { value: sized[0]! };
  const pattern = compileDocumentPattern(schema.pattern);
  if (!pattern) return { none: 'has a `pattern` a linear-time engine cannot run (backreferences or lookaround): no value is known to match it' };
  const matching = sized.find((c) => pattern.test(c));
  return matching !== undefined ? { value: matching } : { none: 'has a `pattern` that no value surely unknown matches' };
}

/** Percent-encoded, dots too where the value is all dots: a value of the document must not climb to another path (`..`). */
const pathSegment = (value: string): string => (/^\.+$/.test(value) ? value.replace(/\./g, '%2E') : encodeURIComponent(value));

/** A path template filled in: each `{name}` from `values`, percent-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => pathSegment(values[name] ?? 'statuslint'));
}
