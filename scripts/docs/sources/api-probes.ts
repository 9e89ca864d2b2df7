/**
 * `docs/api-probes/`: a page per probe of an API described by OpenAPI, showing the request it
 * builds for an operation of an example document and what each built-in profile expects back.
 */
import { type ApiOperation, apiOperationsOf } from '../../../conformance/api/operations.js';
import { type ApiProbeContext, type ApiProbeDefinition, type ApiProbeSafety, expectedCodes, safetyOf, writeReasonOf } from '../../../conformance/api/probe.js';
import { API_PROBES } from '../../../conformance/api/probes/index.js';
import { specDocumentOf } from '../../../conformance/spec/load.js';
import { builtinProfile, indexOf } from '../../../schemas/index.js';
import { requestFence, shortBody } from '../examples.js';
import { table, unitLink } from '../markdown.js';
import type { GeneratedPage } from '../page.js';
import { defaultFact, unitPages, type UnitKind } from '../unit-pages.js';

/** The document every probe page shows its request for: a small clusters API with an envelope. */
export const EXAMPLE_DOCUMENT = specDocumentOf(
  {
    openapi: '3.1.0',
    info: { title: 'Clusters', version: '1' },
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/clusters': {
        get: {
          parameters: [{ name: 'region', in: 'query', required: true, schema: { type: 'string' }, example: 'eu-west-1' }],
          responses: { '200': { description: 'The clusters.' } },
        },
        post: {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['name', 'region'], properties: { name: { type: 'string' }, region: { type: 'string' } } },
                example: { name: 'prod-eu', region: 'eu-west-1' },
              },
            },
          },
          responses: { '201': { description: 'Created.' }, '409': { description: 'A cluster of that name exists.' } },
        },
      },
      '/clusters/{name}': {
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' }, example: 'prod-eu' }],
        get: { responses: { '200': { description: 'The cluster.' }, '404': { description: 'No such cluster.' } } },
        delete: { responses: { '204': { description: 'Deleted.' }, '404': { description: 'No such cluster.' } } },
      },
      '/clusters/{name}/nodes/{node}': {
        parameters: [
          { name: 'name', in: 'path', required: true, schema: { type: 'string' }, example: 'prod-eu' },
          { name: 'node', in: 'path', required: true, schema: { type: 'string' }, example: 'n1' },
        ],
        get: { responses: { '200': { description: 'The node.' } } },
      },
    },
  },
  'clusters.yaml',
);

const OPERATIONS = apiOperationsOf(EXAMPLE_DOCUMENT);

const SAFETY: Record<ApiProbeSafety, string> = {
  read: 'reads only',
  'rejected-write': 'a write no server can carry out: nothing persists',
  'write-if-ignored': 'only with `--allow-writes`: a server that skipped validation would store it',
  write: 'only with `--allow-writes`: stores an object',
};

/** The first operation of the example document the probe applies to. */
function exampleOperation(probe: ApiProbeDefinition) {
  const operation = OPERATIONS.find((o) => probe.appliesTo(o, EXAMPLE_DOCUMENT) === true);
  if (!operation) throw new Error(`no operation of the example document fits the ${probe.id} probe`);
  return operation;
}

const exampleContext = (probe: ApiProbeDefinition): ApiProbeContext => ({ operation: exampleOperation(probe), document: EXAMPLE_DOCUMENT, salt: '5e6f7a8b9c0d', bodyLimit: 1024 * 1024 });

/** What the probe expects of a built-in profile: the status, and the codes the profile pairs with it. */
function expected(probe: ApiProbeDefinition, profile: 'envelope' | 'kubernetes' | 'problem'): { status: number; codes: string[] } {
  const index = indexOf(builtinProfile(profile));
  const wanted = probe.expect(exampleOperation(probe), index.profile);
  return { status: wanted.status, codes: expectedCodes(index, wanted) };
}

