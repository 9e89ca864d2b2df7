import { fieldPath } from '../../schemas/body-fields.js';
import type { BodyShape, Level, Profile } from '../../schemas/types.js';
import { isObject, type Located, type SpecDocument } from './document.js';
import { shapeOf, typesOf } from './schema.js';

/**
 * What "compatible with the profile's error schema" means: the schema describes an object whose
 * members the profile's clients read are declared with the type they read. Judged structurally,
 * never by the schema's name:
 * - required: missing or of another type is a MUST finding (a client cannot read the error);
 * - recommended: missing is a SHOULD finding; of another type a MUST finding;
 * - optional: only its type is judged, when it is declared.
 */
export type Presence = 'required' | 'recommended' | 'optional';
export type MemberType = 'string' | 'integer' | 'object' | 'array';

export interface ErrorMember {
  /** As messages show it: `reason`, or for a nested member `error.code`. */
  name: string;
  /** The property names leading to it from the body: `['error', 'code']`. */
  path: readonly string[];
  type: MemberType;
  /** Other types a client reads as well (a message that may be a list of messages). */
  otherTypes?: readonly MemberType[];
  presence: Presence;
}

const member = (name: string, type: MemberType, presence: Presence): ErrorMember => ({ name, path: [name], type, presence });

/**
 * A profile's field: a member name (`error`), or a JSON pointer (RFC 6901) into the body for a nested
 * one (`/error/code`, as Stripe's `{"error": {"code": …}}` has it).
 */
function fieldMember(field: string, type: MemberType, presence: Presence, otherTypes?: readonly MemberType[]): ErrorMember {
  const path = fieldPath(field);
  return { name: path.join('.'), path, type, presence, ...(otherTypes ? { otherTypes } : {}) };
}

const KUBERNETES_MEMBERS: readonly ErrorMember[] = [
  member('kind', 'string', 'required'),
  member('apiVersion', 'string', 'required'),
  member('status', 'string', 'required'),
  member('message', 'string', 'recommended'),
  member('reason', 'string', 'required'),
  member('details', 'object', 'optional'),
  member('code', 'integer', 'required'),
];

// RFC 9457 section 3.1: every member is optional on the wire, but a client needs `status` and `title`
// to act and show something; `type` and `detail` are what make a problem more than its status.
const PROBLEM_MEMBERS: readonly ErrorMember[] = [
  member('type', 'string', 'recommended'),
  member('title', 'string', 'required'),
  member('status', 'integer', 'required'),
  member('detail', 'string', 'recommended'),
  member('instance', 'string', 'optional'),
];

function envelopeMembers(body: Extract<BodyShape, { kind: 'envelope' }>): ErrorMember[] {
  const members: ErrorMember[] = [];
  if (body.codeField !== undefined) members.push(fieldMember(body.codeField, 'string', body.codeRequired === false ? 'optional' : 'required'));
  members.push(fieldMember(body.messageField, 'string', 'required', body.messageList ? ['array'] : undefined));
  if (body.requestIdField) members.push(fieldMember(body.requestIdField, 'string', body.requestIdRequired ? 'required' : 'optional'));
  if (body.statusField) members.push(fieldMember(body.statusField, 'integer', body.statusRequired === true ? 'required' : 'optional'));
  if (body.documentationField) members.push(fieldMember(body.documentationField, 'string', body.documentationRequired === true ? 'required' : 'optional'));
  // One field may play two parts: GitHub's `message` is its code and its message.
  return members.filter((m, i) => members.findIndex((n) => n.name === m.name) === i);
}

/** The members an error body of the profile has; undefined for a profile without an error body. */
export function errorMembers(profile: Profile): readonly ErrorMember[] | undefined {
  switch (profile.body.kind) {
    case 'kubernetes-status':
      return KUBERNETES_MEMBERS;
    case 'problem':
      return PROBLEM_MEMBERS;
    case 'envelope':
      return envelopeMembers(profile.body);
    case 'none':
      return undefined;
  }
}

/** The member that carries the error code: `reason`, the envelope's code field; none for problem details. */
export function codeMember(profile: Profile): ErrorMember | undefined {
  if (profile.body.kind === 'kubernetes-status') return member('reason', 'string', 'required');
  if (profile.body.kind === 'envelope' && profile.body.codeField !== undefined) return fieldMember(profile.body.codeField, 'string', 'required');
  return undefined;
}

const SHAPE_NAMES: Readonly<Record<Profile['body']['kind'], string>> = {
  'kubernetes-status': 'Status',
  envelope: 'error envelope',
  problem: 'problem details',
  none: 'error body',
};

