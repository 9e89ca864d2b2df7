/**
 * The project config file, `statuslint.config.yaml`: what the flags hold, plus what only a project can
 * say (a check's level, probes turned off, subjects ignored, waivers, an inherited set). Its JSON
 * Schema is generated into `schemas/generated/config.schema.json`, where editors complete it. The ids
 * it accepts (checks, probes, formats) are defined above this layer, so they are passed in.
 */
import { AUTO_PROFILE, BUILTIN_PROFILES } from './builtin-profiles.js';
import { SCHEMA_BASE } from './profile-schema.js';

export const CONFIG_FILE_NAMES = ['statuslint.config.yaml', 'statuslint.config.yml', 'statuslint.config.json'] as const;

/** `--fail-on`: the lowest level of finding that fails a run; `never` reports without failing. */
export const FAIL_ON = ['must', 'should', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** A check's level as a project sets it. */
export const SEVERITIES = ['must', 'should', 'off'] as const;

export const PROBE_SWITCHES = ['on', 'off'] as const;

/** What a waiver can match a finding by: every one given must hold. */
export const WAIVER_MATCHERS = ['check', 'probe', 'resource', 'group', 'path', 'operation', 'pointer', 'received', 'fingerprint'] as const;

/** What an ignore rule can match a subject by: every one given must hold. */
export const IGNORE_MATCHERS = ['resource', 'group', 'path', 'operation'] as const;

export interface WaiverDocument {
  name?: string;
  check?: string;
  probe?: string;
  /** `configmaps`, `widgets.example.dev` (or its short name `widgets`). */
  resource?: string;
  /** An API group; `core` for the core group. */
  group?: string;
  /** A request or operation path; `*` stands for one path segment or part of one, `**` for any run of them. */
  path?: string;
  /** `METHOD /path` as an OpenAPI operation is named. */
  operation?: string;
  pointer?: string;
  received?: string;
  fingerprint?: string;
  reason: string;
  /** `YYYY-MM-DD`, the last day the waiver holds. */
  expires?: string;
}

export interface IgnoreDocument {
  resource?: string;
  group?: string;
  path?: string;
  operation?: string;
  reason?: string;
}

export interface OutputDocument {
  format: string;
  /** A file; standard output when omitted. */
  output?: string;
}

export interface ConfigDocument {
  $schema?: string;
  profile?: string;
  kubeconfig?: string;
  context?: string;
  server?: string;
  namespace?: string;
  openapi?: string;
  groups?: string[];
  resources?: string[];
  operations?: string[];
  /** A list runs only those probes (as `--probe`); a map turns probes `off` (or keeps them `on`). */
  probes?: string[] | Record<string, (typeof PROBE_SWITCHES)[number]>;
  concurrency?: number;
  timeout?: number;
  failOn?: FailOn;
  baseline?: string;
  outputs?: OutputDocument[];
  sarifRoot?: string;
  checks?: Record<string, (typeof SEVERITIES)[number]>;
  ignore?: IgnoreDocument[];
  waivers?: WaiverDocument[];
  inherit?: string;
}

/** The ids a config may name, from the layers that define them. */
export interface ConfigVocabulary {
  /** Response checks and spec checks. */
  checks: readonly string[];
  /** Kubernetes probes and probe --openapi probes. */
  probes: readonly string[];
  formats: readonly string[];
  /** Inherited waiver sets (`k8s.io/apiserver`). */
  inherited: readonly string[];
}

const sorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

const text = (description: string): Record<string, unknown> => ({ type: 'string', minLength: 1, description });
const names = (description: string): Record<string, unknown> => ({ type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description });
const date = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  description: 'The last day the waiver holds (YYYY-MM-DD); after it, the run fails until the waiver is renewed or removed.',
};

/** A map whose keys are ids, each taking one of `values`: editors complete both, and an unknown id is named. */
function idMap(ids: readonly string[], values: readonly string[], description: string): Record<string, unknown> {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    properties: Object.fromEntries(sorted(ids).map((id) => [id, { enum: [...values] }])),
  };
}

/** One of `keys` at least: a rule that matches everything is a mistake. */
const atLeastOne = (keys: readonly string[]): Array<Record<string, unknown>> => keys.map((key) => ({ required: [key] }));