function safety(probe: ApiProbeDefinition): string {
  const operation = exampleOperation(probe);
  // Safety that depends on the operation: as it comes out for a read, a write with a required body,
  // a write whose body is optional, and a DELETE.
  const variants: ApiOperation[] =
    typeof probe.safety === 'function'
      ? [
          { ...operation, method: 'get', pathMethods: [] },
          { ...operation, method: 'post', pathMethods: ['GET', 'POST'], ...(operation.body ? { body: { ...operation.body, required: true } } : {}) },
          ...(operation.body ? [{ ...operation, method: 'post' as const, pathMethods: ['GET', 'POST'], body: { ...operation.body, required: false } }] : []),
          { ...operation, method: 'delete', pathMethods: ['GET', 'DELETE'] },
        ]
      : [operation];
  // A probe that says why its write waits for --allow-writes is described by its own reason.
  const describe = (variant: ApiOperation): string => {
    const level = safetyOf(probe, variant);
    const reason = writeReasonOf(probe, variant);
    return (level === 'write-if-ignored' || level === 'write') && reason ? `only with \`--allow-writes\`: ${reason}` : SAFETY[level];
  };
  return [...new Set(variants.map(describe))].join('; or ');
}

function requestSection(probe: ApiProbeDefinition): string {
  const request = probe.request(exampleContext(probe));
  return requestFence({
    method: request.method,
    path: request.path,
    headers: request.headers ?? {},
    credentials: request.anonymous ? '(no credentials)' : "(the target's credentials)",
    body: request.body === undefined ? undefined : shortBody(String(request.body), 120, 40),
  });
}

function expectedRow(probe: ApiProbeDefinition, profile: 'envelope' | 'kubernetes' | 'problem'): string[] {
  const { status, codes } = expected(probe, profile);
  return [`\`${profile}\``, String(status), codes.map((c) => `\`${c}\``).join(' or ') || 'any code the profile pairs with the status'];
}

function indexRow(probe: ApiProbeDefinition): string[] {
  const { status, codes } = expected(probe, 'envelope');
  return [unitLink(probe), `per ${probe.scope ?? 'operation'}`, `${status}${codes.length ? ` \`${codes[0]}\`` : ''}`];
}

const API_PROBE_KIND: UnitKind<ApiProbeDefinition> = {
  folder: 'api-probes',
  from: "the probe's definition in conformance/api/probes/",
  units: API_PROBES,
  index: () => [
    '# Probes of any HTTP API (`statuslint probe --openapi`)',
    'Each probe takes a valid request to an operation of the OpenAPI document (parameters and bodies from its examples, or built from its schemas) and breaks exactly one thing about it; the checks judge the answer against the profile (`--profile envelope`, `problem`, `kubernetes` or a file of your own). Probes that would store something if the server skipped validation run only with `--allow-writes`, against a test instance; the results list them under `notRun` otherwise, with the reason.',
    table(['Probe', 'Runs', 'Expects (envelope)'], API_PROBES.map(indexRow)),
    'A body limit the document states goes in `x-statuslint-body-limit` (bytes) on the operation or at the top of the document; `--body-limit` gives one for documents that state none.',
  ],
  facts: (probe) => ({
    Runs: `once per ${probe.scope === 'path' ? 'path' : 'operation'} it applies to`,
    Safety: safety(probe),
    Default: defaultFact(probe),
  }),
  sections: (probe) => [
    `## Request (for \`${exampleOperation(probe).title}\` of an example document)`,
    probe.setup ? 'Sent first, not judged: the same request.' : undefined,
    probe.steps ? 'Sent first, not judged, each built from the answer before it: the create (or list) and the DELETE the description names; then, with the id they used:' : undefined,
    requestSection(probe),
    '## Expected',
    table(['Profile', 'Status', 'Code'], [expectedRow(probe, 'envelope'), expectedRow(probe, 'problem'), expectedRow(probe, 'kubernetes')]),
    'A profile of your own is held to the codes above it has for the status; with none of them, to its own codes for the status. Every response is also judged by the passive checks and by `response-declared` (see [docs/checks](../checks/README.md)).',
  ],
};

export const apiProbePages = (): GeneratedPage[] => unitPages(API_PROBE_KIND);
