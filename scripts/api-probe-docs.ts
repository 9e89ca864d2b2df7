import { apiOperationsOf } from '../conformance/api/operations.js';
import { type ApiProbeContext, type ApiProbeDefinition, type ApiProbeSafety, expectedCodes } from '../conformance/api/probe.js';
import { API_PROBES } from '../conformance/api/probes/index.js';
import { specDocumentOf } from '../conformance/spec/load.js';
import { builtinProfile, indexOf } from '../schemas/index.js';

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
const exampleOperation = (probe: ApiProbeDefinition) => OPERATIONS.find((o) => probe.appliesTo(o, EXAMPLE_DOCUMENT) === true);

function expectedLine(probe: ApiProbeDefinition, profile: 'envelope' | 'kubernetes' | 'problem'): string {
  const operation = exampleOperation(probe)!;
  const index = indexOf(builtinProfile(profile));
  const wanted = probe.expect(operation, index.profile.body.kind);
  const codes = expectedCodes(index, wanted);
  return `| \`${profile}\` | ${wanted.status} | ${codes.map((c) => `\`${c}\``).join(' or ') || 'any code the profile pairs with the status'} |`;
}

export function apiProbeDoc(probe: ApiProbeDefinition, notice: string): string {
  const operation = exampleOperation(probe);
  if (!operation) throw new Error(`no operation of the example document fits the ${probe.id} probe`);
  const context: ApiProbeContext = { operation, document: EXAMPLE_DOCUMENT, salt: '5e6f7a8b9c0d', bodyLimit: 1024 * 1024 };
  const request = probe.request(context);
  const setup = probe.setup?.(context);
  let body = request.body === undefined ? undefined : String(request.body);
  if (body && body.length > 120) body = `${body.slice(0, 40)}… (${Buffer.byteLength(body)} bytes)`;
  const safetyOf = probe.safety;
  // Safety that depends on the operation: as it comes out for a read and for a write.
  const variants = typeof safetyOf === 'function' ? [safetyOf({ ...operation, method: 'get', pathMethods: [] }), safetyOf({ ...operation, method: 'post', pathMethods: ['GET', 'POST'] })] : [safetyOf];
  // A probe that says why its write waits for --allow-writes is described by its own reason.
  const describeSafety = (level: keyof typeof SAFETY): string => (level === 'write-if-ignored' && probe.writeReason ? `only with \`--allow-writes\`: ${probe.writeReason}` : SAFETY[level]);
  const safety = [...new Set(variants)].map(describeSafety).join('; or ');
  return [
    `<!-- ${notice} -->`,
    '',
    `# \`${probe.id}\`: ${probe.title}`,
    '',
    '| Runs | Safety | Default |',
    '|---|---|---|',
    `| once per ${probe.scope === 'path' ? 'path' : 'operation'} it applies to | ${safety} | ${probe.optional ? `optional: \`--probe ${probe.id}\`` : 'on'} |`,
    '',
    probe.description,
    '',
    `## Request (for \`${operation.title}\` of an example document)`,
    '',
    ...(setup ? ['Sent first, not judged: the same request.', ''] : []),
    '```http',
    `${request.method} ${request.path}`,
    ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(request.anonymous ? ['(no credentials)'] : ['(the target\'s credentials)']),
    ...(body !== undefined ? ['', body] : []),
    '```',
    '',
    '## Expected',
    '',
    '| Profile | Status | Code |',
    '|---|---|---|',
    expectedLine(probe, 'envelope'),
    expectedLine(probe, 'problem'),
    expectedLine(probe, 'kubernetes'),
    '',
    'A profile of your own is held to the codes above it has for the status; with none of them, to its own codes for the status. Every response is also judged by the passive checks and by `response-declared` (see [docs/checks](../checks/README.md)).',
    '',
  ].join('\n');
}

export function apiProbesIndex(notice: string): string {
  return [
    `<!-- ${notice} -->`,
    '',
    '# Probes of any HTTP API (`statuslint probe --openapi`)',
    '',
    'Each probe takes a valid request to an operation of the OpenAPI document (parameters and bodies from its examples, or built from its schemas) and breaks exactly one thing about it; the checks judge the answer against the profile (`--profile envelope`, `problem`, `kubernetes` or a file of your own). Probes that would store something if the server skipped validation run only with `--allow-writes`, against a test instance; the results list them under `api.notRun` otherwise.',
    '',
    '| Probe | Runs | Expects (envelope) |',
    '|---|---|---|',
    ...API_PROBES.map((p) => {
      const operation = exampleOperation(p)!;
      const wanted = p.expect(operation, 'envelope');
      const codes = expectedCodes(indexOf(builtinProfile('envelope')), wanted);
      return `| [\`${p.id}\`](${p.id}.md)${p.optional ? ' (optional)' : ''} | per ${p.scope ?? 'operation'} | ${wanted.status}${codes.length ? ` \`${codes[0]}\`` : ''} |`;
    }),
    '',
    'A body limit the document states goes in `x-statuslint-body-limit` (bytes) on the operation or at the top of the document; `--body-limit` gives one for documents that state none.',
    '',
  ].join('\n');
}