/** A waiver: matchers, all of which must hold, and the reason it is accepted. */
export function waiverJsonSchema(vocabulary: ConfigVocabulary): Record<string, unknown> {
  return {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    anyOf: atLeastOne(WAIVER_MATCHERS),
    properties: {
      name: text('A short name for messages and reports; `waivers[N]` when omitted.'),
      check: { enum: sorted(vocabulary.checks), description: 'Findings of this check.' },
      probe: { enum: sorted(vocabulary.probes), description: 'Findings on responses to this probe.' },
      resource: text('Findings on this resource: `configmaps`, `widgets.example.dev` or `widgets`.'),
      group: text('Findings on resources of this API group (`core` for the core group).'),
      path: text('Findings on this request or operation path; `*` matches within a segment, `**` across segments.'),
      operation: text('Findings on this operation, `METHOD /path` as probe --openapi and spec name it.'),
      pointer: text('Findings at this place of the response: a JSON pointer, or `header:Name`.'),
      received: text('Findings that received exactly this value.'),
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'The one finding with this fingerprint (as in the JSON results).' },
      reason: text('Why the findings are accepted: reports show it next to them.'),
      expires: date,
    },
  };
}

/** The JSON Schema of `statuslint.config.yaml`. */
export function configJsonSchema(vocabulary: ConfigVocabulary): Record<string, unknown> {
  const probes = sorted(vocabulary.probes);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}config.schema.json`,
    title: 'statuslint config',
    description: 'statuslint.config.yaml (or .yml, .json): found in the working directory or a parent up to the repository root, or named with --config. Flags override it.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      profile: {
        description: `--profile: a built-in profile (${BUILTIN_PROFILES.join(', ')}), \`auto\` (probe --openapi and validate: the one the first error bodies fit), or a profile file (relative to this file).`,
        anyOf: [{ enum: [...BUILTIN_PROFILES, AUTO_PROFILE] }, { type: 'string', minLength: 1 }],
      },
      kubeconfig: text('--kubeconfig (relative to this file).'),
      context: text('--context: the kubeconfig context to probe.'),
      server: { type: 'string', pattern: '^https?://', description: '--server: the API server or HTTP API to probe.' },
      namespace: text('--namespace for namespaced resources.'),
      openapi: text('--openapi for probe, and the document spec checks when none is named: a file (relative to this file) or a URL.'),
      groups: names('--group: probe only these API groups (core for the core group).'),
      resources: names('--resource: probe only these resources.'),
      operations: names('--operation: probe only these operations (operationId or "METHOD /path").'),
      probes: {
        type: ['array', 'object'],
        description: 'A list runs only those probes (as --probe does); a map turns probes off: `{ timeout: on, method-not-allowed: off }`.',
        items: { enum: probes },
        uniqueItems: true,
        additionalProperties: false,
        properties: Object.fromEntries(probes.map((id) => [id, { enum: [...PROBE_SWITCHES] }])),
      },
      concurrency: { type: 'integer', minimum: 1, description: '--concurrency: requests in flight at once.' },
      timeout: { type: 'integer', minimum: 1, description: '--timeout: per-request timeout in seconds.' },
      failOn: { enum: [...FAIL_ON], description: '--fail-on: the lowest level of finding that fails the run; never reports without failing.' },
      baseline: text('--baseline: findings in this file are known, reported apart and do not fail the run (relative to this file).'),
      outputs: {
        type: 'array',
        minItems: 1,
        description: '--format and -o: each report to write; standard output for the one without a file.',
        items: {
          type: 'object',
          required: ['format'],
          additionalProperties: false,
          properties: { format: { enum: [...vocabulary.formats] }, output: text('The file to write (relative to this file).') },
        },
      },
      sarifRoot: text('--sarif-root: the folder SARIF file locations are relative to (%SRCROOT%), e.g. the repository root (relative to this file).'),
      checks: idMap(vocabulary.checks, SEVERITIES, 'The level of a check: must, should, or off to leave it out.'),
      ignore: {
        type: 'array',
        description: 'Subjects left out of the run: resources, groups, paths or operations. Reports list what each rule left out.',
        items: {
          type: 'object',
          additionalProperties: false,
          anyOf: atLeastOne(IGNORE_MATCHERS),
          properties: {
            resource: text('A resource: `configmaps`, `widgets.example.dev` or `widgets`.'),
            group: text('An API group (`core` for the core group).'),
            path: text('A request or operation path; `*` matches within a segment, `**` across segments.'),
            operation: text('An operation, `METHOD /path`.'),
            reason: text('Why it is left out; reports show it.'),
          },
        },
      },
      waivers: { type: 'array', description: 'Findings accepted, each with its reason and an optional expiry date.', items: { $ref: '#/$defs/waiver' } },
      inherit: { enum: [...vocabulary.inherited], description: 'Waive the findings every server built on this framework shares, labelled as inherited.' },
    },
    $defs: { waiver: waiverJsonSchema(vocabulary) },
  };
}
