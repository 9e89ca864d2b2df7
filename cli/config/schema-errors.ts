/**
 * A config that breaks its schema, in one line a user can act on: the key path as written in the file
 * (`waivers[2].check`), what is wrong, and what is allowed (`unknown probe "foo" (allowed: …)`), where
 * ajv's own message would say `must be equal to one of the allowed values` and name neither.
 */
import { closest } from 'fastest-levenshtein';
import type { ErrorObject } from '../../schemas/compile.js';

/** Keys whose values (or items, or map keys) are ids of one kind: errors name the kind. */
const NOUNS: Readonly<Record<string, string>> = { probes: 'probe', probe: 'probe', checks: 'check', check: 'check', format: 'format', inherit: 'inherited set' };

const TYPE_WORDS: Readonly<Record<string, string>> = { string: 'a text', integer: 'a whole number', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a map' };

/** `/waivers/2/check` → `waivers[2].check`, as a reader finds it in the file. */
export function keyPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) segments.push(child);
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}

/** The kind of id a place holds: named by its key, or for a list item by the list's. */
function nounAt(instancePath: string): string | undefined {
  const segments = instancePath.split('/').slice(1);
  const last = segments.at(-1);
  if (last !== undefined && NOUNS[last]) return NOUNS[last];
  if (last !== undefined && /^\d+$/.test(last)) return NOUNS[segments.at(-2) ?? ''];
  return undefined;
}

const quoted = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function unknownKey(error: ErrorObject): string {
  const key = String(error.params.additionalProperty);
  const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((name) => name !== '$schema');
  const noun = nounAt(error.instancePath) ?? 'key';
  const guess = allowed.length > 0 ? closest(key, allowed) : undefined;
  const hint = guess !== undefined && guess !== key && closeEnough(key, guess) ? `did you mean "${guess}"? ` : '';
  return `${keyPath(error.instancePath, key)}: unknown ${noun} "${key}" (${hint}allowed: ${allowed.join(', ')})`;
}

/** A guess worth offering: a typo, not another word. */
const closeEnough = (a: string, b: string): boolean => {
  const shorter = Math.min(a.length, b.length);
  let same = 0;
  while (same < shorter && a[same] === b[same]) same++;
  return same >= 2 || a.toLowerCase() === b.toLowerCase();
};

function notAllowed(error: ErrorObject): string {
  const allowed = (error.params.allowedValues as unknown[]).map((value) => String(value));
  const noun = nounAt(error.instancePath);
  const what = noun ? `unknown ${noun} ${quoted(error.data)}` : `${quoted(error.data)} is not allowed`;
  return `${keyPath(error.instancePath)}: ${what} (allowed: ${allowed.join(', ')})`;
}

/** The matchers an `anyOf` of `required` branches asks for at least one of. */
function oneOfKeys(error: ErrorObject): string {
  const branches = (error.schema as Array<{ required?: string[] }> | undefined) ?? [];
  const keys = branches.flatMap((branch) => branch.required ?? []);
  return `${keyPath(error.instancePath)}: needs at least one of ${keys.join(', ')}`;
}

function describe(error: ErrorObject): string {
  const where = keyPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(error);
    case 'enum':
      return notAllowed(error);
    case 'anyOf':
      return oneOfKeys(error);
    case 'required':
      return `${where ? `${where}: ` : ''}missing "${String(error.params.missingProperty)}"`;
    case 'type': {
      const types = String(error.params.type).split(',');
      return `${where}: must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}, not ${quoted(error.data)}`;
    }
    case 'minimum':
      return `${where}: must be at least ${String(error.params.limit)}`;
    case 'minLength':
      return `${where}: must not be empty`;
    case 'minItems':
      return `${where}: must list at least ${String(error.params.limit)}`;
    case 'uniqueItems':
      return `${where}: lists ${quoted(error.data instanceof Array ? error.data[error.params.j as number] : '')} twice`;
    case 'format':
    case 'pattern':
      if (where.endsWith('expires')) return `${where}: must be a date, YYYY-MM-DD, not ${quoted(error.data)}`;
      if (where.endsWith('fingerprint')) return `${where}: must be a fingerprint of 16 hex digits, as in the JSON results, not ${quoted(error.data)}`;
      if (where === 'server') return `${where}: must be an http or https URL, not ${quoted(error.data)}`;
      return `${where}: ${error.message ?? 'is invalid'}`;
    default:
      return `${where || 'the file'}: ${error.message ?? 'is invalid'}`;
  }
}

/** Errors an `anyOf` gathered from its branches stand behind the `anyOf` error itself. */
const fromBranch = (error: ErrorObject): boolean => /\/anyOf\/\d+\//.test(error.schemaPath);

/** The one line for a config's schema errors: the first that says something on its own. */
export function describeConfigErrors(errors: readonly ErrorObject[]): string {
  const first = errors.find((error) => !fromBranch(error)) ?? errors[0];
  return first ? describe(first) : 'is not a valid config';
}
