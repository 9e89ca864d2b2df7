import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { RE2JS } from 're2js';
import { isObject, joinPointer, type Located, type SpecDocument } from './document.js';
import { isJsonMediaType } from './media-types.js';

/** An example a response documents for a body, and where it is written. */
export interface DocumentedExample {
  value: unknown;
  pointer: string;
  mediaType: string;
}

/**
 * The examples of one media type of a response: 3.x `example` and `examples` (Example Objects, or
 * references to them, whose `value` is the example); 2.0 the response's `examples` by media type.
 */
export function examplesOf(document: SpecDocument, response: Located<Record<string, unknown>>, mediaType: string, media: Located | undefined): DocumentedExample[] {
  if (document.version === '2.0') {
    const examples = response.value.examples;
    if (!isObject(examples) || !Object.hasOwn(examples, mediaType)) return [];
    return [{ value: examples[mediaType], pointer: joinPointer(response.pointer, 'examples', mediaType), mediaType }];
  }
  if (!media || !isObject(media.value)) return [];
  const found: DocumentedExample[] = [];
  if (media.value.example !== undefined) found.push({ value: media.value.example, pointer: joinPointer(media.pointer, 'example'), mediaType });
  const examples = media.value.examples;
  if (isObject(examples)) {
    for (const [name, raw] of Object.entries(examples)) {
      const example = document.resolve(raw, joinPointer(media.pointer, 'examples', name));
      if (isObject(example.value) && Object.hasOwn(example.value, 'value')) found.push({ value: example.value.value, pointer: joinPointer(example.pointer, 'value'), mediaType });
    }
  }
  return found;
}

/** JSON bodies only: a YAML or XML example is not judged against a JSON schema. */
export const judgesMediaType = (mediaType: string): boolean => isJsonMediaType(mediaType);

// Loaded when a document first has an error example: `statuslint spec --help` lists the checks
// without loading a schema library.
const require = createRequire(import.meta.url);
const libraries = (): { Ajv: typeof Ajv; Ajv2020: typeof Ajv2020; RE2JS: typeof RE2JS } => ({
  Ajv: (require('ajv') as { Ajv: typeof Ajv }).Ajv,
  Ajv2020: (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020,
  RE2JS: (require('re2js') as { RE2JS: typeof RE2JS }).RE2JS,
});

/**
 * `pattern` runs in RE2 (linear time): a document's regular expression must not hold the run, as a
 * backtracking one can on a crafted example.
 */
const inRe2 = (engine: typeof RE2JS): ((pattern: string, flags: string) => { test: (s: string) => boolean }) & { code: string } =>
  Object.assign(
    (pattern: string, flags: string) => {
      const compiled = engine.compile(pattern, flags.includes('i') ? engine.CASE_INSENSITIVE : 0);
      return { test: (s: string) => compiled.matcher(s).find() };
    },
    { code: 're2js' },
  );

/** The document as ajv sees it: one schema, whose named parts references point into. */
const DOCUMENT_ID = 'statuslint:document';

const validators = new WeakMap<SpecDocument, { ajv: Ajv | Ajv2020; compiled: Map<string, ValidateFunction | Error> }>();

/**
 * A validator for a schema of the document, compiled once. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12; 2.0 and 3.0 schemas are read as draft-07 with `nullable`. Formats and OpenAPI's own
 * keywords (`discriminator`, `xml`, `example`) are not judged. A schema ajv cannot compile gives its error.
 */
function validatorFor(document: SpecDocument, pointer: string): ValidateFunction | Error {
  let state = validators.get(document);
  if (!state) {
    const { Ajv: Draft07, Ajv2020: Draft2020, RE2JS: engine } = libraries();
    const options = { strict: false, validateFormats: false, validateSchema: false, allErrors: false, code: { regExp: inRe2(engine) } } as const;
    const ajv = document.version === '3.1' ? new Draft2020(options) : new Draft07(options);
    ajv.addSchema(document.root as object, DOCUMENT_ID);
    validators.set(document, (state = { ajv, compiled: new Map() }));
  }
  let validator = state.compiled.get(pointer);
  if (!validator) {
    try {
      validator = state.ajv.compile({ $ref: `${DOCUMENT_ID}#${encodeURI(pointer)}` });
    } catch (error) {
      validator = error as Error;
    }
    state.compiled.set(pointer, validator);
  }
  return validator;
}

/** Where the example breaks its schema (`/errors/0: must have required property 'code'`), or nothing when it fits. */
export function exampleMismatch(document: SpecDocument, schema: Located, value: unknown): { problem: string } | { error: string } | undefined {
  const validator = validatorFor(document, schema.pointer);
  if (validator instanceof Error) return { error: validator.message };
  if (validator(value)) return undefined;
  const first = (validator.errors ?? [])[0] as ErrorObject | undefined;
  return { problem: first ? `${first.instancePath || '/'} ${first.message ?? 'does not match'}` : 'does not match' };
}
