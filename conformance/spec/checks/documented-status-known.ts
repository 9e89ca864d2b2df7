import { httpStatusEntries } from '../../../schemas/catalog.js';
import { registeredStatus } from '../../../schemas/http-registry.js';
import { pass, skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isObject, joinPointer, type Operation } from '../document.js';

const catalogStatusesOfClass = (first: string): string =>
  httpStatusEntries()
    .filter((e) => String(e.httpStatus).startsWith(first))
    .map((e) => `\`${e.httpStatus}\``)
    .join(', ');

const methodList = (methods: readonly string[]): string => methods.map((m) => `\`${m.toUpperCase()}\``).join(' or ');

/** A registered status whose definition rules out the operation's method: `304` to a `POST`. */
function methodMismatch(operation: Operation, status: number, pointer: string): FindingInput | undefined {
  const registered = registeredStatus(status);
  if (!registered?.methods || registered.methods.includes(operation.method)) return undefined;
  return {
    level: 'SHOULD',
    pointer,
    expected: `a status a ${operation.method.toUpperCase()} can answer`,
    received: String(status),
    message: receivedExpected(
      `a \`${status}\` (${registered.title}) response to a \`${operation.method.toUpperCase()}\``,
      `a status a \`${operation.method.toUpperCase()}\` can be answered with; ${registered.reference} defines \`${status}\` for ${methodList(registered.methods)} only`,
    ),
    hint: `Remove the \`${status}\` response from the \`${operation.method.toUpperCase()}\`; document it on the ${methodList(registered.methods)} that answers it.`,
  };
}

export default defineSpecCheck({
  id: 'documented-status-known',
  title: 'Documented statuses are registered and fit the operation',
  level: 'MUST',
  given: 'operation',
  description:
    'Every response key must be an HTTP status (`100`–`599`), `default`, or in OpenAPI 3 a range such as `4XX`; the status should be one the IANA HTTP Status Code Registry holds, whose meaning clients know, and one the operation\'s method can be answered with (`304` answers a conditional `GET` or `HEAD` only; `206` and `416` a range request, which only `GET` has).',
  example: {
    document: `openapi: 3.0.3
info: { title: Pets, version: '1' }
paths:
  /pets:
    post:
      responses:
        '201': { description: Created }
        '304': { description: Not modified }
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
        if (registeredStatus(Number(status))) {
          const mismatch = methodMismatch(operation, Number(status), pointer);
          if (mismatch) findings.push(mismatch);
          continue;
        }
        findings.push({
          level: 'SHOULD',
          pointer,
          expected: 'registered status',
          received: status,
          message: receivedExpected(`a \`${status}\` response`, 'a status the IANA HTTP Status Code Registry holds, whose meaning clients know'),
          hint: `Use the registered status that fits (those with client guidance: ${catalogStatusesOfClass(status[0]!)}); an unregistered \`${status}\` means nothing to clients, proxies or generated code.`,
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
