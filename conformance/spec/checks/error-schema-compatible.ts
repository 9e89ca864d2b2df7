import type { Level } from '../../../schemas/types.js';
import { skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isErrorStatus, isWithinPointer, type Located } from '../document.js';
import { compatibleNamedSchema, type ErrorMember, errorMembers, judgeErrorSchema, shapeName, withArticle } from '../error-shape.js';
import { isJsonMediaType } from '../media-types.js';

const statusList = (statuses: string[]): string => statuses.map((s) => `\`${s}\``).join(', ');
const capitalize = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const via = (schema: Located): string => (schema.ref ? ` (\`${schema.ref}\`)` : '');

export default defineSpecCheck({
  id: 'error-schema-compatible',
  title: 'Error responses reference the profile\'s error schema',
  level: 'MUST',
  given: 'operation',
  bodyKinds: ['kubernetes-status', 'envelope', 'problem'],
  description:
    'Each `4xx`, `5xx` and `default` response must have a JSON schema compatible with the profile\'s error body, judged by structure, not by name: an object declaring the members clients read with the types they read (Kubernetes: `kind`, `apiVersion`, `status`, `reason` strings and an integer `code`, and `message` as a SHOULD; envelope: the code and message fields; problem details: `title` and an integer `status`, and `type` and `detail` as a SHOULD). A response with no schema at all should get one (not one to `HEAD`, which has no body).',
  example: {
    document: `swagger: '2.0'
info: { title: Pets, version: '1' }
paths:
  /pets/{name}:
    get:
      produces: [application/json]
      parameters: [{ name: name, in: path, required: true, type: string }]
      responses:
        '200': { description: The pet }
        '404': { description: Not found, schema: { $ref: '#/definitions/Error' } }
definitions:
  Error:
    type: object
    properties:
      message: { type: string }
      code: { type: string }
`,
  },
  then({ document, operation, profile }) {
    const members = errorMembers(profile)!;
    const errors = document.responsesOf(operation).filter((r) => isErrorStatus(r.status));
    if (errors.length === 0) return skip('no error responses documented');
    const shape = shapeName(profile);
    const aShape = withArticle(shape);
    const reference = compatibleNamedSchema(document, profile);
    const referTo = reference ? `reference \`${reference}\`` : `reference ${aShape} schema`;
    const findings: FindingInput[] = [];
    // A schema shared by several responses is judged once, naming all of them.
    const schemas = new Map<string, { schema: Located; statuses: string[] }>();
    for (const response of errors) {
      const body = document.bodyOf(operation, response);
      // A `$ref` that could not be followed is `refs-resolve`'s finding, not a missing schema.
      if (document.isSetAside(response.response.value)) continue;
      // A response to HEAD has no body (RFC 9110 section 9.3.2): nothing to document.
      if (body.schemas.length === 0 && operation.method === 'head') continue;
      if (body.schemas.length === 0) {
        findings.push({
          level: 'SHOULD',
          pointer: response.response.pointer,
          expected: shape,
          received: 'no schema',
          message: receivedExpected(`a \`${response.status}\` response with no schema`, `${aShape} schema for the error body`),
          hint: `${capitalize(referTo)} from the response, so clients and generated code know the error body.`,
        });
        continue;
      }
      for (const { schema, mediaTypes } of body.schemas) {
        // Non-JSON bodies are the business of `error-content-type-json`.
        if (mediaTypes.length > 0 && !mediaTypes.some(isJsonMediaType)) continue;
        if (document.isSetAside(schema.value)) continue;
        const seen = schemas.get(schema.pointer);
        if (seen) seen.statuses.push(response.status);
        else schemas.set(schema.pointer, { schema, statuses: [response.status] });
      }
    }
    for (const { schema, statuses } of schemas.values()) {
      const judgement = judgeErrorSchema(document, schema, members);
      // A schema operations share is reported once for all of them: named by where it is, not by this operation's statuses.
      const subject = isWithinPointer(schema.pointer, operation.pointer) ? `the ${statusList(statuses)} response schema${via(schema)}` : `the error response schema \`${schema.ref ?? `#${schema.pointer}`}\``;
      if (judgement.notObject) {
        findings.push({
          pointer: judgement.notObject.pointer,
          expected: 'object',
          received: judgement.notObject.types,
          message: receivedExpected(`${subject} of type \`${judgement.notObject.types}\``, `${aShape} object`),
          hint: `${capitalize(referTo)} instead.`,
        });
        continue;
      }
      // Missing members of one level in one schema are one finding: the fix is one edit.
      const missingBySchema = new Map<string, { level: Level; pointer: string; members: ErrorMember[] }>();
      for (const problem of judgement.problems.filter((p) => p.received === 'missing')) {
        const key = `${problem.level}\u0000${problem.pointer}`;
        const group = missingBySchema.get(key);
        if (group) group.members.push(problem.member);
        else missingBySchema.set(key, { level: problem.level, pointer: problem.pointer, members: [problem.member] });
      }
      for (const { level, pointer, members: missing } of missingBySchema.values()) {
        const names = missing.map((m) => `\`${m.name}\``).join(', ');
        findings.push({
          level,
          pointer,
          expected: missing.map((m) => `${m.name}: ${m.type}`).join(', '),
          received: 'missing',
          message: receivedExpected(`${subject} without ${names}`, `${aShape} schema, which declares ${missing.map((m) => `\`${m.name}\` (\`${m.type}\`)`).join(', ')}`),
          hint: `Declare ${names}, or ${referTo}.`,
        });
      }
      for (const problem of judgement.problems.filter((p) => p.received !== 'missing')) {
        const { name, type } = problem.member;
        findings.push({
          level: problem.level,
          pointer: problem.pointer,
          expected: `${name}: ${type}`,
          received: problem.received,
          message: receivedExpected(`\`${name}\` declared as \`${problem.received}\` in ${subject}`, `\`${name}\` of type \`${type}\``),
          hint: `Declare \`${name}\` with \`type: ${type}\`.`,
        });
      }
    }
    return findings;
  },
});
