import { httpStatusEntries, httpStatusEntry } from '../../../schemas/catalog.js';
import { pass, skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isObject, joinPointer } from '../document.js';

const catalogStatusesOfClass = (first: string): string =>
  httpStatusEntries()
    .filter((e) => String(e.httpStatus).startsWith(first))
    .map((e) => `\`${e.httpStatus}\``)
    .join(', ');

export default defineSpecCheck({
  id: 'documented-status-known',
  title: 'Documented status codes are ones the catalog knows',
  level: 'MUST',
  given: 'operation',
  description:
    'Every response key must be an HTTP status (`100`–`599`), `default`, or in OpenAPI 3 a range such as `4XX`; and the status should be one the catalog lists, since those are the statuses whose client recovery the API conventions define.',
  example: {
    document: `openapi: 3.0.3
info: { title: Pets, version: '1' }
paths:
  /pets:
    post:
      responses:
        '201': { description: Created }
        '418': { description: Pet is a teapot }
        '4xx': { description: Client error }
        '600': { description: Something else }
`,
  },
  then({ document, operation }) {
    const responses = operation.value.responses;
    if (!isObject(responses)) return skip('no responses documented');
    const findings: FindingInput[] = [];
    for (const status of Object.keys(responses)) {
      if (status === 'default' || status.startsWith('x-')) continue;
      const pointer = joinPointer(operation.pointer, 'responses', status);
      if (/^[1-5]XX$/.test(status) && document.version !== '2.0') continue;
      if (/^[1-5]\d\d$/.test(status)) {
        if (httpStatusEntry(Number(status))) continue;
        findings.push({
          level: 'SHOULD',
          pointer,
          expected: 'catalog status',
          received: status,
          message: receivedExpected(`a \`${status}\` response`, 'a status the catalog lists, whose meaning and client recovery the API conventions define'),
          hint: `Use the status that fits among ${catalogStatusesOfClass(status[0]!)}, or document why clients should treat \`${status}\` specially.`,
        });
        continue;
      }
      const range = /^[1-5]xx$/i.test(status);
      findings.push({
        pointer,
        expected: 'HTTP status',
        received: status,
        message: receivedExpected(
          `the response key \`${status}\``,
          document.version === '2.0' ? 'an HTTP status from `100` to `599` or `default`; Swagger 2.0 has no ranges' : 'an HTTP status from `100` to `599`, a range written `1XX` to `5XX`, or `default`',
        ),
        hint: range && document.version !== '2.0' ? `Write the range as \`${status.toUpperCase()}\`.` : range ? `List the statuses one by one, or use \`default\`.` : 'Use the HTTP status the API answers with.',
      });
    }
    return findings.length > 0 ? findings : pass;
  },
});
