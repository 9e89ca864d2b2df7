/**
 * Which catalog each rule judges by, from `settings.statuslint.profile`:
 * `kubernetes` (the default), `envelope`, `problem`, or a path to a profile file of the user's own.
 */
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { BUILTIN_PROFILES, builtinProfile, indexOf, isBuiltinProfileName, type ProfileIndex } from '../../schemas/catalog.js';
import type { Profile } from '../../schemas/types.js';

export interface EnvelopeFields {
  code: string;
  message: string;
  requestId?: string;
  /** A body field repeating the HTTP status, e.g. `statusCode`. */
  status?: string;
}

export interface Catalogs {
  /** Judges Kubernetes `Status` objects: the built-in `kubernetes` profile or the user's own. */
  status: ProfileIndex;
  /** Judges error envelopes. */
  envelope: ProfileIndex;
  envelopeFields: EnvelopeFields;
  /**
   * True when the user chose an envelope profile: then every code not in it is reported, and plain
   * objects with the code and message fields count as envelopes. Otherwise only response bodies
   * count, and only codes close to a known one are reported (likely typos of it).
   */
  envelopeChosen: boolean;
  /** The profile named in the settings, for messages. */
  chosen: string;
}

export interface StatuslintSettings {
  profile?: string;
}

// Built once per profile: a lint run asks for the same one for every file and every rule.
const cache = new Map<string, Catalogs>();

export function catalogsFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Catalogs {
  const settings = (context.settings as { statuslint?: StatuslintSettings } | undefined)?.statuslint;
  const requested = typeof settings?.profile === 'string' && settings.profile !== '' ? settings.profile : 'kubernetes';
  const key = isBuiltinProfileName(requested) ? requested : resolve(context.cwd, requested);
  let catalogs = cache.get(key);
  if (!catalogs) {
    catalogs = build(requested, key);
    cache.set(key, catalogs);
  }
  return catalogs;
}

function build(requested: string, key: string): Catalogs {
  const profile = isBuiltinProfileName(requested) ? builtinProfile(requested) : loadUserProfile(requested, key);
  const envelopeProfile = profile.body.kind === 'envelope' ? profile : builtinProfile('envelope');
  const envelopeBody = envelopeProfile.body.kind === 'envelope' ? envelopeProfile.body : undefined;
  return {
    status: indexOf(profile.body.kind === 'kubernetes-status' ? profile : builtinProfile('kubernetes')),
    envelope: indexOf(envelopeProfile),
    envelopeFields: {
      code: envelopeBody?.codeField ?? 'error',
      message: envelopeBody?.messageField ?? 'message',
      ...(envelopeBody?.requestIdField ? { requestId: envelopeBody.requestIdField } : {}),
      ...(envelopeBody?.statusField ? { status: envelopeBody.statusField } : {}),
    },
    envelopeChosen: profile.body.kind === 'envelope',
    chosen: profile.name,
  };
}

function loadUserProfile(requested: string, path: string): Profile {
  if (!isAbsolute(requested) && !/[./\\]/.test(requested)) throw settingsError(requested, `unknown profile (use ${BUILTIN_PROFILES.join(', ')} or a file path)`);
  // Loaded on demand: the profile loader brings a JSON Schema validator and a YAML parser that
  // projects on the built-in profiles never need. Rules are synchronous, hence `require`.
  const require = createRequire(import.meta.url);
  const { loadProfileFile } = require('../../schemas/compile.js') as typeof import('../../schemas/compile.js');
  try {
    return loadProfileFile(path);
  } catch (error) {
    const line = typeof (error as { toLine?: unknown }).toLine === 'function' ? (error as { toLine(): string }).toLine() : String(error);
    throw settingsError(requested, line);
  }
}

function settingsError(requested: string, problem: string): Error {
  return new Error(`statuslint: settings.statuslint.profile "${requested}": ${problem}`);
}
