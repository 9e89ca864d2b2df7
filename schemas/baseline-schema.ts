/**
 * A baseline file (`--baseline FILE`, written by `--update-baseline`): the findings a project already
 * knows, by fingerprint. Each entry also names the check, probe, subject, place and expected value, so
 * that a reviewer reads in a diff which findings came and went. Generated into
 * `schemas/generated/baseline.schema.json`.
 */
import { SCHEMA_BASE } from './profile-schema.js';

/** Bumped when an entry's meaning changes; a reader refuses a version it does not know. */
export const BASELINE_VERSION = 1;

export const BASELINE_SCHEMA_ID = `${SCHEMA_BASE}baseline.schema.json`;

export function baselineJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: BASELINE_SCHEMA_ID,
    title: 'statuslint baseline',
    description: 'Findings already known: a run with --baseline reports them apart and does not fail on them. Written and pruned by --update-baseline; entries are sorted, one a line.',
    type: 'object',
    required: ['baselineVersion', 'findings'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      baselineVersion: { const: BASELINE_VERSION },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          required: ['fingerprint', 'checkId', 'level', 'subject', 'pointer'],
          additionalProperties: false,
          properties: {
            fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'What a finding is matched by: stable across runs while the problem is.' },
            checkId: { type: 'string', minLength: 1 },
            level: { enum: ['MUST', 'SHOULD'] },
            probeId: { type: 'string', minLength: 1 },
            subject: { type: 'string', description: 'The resource, group, operation or recorded request the finding is about.' },
            pointer: { type: 'string' },
            expected: { type: 'string' },
          },
        },
      },
    },
  };
}
