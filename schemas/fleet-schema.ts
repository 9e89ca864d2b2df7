/**
 * The fleet report (`statuslint report a.json b.json … --format json`): several saved runs merged, one
 * per cluster. Generated into `schemas/generated/fleet.schema.json`; conformance/fleet.ts makes it.
 */
import { SCHEMA_BASE } from './profile-schema.js';

/** Bumped when a field's meaning changes or a required one is added; a reader refuses a version it does not know. */
export const FLEET_VERSION = 1;

export const FLEET_SCHEMA_ID = `${SCHEMA_BASE}fleet.schema.json`;

const VERDICT = { enum: ['conformant', 'not-conformant', 'nothing-checked', 'interrupted'] };
const LEVEL = { enum: ['MUST', 'SHOULD'] };
const COUNT = { type: 'integer', minimum: 0 };

const RUN = {
  type: 'object',
  required: ['name', 'file', 'command', 'profile', 'startedAt', 'finishedAt', 'verdict', 'findings', 'responses', 'failedResponses', 'errors'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', description: 'The run as the report names it: its file name without `.json` (the path given, when two files share a name).' },
    file: { type: 'string', description: 'The results file, as given (`-` for standard input).' },
    command: { enum: ['validate', 'probe', 'spec'] },
    profile: { type: 'string' },
    server: { type: 'string', description: 'The API server probed.' },
    context: { type: 'string', description: 'The kubeconfig context used.' },
    version: { type: 'string', description: "The server's version, from `/version`." },
    direct: {
      type: 'object',
      description: 'The aggregated API server probed at its own address too (`--direct`), with its version.',
      required: ['server'],
      additionalProperties: false,
      properties: { server: { type: 'string' }, version: { type: 'string' } },
    },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    verdict: { ...VERDICT, description: "The run's verdict, with the config or baseline given to `report` applied." },
    findings: { type: 'object', required: ['MUST', 'SHOULD'], additionalProperties: false, properties: { MUST: COUNT, SHOULD: COUNT } },
    responses: COUNT,
    failedResponses: { ...COUNT, description: 'Responses with at least one finding.' },
    errors: { ...COUNT, description: 'Probes without a usable response.' },
    suppressed: {
      type: 'object',
      description: 'With a policy: findings set apart, which do not count.',
      required: ['known', 'waived', 'inherited'],
      additionalProperties: false,
      properties: { known: COUNT, waived: COUNT, inherited: COUNT },
    },
  },
};

const PROBLEM = {
  type: 'object',
  required: ['id', 'checkId', 'level', 'pointer', 'message', 'runs'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'The same for the same problem in any fleet.' },
    checkId: { type: 'string', minLength: 1 },
    level: { ...LEVEL, description: 'The most severe level any run gives the problem.' },
    probeId: { type: 'string', minLength: 1 },
    pointer: { type: 'string', description: 'Where in the response: a JSON pointer into the body, or `header:Name`.' },
    expected: { type: 'string' },
    message: { type: 'string', description: 'The first finding of the problem, as an example.' },
    hint: { type: 'string' },
    runs: {
      type: 'array',
      description: 'How each run stands to the problem, in the order of `runs`.',
      items: {
        type: 'object',
        required: ['run', 'state', 'findings', 'subjects'],
        additionalProperties: false,
        properties: {
          run: { type: 'string' },
          state: {
            enum: ['found', 'not-found', 'set-apart', 'not-checked'],
            description: '`found`; `not-found`: the check ran on the same probe and did not find it; `set-apart`: found, but known, waived or inherited; `not-checked`: the check never ran on that probe in the run.',
          },
          findings: COUNT,
          subjects: { type: 'array', items: { type: 'string' }, description: 'The resources, operations or requests it was found on, sorted.' },
        },
      },
    },
  },
};

export function fleetJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: FLEET_SCHEMA_ID,
    title: 'statuslint fleet report',
    description:
      'Several saved runs (`--format json`, one per cluster) merged by `statuslint report a.json b.json … --format json`: a verdict per run, the problems every run shares, those some runs have and others not, and the servers\' versions side by side. A problem is a check failing the same way (probe, place, expected value) on any subject.',
    type: 'object',
    required: ['fleetVersion', 'tool', 'verdict', 'runs', 'versions', 'shared', 'differing'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      fleetVersion: { const: FLEET_VERSION },
      tool: { type: 'object', required: ['name', 'version'], additionalProperties: false, properties: { name: { const: 'statuslint' }, version: { type: 'string' } } },
      verdict: { ...VERDICT, description: 'The worst verdict of the runs: not conformant, then interrupted, then nothing checked, then conformant.' },
      runs: { type: 'array', minItems: 2, items: RUN },
      versions: {
        type: 'array',
        description: "The servers' versions, each with the runs that report it (`unknown`: none recorded).",
        items: {
          type: 'object',
          required: ['version', 'runs'],
          additionalProperties: false,
          properties: { version: { type: 'string' }, runs: { type: 'array', items: { type: 'string' } } },
        },
      },
      shared: { type: 'array', description: 'Problems found in every run.', items: PROBLEM },
      differing: { type: 'array', description: 'Problems found in some runs and not in others.', items: PROBLEM },
    },
  };
}
