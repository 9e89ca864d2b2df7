/** The ids a config may name, gathered from where each is defined: the config schema lists them, and errors name them. */
import type { ConfigVocabulary } from '../../schemas/config-schema.js';
import { INHERITED_SETS } from '../../schemas/inherited.js';
import { API_PROBES } from '../api/probes/index.js';
import { ALL_CHECKS } from '../checks/index.js';
import { PROBES } from '../probes/index.js';
import { FORMAT_NAMES } from '../reporters/names.js';
import { SPEC_CHECKS } from '../spec/checks/index.js';

export function configVocabulary(): ConfigVocabulary {
  return {
    checks: [...ALL_CHECKS.map((check) => check.id), ...SPEC_CHECKS.map((check) => check.id)],
    probes: [...PROBES.map((probe) => probe.id), ...API_PROBES.map((probe) => probe.id)],
    formats: [...FORMAT_NAMES],
    inherited: [...INHERITED_SETS],
  };
}
