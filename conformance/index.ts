export { validate, validateResponse, checkResponse, findingsOf, compiledProfileOf, type ValidateOptions } from './validate.js';
export type { Finding, Suppression } from './findings.js';
export { findingFingerprint, fingerprintSubject, stableText } from './policy/fingerprint.js';
export { applyPolicy, type RunPolicy } from './policy/apply.js';
export type { CheckDefinition, CheckResult } from './check.js';
export { PASSIVE_CHECKS } from './checks/index.js';
export { viewOfBody, viewOfText, type ResponseView } from './exchange.js';
export type { Expectation } from './expectation.js';
export {
  builtinProfile,
  resolveProfile,
  loadProfileFile,
  httpStatusEntries,
  indexOf,
  InputError,
  BUILTIN_PROFILES,
  type Profile,
  type CatalogEntry,
  type RecoveryClass,
  type Level,
} from '../schemas/index.js';
export * as spec from './spec/index.js';
