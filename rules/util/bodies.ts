/**
 * Recognizing the three error body shapes in a resolved object: a Kubernetes `Status`, an error
 * envelope (`{ error, message, requestId }` or a profile's own field names) and problem details.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { fieldAt } from './fields.js';
import type { Catalogs } from './settings.js';
import type { ObjectValue, Property, Resolver, Value } from './values.js';

export interface Field {
  property: Property;
  value: Value;
}

export function field(resolver: Resolver, object: ObjectValue, key: string): Field | undefined {
  const fields = (object.fields ??= new Map());
  if (fields.has(key)) return fields.get(key) as Field | undefined;
  // A profile may name its code field by a JSON pointer into nested objects (`/error/code`).
  const property = key.startsWith('/') ? fieldAt(resolver, object, key)?.property : object.properties.get(key);
  const found = property ? { property, value: resolver.valueOf(property) } : undefined;
  fields.set(key, found);
  return found;
}

export const stringOf = (f: Field | undefined): string | undefined => (f?.value.kind === 'string' ? f.value.value : undefined);
export const numberOf = (f: Field | undefined): number | undefined => (f?.value.kind === 'number' ? f.value.value : undefined);

/** A status code as the body states it: a number, or a numeric string such as `"404"` (itself a defect). */
export function statusNumber(f: Field | undefined): number | undefined {
  if (f?.value.kind === 'number') return f.value.value;
  if (f?.value.kind === 'string' && /^[1-5]\d\d$/.test(f.value.value)) return Number(f.value.value);
  return undefined;
}

export const isHttpStatus = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 100 && n <= 599;

/** `status` of a Kubernetes Status: exactly one of these two words. */
export const STATUS_SUCCESS = 'Success';
export const STATUS_FAILURE = 'Failure';

/**
 * A Kubernetes `Status`: `kind: "Status"`, or a `reason` with a `code` that look like one (a
 * CamelCase reason and an HTTP status code), so that `{ reason: "user cancelled", code: 4001 }` is left alone.
 */
export function isStatusShaped(resolver: Resolver, object: ObjectValue): boolean {
  const shapes = (object.shapes ??= {});
  return (shapes.status ??= statusShaped(resolver, object));
}

function statusShaped(resolver: Resolver, object: ObjectValue): boolean {
  const kind = field(resolver, object, 'kind');
  if (kind) {
    const value = stringOf(kind);
    if (value === 'Status') return true;
    if (value !== undefined || kind.value.kind !== 'unknown') return false;
  }
  const reason = field(resolver, object, 'reason');
  const code = field(resolver, object, 'code');
  if (!reason || !code) return false;
  const codeValue = statusNumber(code);
  if (code.value.kind !== 'unknown' && !isHttpStatus(codeValue)) return false;
  if (reason.value.kind === 'unknown') return codeValue !== undefined;
  const reasonValue = stringOf(reason);
  return reasonValue !== undefined && (reasonValue === '' || /^[A-Z][A-Za-z0-9]*$/.test(reasonValue));
}

/**
 * A `Status` that reports success: `status: "Success"`, or no `status` word and a `code` below 400.
 * Clients act on the reason of a failure only; `reason: "Deleted"` on a success is free text.
 */
export function isSuccessStatus(resolver: Resolver, object: ObjectValue): boolean {
  const status = stringOf(field(resolver, object, 'status'));
  if (status !== undefined) return status === STATUS_SUCCESS;
  const code = statusNumber(field(resolver, object, 'code'));
  return code !== undefined && code < 400;
}

const PROBLEM_MEMBERS = ['type', 'title', 'detail', 'instance'];

/** RFC 9457 problem details: a numeric `status` beside `type`, `title`, `detail` or `instance`. */
export function isProblemShaped(resolver: Resolver, object: ObjectValue): boolean {
  const shapes = (object.shapes ??= {});
  return (shapes.problem ??= problemShaped(resolver, object));
}

function problemShaped(resolver: Resolver, object: ObjectValue): boolean {
  if (stringOf(field(resolver, object, 'kind')) === 'Status') return false;
  const status = field(resolver, object, 'status');
  if (!status || status.value.kind === 'string' || status.value.kind === 'object') return false;
  return PROBLEM_MEMBERS.some((key) => object.properties.has(key));
}

/**
 * The error code of an envelope-shaped object, or undefined. Unless the user chose an envelope
 * profile, only code-like values count: `{ error: "Something went wrong" }` is prose, not a code.
 */
export function envelopeCode(resolver: Resolver, object: ObjectValue, catalogs: Catalogs): Field | undefined {
  const code = field(resolver, object, catalogs.envelopeFields.code);
  const value = stringOf(code);
  if (value === undefined || value === '') return undefined;
  if (!catalogs.envelopeChosen && !/^[A-Za-z][A-Za-z0-9]*(?:[_.:-][A-Za-z0-9]+)*$/.test(value)) return undefined;
  if (isStatusShaped(resolver, object) || isProblemShaped(resolver, object)) return undefined;
  return code;
}

/** A catalog place as words: `container-waiting-reason` → `container waiting reason`. */
export function placeName(appearsIn: string): string {
  return appearsIn.replace(/-/g, ' ');
}

/**
 * A cheap first look at an object literal before resolving anything: does it write one of these
 * keys itself? Every object in a file passes through here, so no scope look-ups.
 */
export function writesKey(node: TSESTree.ObjectExpression, keys: ReadonlySet<string>): boolean {
  for (const member of node.properties) {
    if (member.type !== 'Property') continue;
    const key = member.key;
    if (!member.computed && key.type === 'Identifier' ? keys.has(key.name) : key.type === 'Literal' && typeof key.value === 'string' && keys.has(key.value)) {
      return true;
    }
  }
  return false;
}
