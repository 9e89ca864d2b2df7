export * from './types.js';
export * from './errors.js';
export * from './catalog.js';
export * from './compile.js';
export { bodySchemaFor, watchEventSchema } from './body-schemas.js';
export { profileJsonSchema, SCHEMA_BASE } from './profile-schema.js';
export { packageRoot, toolVersion } from './paths.js';
