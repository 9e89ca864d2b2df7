/**
 * How well error bodies fit a profile's shape: which built-in profile a run's first error bodies fit
 * (`--profile auto`), and the run-level note when most of them fit the chosen profile's shape not at
 * all. Pure: it reads bodies and results, and sends nothing.
 */
import { builtinProfile, BUILTIN_PROFILES, type BuiltinProfileName } from '../schemas/catalog.js';
import { bodySchemaFor } from '../schemas/body-schemas.js';
import { compileProfile } from '../schemas/compile.js';
import { InputError } from '../schemas/errors.js';
import type { Profile } from '../schemas/types.js';
import type { CheckResult } from './check.js';
import type { RunDiagnostic } from './diagnostics.js';
import type { ResultItem, Results } from './results.js';
import { clip } from './untrusted.js';

/** How many error bodies `auto` and the mismatch note read: the first ones, enough to see a pattern. */
export const BODIES_READ = 20;

/** Below this many error bodies a run says nothing about the profile: one odd body is no pattern. */
const FEWEST_FOR_A_PATTERN = 3;

/**
 * The member each framework writes first, to tell apart profiles that fit the same bodies with as many
 * members: Fastify serialises `{statusCode, error, message}`, NestJS's exceptions `{message, error, statusCode}`.
 */
const LEADING_MEMBER: Readonly<Record<BuiltinProfileName, string>> = {
  kubernetes: 'kind',
  problem: 'type',
  envelope: 'error',
  fastify: 'statusCode',
  nestjs: 'message',
  fastapi: 'detail',
  github: 'message',
  stripe: 'error',
};

/**
 * The last tie-break, so the pick never depends on the order of a list: the stricter shape first (a
 * problem-details body also has FastAPI's `detail`, an envelope GitHub's `message`). A record, so a
 * new built-in cannot be left out.
 */
const STRICTNESS: Readonly<Record<BuiltinProfileName, number>> = {
  kubernetes: 0,
  problem: 1,
  envelope: 2,
  stripe: 3,
  fastify: 4,
  nestjs: 5,
  github: 6,
  fastapi: 7,
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A body's shape as the notes quote it: its top-level members (`{detail}`, `{message, error, statusCode}`), or what it is instead. */
export function shapeOfBody(body: unknown): string {
  if (Array.isArray(body)) return 'a JSON array';
  if (!isObject(body)) return body === null ? '`null`' : `a JSON ${typeof body}`;
  const members = Object.keys(body);
  const shown = members.slice(0, 6).map((member) => clip(member, 40));
  return `{${shown.join(', ')}${members.length > shown.length ? ', …' : ''}}`;
}

/** The shapes seen, most frequent first, each with its count. */
export function shapesSeen(bodies: readonly unknown[]): Array<{ shape: string; count: number }> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    const shape = shapeOfBody(body);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return [...counts].map(([shape, count]) => ({ shape, count })).sort((a, b) => b.count - a.count || a.shape.localeCompare(b.shape)).slice(0, 3);
}

interface StructureSchema {
  properties?: Record<string, StructureSchema>;
}

const structureByProfile = new WeakMap<Profile, StructureSchema>();

/** The profile's shape as its body schema states it (`Structure`), or an empty one for a profile with no body. */
function structureOf(profile: Profile): StructureSchema {
  let structure = structureByProfile.get(profile);
  if (!structure) {
    structure = ((bodySchemaFor(profile)?.$defs as Record<string, StructureSchema> | undefined)?.Structure ?? {}) as StructureSchema;
    structureByProfile.set(profile, structure);
  }
  return structure;
}

/**
 * How many of the members the shape names the body has, nested ones too (Stripe's `error.code`):
 * of the profiles a body fits, the one that names most of it is the one it was written for.
 */
function membersMatched(schema: StructureSchema, body: unknown): number {
  if (!isObject(body) || !schema.properties) return 0;
  let matched = 0;
  for (const [member, memberSchema] of Object.entries(schema.properties)) {
    if (Object.hasOwn(body, member)) matched += 1 + membersMatched(memberSchema, body[member]);
  }
  return matched;
}