/** `Status`, `error envelope` or `problem details`: what the messages call the profile's error body. */
export const shapeName = (profile: Profile): string => SHAPE_NAMES[profile.body.kind];

/** `a Status`, `an error envelope`. */
export const withArticle = (name: string): string => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;

/** A member's schema within an error schema, or the deepest schema on its way that lacks the next step. */
export function memberSchema(document: SpecDocument, schema: Located, path: readonly string[]): { found: Located | undefined; deepest: Located } {
  let current = schema;
  for (const name of path) {
    const property = shapeOf(document, current).properties.get(name);
    if (!property) return { found: undefined, deepest: current };
    current = property;
  }
  return { found: current, deepest: current };
}

export interface MemberProblem {
  member: ErrorMember;
  level: Level;
  /** The schema (missing member) or the member's schema (wrong type). */
  pointer: string;
  /** `missing`, `no type`, or the declared types, e.g. `number`, `string|null`. */
  received: string;
}

export interface SchemaJudgement {
  /** The schema describes something other than an object: its declared types. */
  notObject?: { pointer: string; types: string };
  problems: MemberProblem[];
}

const describeTypes = (types: Set<string>): string => (types.size === 0 ? 'no type' : [...types].sort().join('|'));

function judgeMembers(document: SpecDocument, schema: Located, members: readonly ErrorMember[]): SchemaJudgement {
  const shape = shapeOf(document, schema);
  const ownTypes = shape.types;
  if (ownTypes.size > 0 && !ownTypes.has('object')) return { notObject: { pointer: schema.pointer, types: describeTypes(ownTypes) }, problems: [] };
  const problems: MemberProblem[] = [];
  for (const member of members) {
    const { found: property, deepest } = memberSchema(document, schema, member.path);
    if (!property) {
      if (member.presence === 'required') problems.push({ member, level: 'MUST', pointer: deepest.pointer, received: 'missing' });
      else if (member.presence === 'recommended') problems.push({ member, level: 'SHOULD', pointer: deepest.pointer, received: 'missing' });
      continue;
    }
    const types = typesOf(document, property);
    if (types.has(member.type) || member.otherTypes?.some((type) => types.has(type))) continue;
    // An integer member documented as `number` still reads; `type` is what was left out.
    const level: Level = types.size === 0 || (member.type === 'integer' && types.has('number')) ? 'SHOULD' : 'MUST';
    problems.push({ member, level, pointer: property.pointer, received: describeTypes(types) });
  }
  return { problems };
}

/**
 * Judge an error response's schema. A schema that is a choice (`oneOf`/`anyOf`) of bodies is
 * compatible when every branch is: a client cannot tell which one it will get.
 */
export function judgeErrorSchema(document: SpecDocument, schema: Located, members: readonly ErrorMember[]): SchemaJudgement {
  const shape = shapeOf(document, schema);
  if (shape.properties.size === 0 && shape.alternatives.length > 0) {
    const judgements = shape.alternatives.map((branch) => judgeErrorSchema(document, branch, members));
    return { problems: judgements.flatMap((j) => j.problems), ...notObjectOf(judgements) };
  }
  return judgeMembers(document, schema, members);
}

function notObjectOf(judgements: SchemaJudgement[]): Pick<SchemaJudgement, 'notObject'> {
  const first = judgements.find((j) => j.notObject);
  return first?.notObject ? { notObject: first.notObject } : {};
}

/** A schema that declares every required member (types aside): an error body, wherever it is used. */
export function isErrorShaped(document: SpecDocument, schema: Located, members: readonly ErrorMember[]): boolean {
  return members.every((m) => m.presence !== 'required' || memberSchema(document, schema, m.path).found !== undefined);
}

const compatibleByDocument = new WeakMap<SpecDocument, Map<string, string | null>>();

/** A named schema of the document that is fully compatible, to point authors at: `#/definitions/…Status`. */
export function compatibleNamedSchema(document: SpecDocument, profile: Profile): string | undefined {
  const members = errorMembers(profile);
  if (!members) return undefined;
  let cache = compatibleByDocument.get(document);
  if (!cache) compatibleByDocument.set(document, (cache = new Map()));
  const key = `${profile.name}\u0000${profile.origin}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  let found: string | null = null;
  for (const { pointer, value } of document.namedSchemas()) {
    if (!isObject(value)) continue;
    const schema = document.resolve(value, pointer);
    if (!isErrorShaped(document, schema, members)) continue;
    const judgement = judgeErrorSchema(document, schema, members);
    if (!judgement.notObject && judgement.problems.length === 0) {
      found = `#${pointer}`;
      break;
    }
  }
  cache.set(key, found);
  return found ?? undefined;
}
