/**
 * Finding and reading `statuslint.config.yaml`, as ESLint and Prettier find theirs: the working
 * directory, then each parent up to the repository root (the directory with `.git`), or the file
 * named with `--config`. Paths in the file are relative to the file, wherever statuslint runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { configVocabulary } from '../../conformance/policy/vocabulary.js';
import { createAjv, type ValidateFunction } from '../../schemas/compile.js';
import { CONFIG_FILE_NAMES, type ConfigDocument, configJsonSchema } from '../../schemas/config-schema.js';
import { InputError } from '../../schemas/errors.js';
import { AUTO_PROFILE } from '../../schemas/builtin-profiles.js';
import { isBuiltinProfileName } from '../../schemas/catalog.js';
import { describeConfigErrors } from './schema-errors.js';

export interface LoadedConfig {
  /** The file as messages name it: relative to the working directory when under it. */
  name: string;
  /** The document, its paths resolved against the file's directory. */
  document: ConfigDocument;
}

/** A path as a message names it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/** The config file of the working directory or its nearest parent, up to the repository root; undefined when none. */
export function findConfigFile(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((file) => existsSync(file));
    if (found.length > 1) throw new InputError(`two config files in one directory: ${found.map((file) => displayPath(file)).join(' and ')}; keep one`, displayPath(dir) || '.');
    if (found.length === 1) return found[0];
    // The repository's root ends the search, as it ends ESLint's: a config above it belongs to another project.
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

function parseText(text: string, file: string, name: string): unknown {
  const yaml = extname(file).toLowerCase() !== '.json';
  try {
    // Warnings would print lines of their own; the schema judges what was read.
    return yaml ? parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, logLevel: 'error' }) : JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      throw new InputError(`invalid YAML: ${message.replace(/ at line \d+, column \d+:?$/, '')}`, position ? `${name}:${position.line}:${position.col}` : name);
    }
    throw new InputError(`invalid ${yaml ? 'YAML' : 'JSON'}: ${message}`, name);
  }
}

let validator: ValidateFunction | undefined;

function validated(data: unknown, name: string): ConfigDocument {
  // An empty file is a config that sets nothing.
  if (data === null || data === undefined) return {};
  validator ??= createAjv({ allErrors: false, verbose: true }).compile(configJsonSchema(configVocabulary()));
  if (!validator(data)) throw new InputError(describeConfigErrors(validator.errors ?? []), name);
  return data as ConfigDocument;
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** Paths in the file are relative to it: resolved here, shown relative to the working directory. */
function withResolvedPaths(document: ConfigDocument, dir: string): ConfigDocument {
  const path = (value: string): string => displayPath(resolve(dir, value));
  return {
    ...document,
    ...(document.profile !== undefined && !isBuiltinProfileName(document.profile) && document.profile !== AUTO_PROFILE ? { profile: path(document.profile) } : {}),
    ...(document.kubeconfig !== undefined ? { kubeconfig: path(document.kubeconfig) } : {}),
    ...(document.openapi !== undefined && !isUrl(document.openapi) && document.openapi !== '-' ? { openapi: path(document.openapi) } : {}),
    ...(document.baseline !== undefined ? { baseline: path(document.baseline) } : {}),
    ...(document.sarifRoot !== undefined ? { sarifRoot: path(document.sarifRoot) } : {}),
    ...(document.outputs ? { outputs: document.outputs.map((output) => (output.output !== undefined ? { ...output, output: path(output.output) } : output)) } : {}),
  };
}

/**
 * A config found by search sits in a checked-out project, which may be a stranger's: it may not run a
 * command (a kubeconfig's exec plugin) nor write outside its own folder. One named with --config is the user's.
 */
function refuseUntrusted(document: ConfigDocument, dir: string, name: string): void {
  const trustIt = `name the file with --config ${name} to trust it`;
  if (document.kubeconfig !== undefined) throw new InputError(`kubeconfig: a config found by search may not name a kubeconfig (its exec plugin would run); ${trustIt}, or give --kubeconfig`, name);
  const written: Array<[string, string | undefined]> = [['baseline', document.baseline], ...(document.outputs ?? []).map((output, index): [string, string | undefined] => [`outputs[${index}].output`, output.output])];
  for (const [key, value] of written) {
    if (value === undefined) continue;
    const inside = relative(dir, resolve(dir, value));
    if (inside.startsWith('..') || isAbsolute(inside)) throw new InputError(`${key}: ${JSON.stringify(value)} is outside the folder of a config found by search; ${trustIt}`, name);
  }
}

/** Read and check a config file; `found` when it was found by search rather than named by the user. */
export function loadConfig(file: string, found = false): LoadedConfig {
  const name = displayPath(resolve(file));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such config file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`, name);
  }
  const document = validated(parseText(text, file, name), name);
  if (found) refuseUntrusted(document, dirname(resolve(file)), name);
  return { name, document: withResolvedPaths(document, dirname(resolve(file))) };
}

/** The config a command runs with: the one named with `--config`, none with `--no-config`, else the one found. */
export function configFor(option: string | boolean | undefined, cwd = process.cwd()): LoadedConfig | undefined {
  if (option === false) return undefined;
  if (typeof option === 'string') return loadConfig(option);
  const found = findConfigFile(cwd);
  return found === undefined ? undefined : loadConfig(found, true);
}
