import { pass, skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isErrorStatus, isObject, joinPointer, type Located } from '../document.js';
import { exampleMismatch, examplesOf, judgesMediaType } from '../examples.js';

const named = (schema: Located): string => `\`${schema.ref ?? `#${schema.pointer}`}\``;

export default defineSpecCheck({
  id: 'error-examples-valid',
  title: 'Error examples match their schema',
  level: 'SHOULD',
  given: 'operation',
  description:
    'An example of an error body (OpenAPI 3: the media type\'s `example` or the `value` of its `examples`; Swagger 2.0: the response\'s `examples` by media type) should be valid against the schema of that body: developers and generated clients learn the error from the example, and mocks answer with it. JSON bodies only; formats and OpenAPI\'s own keywords are not judged, and `pattern` runs in RE2.',
  example: {
    document: `openapi: 3.0.3
info: { title: Pets, version: '1' }
paths:
  /pets/{name}:
    get:
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: The pet }
        '404':
          description: Not found
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
              example: { documentation_url: 'https://example.com/docs', status: 404 }
components:
  schemas:
    Error:
      type: object
      required: [message]
      properties:
        message: { type: string }
        documentation_url: { type: string }
        status: { type: string }
`,
  },
  then({ document, operation }) {
    const errors = document.responsesOf(operation).filter((r) => isErrorStatus(r.status));
    const findings: FindingInput[] = [];
    let judged = 0;
    const seen = new Set<string>();
    for (const response of errors) {
      const mediaTypes = document.version === '2.0' ? document.bodyOf(operation, response).mediaTypes : Object.keys(isObject(response.response.value.content) ? response.response.value.content : {});
      const body = document.bodyOf(operation, response);
      for (const mediaType of mediaTypes.filter(judgesMediaType)) {
        const schema = body.schemas.find((s) => s.mediaTypes.includes(mediaType))?.schema;
        if (!schema || document.isSetAside(schema.value)) continue;
        const content = response.response.value.content;
        const media = document.version === '2.0' || !isObject(content) ? undefined : document.resolve(content[mediaType], joinPointer(response.response.pointer, 'content', mediaType));
        for (const example of examplesOf(document, response.response, mediaType, media)) {
          if (seen.has(example.pointer)) continue;
          seen.add(example.pointer);
          judged++;
          const mismatch = exampleMismatch(document, schema, example.value);
          if (!mismatch) continue;
          if ('error' in mismatch) return skip(`the schema ${named(schema)} cannot be compiled: ${mismatch.error}`);
          findings.push({
            pointer: example.pointer,
            expected: `valid against ${schema.ref ?? `#${schema.pointer}`}`,
            received: mismatch.problem,
            message: receivedExpected(`a \`${response.status}\` ${mediaType} example where ${mismatch.problem}`, `an example valid against the response schema ${named(schema)}`),
            hint: 'Make the example a body the API really sends, or fix the schema if the example is right.',
          });
        }
      }
    }
    if (judged === 0) return skip('no error response has an example');
    return findings.length > 0 ? findings : pass;
  },
});