/** How many of the bodies have the profile's shape (its schema's `Structure`: codes are other checks' business). */
export function fitsOf(profile: Profile, bodies: readonly unknown[]): number {
  return fittingBodies(profile, bodies).length;
}

function fittingBodies(profile: Profile, bodies: readonly unknown[]): unknown[] {
  const structure = compileProfile(profile).structure;
  return structure ? bodies.filter((body) => structure(body)) : [];
}

export interface ProfilePick {
  profile: Profile;
  fits: number;
  of: number;
}

interface Fit {
  name: BuiltinProfileName;
  /** Bodies of the profile's shape. */
  fits: number;
  /** The members of its shape those bodies have, all told. */
  matched: number;
  /** Bodies that open with the member its framework writes first. */
  leading: number;
}

function fitOf(name: BuiltinProfileName, bodies: readonly unknown[]): Fit {
  const profile = builtinProfile(name);
  const fitting = fittingBodies(profile, bodies);
  const structure = structureOf(profile);
  return {
    name,
    fits: fitting.length,
    matched: fitting.reduce((sum: number, body) => sum + membersMatched(structure, body), 0),
    leading: fitting.filter((body) => isObject(body) && Object.keys(body)[0] === LEADING_MEMBER[name]).length,
  };
}

/** Better first: more bodies fit; then the shape that names more of them; then the framework's member order; then the stricter shape. */
const byBestFit = (a: Fit, b: Fit): number => b.fits - a.fits || b.matched - a.matched || b.leading - a.leading || STRICTNESS[a.name] - STRICTNESS[b.name];

/**
 * The built-in profile that most of the bodies fit, and of those the most specific: a NestJS
 * `{message, error, statusCode}` also fits GitHub's `{message}`, a Stripe-like `{error: {code, message}}`
 * fits no flat envelope. Undefined when none fits any.
 */
export function pickProfile(bodies: readonly unknown[]): ProfilePick | undefined {
  const best = BUILTIN_PROFILES.map((name) => fitOf(name, bodies)).sort(byBestFit)[0];
  if (!best || best.fits === 0) return undefined;
  return { profile: builtinProfile(best.name), fits: best.fits, of: bodies.length };
}

