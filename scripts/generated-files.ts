/**
 * Every file derived from the catalog, as path → content. `npm run generate` writes them;
 * `npm run generate:check` and the drift test compare them with what is checked in.
 */
import { configVocabulary } from '../conformance/policy/vocabulary.js';
import { baselineJsonSchema, bodySchemaFor, builtinProfile, BUILTIN_PROFILES, configJsonSchema, fleetJsonSchema, profileJsonSchema, watchEventSchema } from '../schemas/index.js';
import { docFiles } from './docs/index.js';
import { generatedNotice } from './docs/page.js';

export interface GeneratedFile {
  /** Relative to the package root. */
  path: string;
  content: string;
}

const NOTICE = generatedNotice('schemas/catalog/*.json');

function jsonFile(path: string, schema: Record<string, unknown>, notice = NOTICE): GeneratedFile {
  const { $schema, $id, ...rest } = schema;
  return { path, content: `${JSON.stringify({ $schema, $id, $comment: notice, ...rest }, null, 2)}\n` };
}

export function generatedFiles(): GeneratedFile[] {
  const files: GeneratedFile[] = [jsonFile('schemas/generated/profile.schema.json', profileJsonSchema())];
  for (const name of BUILTIN_PROFILES) {
    const schema = bodySchemaFor(builtinProfile(name));
    if (schema) files.push(jsonFile(`schemas/generated/${name}.schema.json`, schema));
    if (name === 'kubernetes' && schema) {
      files.push(jsonFile('schemas/generated/kubernetes-watch-event.schema.json', watchEventSchema(schema.$id as string)));
    }
  }
  // The config names every check, probe and format, so its schema is made from their definitions too.
  files.push(jsonFile('schemas/generated/config.schema.json', configJsonSchema(configVocabulary()), generatedNotice('schemas/config-schema.ts and the check, probe and format definitions')));
  files.push(jsonFile('schemas/generated/baseline.schema.json', baselineJsonSchema(), generatedNotice('schemas/baseline-schema.ts')));
  files.push(jsonFile('schemas/generated/fleet.schema.json', fleetJsonSchema(), generatedNotice('schemas/fleet-schema.ts')));
  files.push(...docFiles());
  return files;
}
