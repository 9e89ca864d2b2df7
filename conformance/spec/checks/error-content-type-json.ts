import { pass, skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isErrorStatus } from '../document.js';
import { shapeName } from '../error-shape.js';
import { essenceOf, isJsonMediaType } from '../media-types.js';

const listed = (types: string[]): string => types.map((t) => `\`${t}\``).join(', ');

export default defineSpecCheck({
  id: 'error-content-type-json',
  title: 'Error bodies are documented as JSON',
  level: 'MUST',
  given: 'operation',
  bodyKinds: ['kubernetes-status', 'envelope', 'problem'],
  description:
    'Where an error response documents its body, a JSON media type must be among its types (OpenAPI 3: the response\'s `content`; Swagger 2.0: the operation\'s or the document\'s `produces`), and the profile\'s own type should be (`application/json`, or `application/problem+json` for problem details).',
  example: {
    profile: 'problem',
    document: `openapi: 3.1.0
info: { title: Pets, version: '1' }
paths:
  /pets:
    post:
      responses:
        '201': { description: Created }
        '422':
          description: Invalid pet
          content:
            text/html: { schema: { type: string } }
`,
  },
  then({ document, operation, profile }) {
    const errors = document.responsesOf(operation).filter((r) => isErrorStatus(r.status));
    if (errors.length === 0) return skip('no error responses documented');
    const preferred = profile.contentTypes.map(essenceOf);
    const expected = profile.contentTypes[0] ?? 'application/json';
    const findings: FindingInput[] = [];
    // One finding per place the types are declared: a shared `produces` or response is judged once.
    const judged = new Map<string, string[]>();
    for (const response of errors) {
      const body = document.bodyOf(operation, response);
      if (body.mediaTypesPointer === undefined || body.mediaTypes.length === 0) continue;
      // Swagger 2.0 `produces` speaks for every response; it matters for errors only when one has a body.
      if (document.version === '2.0' && body.schemas.length === 0) continue;
      const statuses = judged.get(body.mediaTypesPointer);
      if (statuses) {
        statuses.push(response.status);
        continue;
      }
      judged.set(body.mediaTypesPointer, [response.status]);
      const subject = `${document.version === '2.0' ? '`produces`' : `the \`${response.status}\` response's content`} ${listed(body.mediaTypes)}`;
      if (!body.mediaTypes.some(isJsonMediaType)) {
        findings.push({
          pointer: body.mediaTypesPointer,
          expected,
          received: body.mediaTypes.join(', '),
          message: receivedExpected(subject, `\`${expected}\`, a JSON type for the ${shapeName(profile)} body`),
          hint: `Document the error body as \`${expected}\`${document.version === '2.0' ? ' in `produces`' : ' in the response\'s `content`'}, and send it so.`,
        });
      } else if (preferred.length > 0 && !body.mediaTypes.some((t) => preferred.includes(essenceOf(t)))) {
        findings.push({
          level: 'SHOULD',
          pointer: body.mediaTypesPointer,
          expected,
          received: body.mediaTypes.join(', '),
          message: receivedExpected(subject, `\`${expected}\`, the ${profile.name} profile's media type`),
          hint: `Document and send \`${expected}\`; clients pick their error parser by it.`,
        });
      }
    }
    if (judged.size === 0) return skip('no error response documents its media type');
    return findings.length > 0 ? findings : pass;
  },
});