/** The JSON error body of a result item, undefined when it has none to judge (a success, no JSON, a body cut short). */
function errorBodyOf(item: ResultItem): unknown {
  const response = item.response;
  if (!response || response.status < 400 || response.body === undefined || response.truncated) return undefined;
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The checks that read the members of the error body: on a body of another shape, each of them fails for that one reason. */
export const BODY_SHAPE_CHECKS: ReadonlySet<string> = new Set([
  'schema',
  'reason-expected',
  'reason-known',
  'reason-code-match',
  'reason-is-api-reason',
  'message-present',
  'code-matches-http-status',
  'causes-expected',
  'cause-reason-known',
  'details-match-request',
  'status-matches-http-class',
  'request-id-echoed',
  'request-id-distinct',
]);

/** What the profile's error body is called in a sentence: "are problem details", "have the shape of the `nestjs` profile". */
function profileShapeName(profile: Profile): string {
  switch (profile.body.kind) {
    case 'problem':
      return 'are problem details';
    case 'kubernetes-status':
      return 'are Kubernetes `Status` objects';
    default:
      return `have the shape of the \`${profile.name}\` profile`;
  }
}

const requiredByProfile = new WeakMap<Profile, readonly string[]>();

/** The top-level members every body of the profile has (its schema's `Structure.required`). */
function requiredMembers(profile: Profile): readonly string[] {
  let required = requiredByProfile.get(profile);
  if (!required) {
    const structure = (bodySchemaFor(profile)?.$defs as Record<string, { required?: string[] }> | undefined)?.Structure;
    requiredByProfile.set(profile, (required = structure?.required ?? []));
  }
  return required;
}

/**
 * Whether a body is one of the profile's at all: an object with every member the profile requires,
 * whatever their values. A `Status` with a wrong `status` is a `Status` (its findings stand); a
 * `{detail}` body is no problem details.
 */
export function isProfileShaped(profile: Profile, body: unknown): boolean {
  return isObject(body) && requiredMembers(profile).every((member) => Object.hasOwn(body, member));
}

/**
 * The note for a profile most error bodies do not fit, or undefined when they fit (or are too few to
 * tell). It names the shape seen and, when a built-in fits better, that profile.
 */
export function profileMismatch(profile: Profile, bodies: readonly unknown[]): Extract<RunDiagnostic, { kind: 'profile-mismatch' }> | undefined {
  const read = bodies.slice(0, BODIES_READ);
  if (read.length < FEWEST_FOR_A_PATTERN || profile.body.kind === 'none') return undefined;
  const fits = read.filter((body) => isProfileShaped(profile, body)).length;
  if (fits * 2 >= read.length) return undefined;
  const better = pickProfile(read);
  return {
    kind: 'profile-mismatch',
    level: 'MUST',
    profile: profile.name,
    shape: profileShapeName(profile),
    fits,
    of: read.length,
    seen: shapesSeen(read),
    ...(better && better.fits > fits && better.profile.name !== profile.name ? { fitting: { profile: better.profile.name, fits: better.fits } } : {}),
    responses: 0,
  };
}

/** Said once for the run in place of each response's findings on the body's shape. */
export const SAID_ONCE_SHAPE = 'the error body does not have the profile\'s shape: said once for the run (profile mismatch), not on each response';

const skipped = (result: CheckResult, reason: string): CheckResult => ({ checkId: result.checkId, level: result.level, outcome: 'skip', reason });

/**
 * The results with a note when most error bodies are not of the profile's shape (`bodies`: each
 * item's error body, undefined where it has none; by default read from the recorded responses): the
 * findings on the body of every response whose body is not of that shape become skips that point at
 * the note, which counts as one MUST finding of the run.
 */
export function withProfileFit(results: Results, profile: Profile, bodies: ReadonlyArray<unknown> = results.items.map(errorBodyOf)): Results {
  const mismatch = profileMismatch(profile, bodies.filter((body) => body !== undefined));
  if (!mismatch) return results;
  let responses = 0;
  const items = results.items.map((item, i) => {
    const fitted = fittedItem(item, bodies[i], profile);
    if (fitted !== item) responses++;
    return fitted;
  });
  return { ...results, items, diagnostics: [...(results.diagnostics ?? []), { ...mismatch, responses }] };
}

/**
 * One response of a run whose error bodies mostly do not fit the profile (see `withProfileFit`): its
 * findings on the body's shape become skips pointing at the run's note, when its body (`body`, its
 * error body or undefined) is not of the profile's shape. The same item when nothing changed.
 */
export function fittedItem(item: ResultItem, body: unknown, profile: Profile): ResultItem {
  if (body === undefined || isProfileShaped(profile, body)) return item;
  const checks = item.checks.map((result) => (result.outcome === 'fail' && BODY_SHAPE_CHECKS.has(result.checkId) ? skipped(result, SAID_ONCE_SHAPE) : result));
  return checks.some((result, j) => result !== item.checks[j]) ? { ...item, checks } : item;
}

/** The error body of a response read from a file (validate): a bare body counts as one. Undefined where there is none to judge. */
export const errorBodyOfView = (view: { status: number | undefined; body: unknown; truncated?: boolean }): unknown =>
  (view.status === undefined || view.status >= 400) && !view.truncated ? view.body : undefined;

/** The note for the profile `auto` picked from these error bodies; an input error when no built-in fits any. */
export function pickedFrom(bodies: readonly unknown[], where: string): { profile: Profile; note: RunDiagnostic } {
  const read = bodies.filter((body) => body !== undefined).slice(0, BODIES_READ);
  const pick = pickProfile(read);
  if (!pick) {
    const seen = read.length === 0 ? 'no JSON error body' : `seen: ${shapesSeen(read).map((s) => s.shape).join(', ')}`;
    throw new InputError(`auto: no built-in profile fits the error bodies of ${where} (${seen}); name one, or describe the shape in a profile file`, '--profile');
  }
  return { profile: pick.profile, note: { kind: 'profile-picked', profile: pick.profile.name, fits: pick.fits, of: pick.of, seen: shapesSeen(read) } };
}
