import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { bodySchemaFor, watchEventSchema } from './body-schemas.js';
import { AUTO_PROFILE, BUILTIN_PROFILES } from './builtin-profiles.js';
import { builtinProfile, indexOf, isBuiltinProfileName, profileFromDocument, type ProfileIndex } from './catalog.js';
import { InputError } from './errors.js';
import { profileJsonSchema } from './profile-schema.js';
import type { Profile, ProfileDocument } from './types.js';

// ajv-formats ships CommonJS with a default export property.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

export function createAjv(options: { allErrors?: boolean; verbose?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: options.allErrors ?? true,
    // Errors with the schema they broke, for messages that list what is allowed.
    verbose: options.verbose ?? false,
    // The pairing branches (`if: {required: [reason]}`) rely on the enclosing `type: object`.
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  return ajv;
}

let profileValidator: ValidateFunction | undefined;

function validateProfileDocument(data: unknown, where: string): ProfileDocument {
  profileValidator ??= createAjv().compile(profileJsonSchema());
  if (!profileValidator(data)) {
    const first = (profileValidator.errors ?? [])[0] as ErrorObject;
    throw new InputError(`invalid profile: ${first.instancePath || '/'} ${describeSchemaError(first)}`, where);
  }
  return data as ProfileDocument;
}

/** ajv's message, with the member it leaves unnamed: a misspelt key must be findable. */
function describeSchemaError(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `must NOT have additional property '${String(error.params.additionalProperty)}'`;
  return error.message ?? 'is invalid';
}

/** Validate any profile document (used by tests on the built-in catalog files too). */
export function checkProfileDocument(data: unknown, where: string): ProfileDocument {
  return validateProfileDocument(data, where);
}

/** Load a user's profile file (JSON or YAML). Every problem is one InputError naming the file. */
export function loadProfileFile(path: string): Profile {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'profile file not found' : `cannot read profile file (${code})`, path);
  }
  let data: unknown;
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  try {
    // Warnings (an unknown tag) would print lines of their own; the schema judges what was read.
    data = yaml ? parseYaml(text, { logLevel: 'error' }) : JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new InputError(`invalid YAML: ${message?.replace(/ at line \d+, column \d+:?$/, '')}`, pos ? `${path}:${pos.line}:${pos.col}` : path);
    }
    // Not only syntax: the YAML parser also refuses, e.g., too many aliases.
    throw new InputError(`invalid ${yaml ? 'YAML' : 'JSON'}: ${message}`, path);
  }
  return profileFromDocument(validateProfileDocument(data, path), file);
}

/** A built-in profile's name, or a path to a profile file. `auto` is for the commands that see error bodies, which pick before they ask. */
export function resolveProfile(nameOrPath: string): Profile {
  if (isBuiltinProfileName(nameOrPath)) return builtinProfile(nameOrPath);
  if (nameOrPath === AUTO_PROFILE) throw new InputError('`auto` picks a profile from the error bodies a run sees: use it with probe --openapi or validate', '--profile');
  if (/^[a-z0-9-]+$/.test(nameOrPath) && !nameOrPath.includes('.')) {
    throw new InputError(`unknown profile "${nameOrPath}" (use ${BUILTIN_PROFILES.join(', ')} or a file path)`, '--profile');
  }
  return loadProfileFile(nameOrPath);
}

export interface CompiledProfile {
  profile: Profile;
  /** The profile's catalog look-ups, at hand for every response judged. */
  index: ProfileIndex;
  /** The shape alone: codes and pairings are judged by their own checks. */
  structure: ValidateFunction | undefined;
  /** The whole published schema: shape, known codes and pairings. */
  full: ValidateFunction | undefined;
  /** For `kubernetes`: a watch event. */
  watchEvent: ValidateFunction | undefined;
}

const compiled = new WeakMap<Profile, CompiledProfile>();

/** Compile a profile's schemas once and keep them for the profile's lifetime. */
export function compileProfile(profile: Profile): CompiledProfile {
  let result = compiled.get(profile);
  if (result) return result;
  const schema = bodySchemaFor(profile);
  if (!schema) {
    result = { profile, index: indexOf(profile), structure: undefined, full: undefined, watchEvent: undefined };
  } else {
    const ajv = createAjv();
    ajv.addSchema(schema);
    const id = schema.$id as string;
    result = {
      profile,
      index: indexOf(profile),
      structure: ajv.getSchema(`${id}#/$defs/Structure`),
      full: ajv.getSchema(id),
      watchEvent: profile.body.kind === 'kubernetes-status' ? ajv.compile(watchEventSchema(id)) : undefined,
    };
  }
  compiled.set(profile, result);
  return result;
}

export type { ErrorObject, ValidateFunction };
