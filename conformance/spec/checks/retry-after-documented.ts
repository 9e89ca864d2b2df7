import { skip, pass } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { joinPointer } from '../document.js';

export default defineSpecCheck({
  id: 'retry-after-documented',
  title: '429 and 503 responses document Retry-After',
  level: 'SHOULD',
  given: 'operation',
  description:
    'A documented response whose status the catalog asks for retry guidance (`429` and `503`) should document the `Retry-After` header (RFC 9110 section 10.2.3) among its `headers`, so clients know to wait as long as it says.',
  example: {
    document: `swagger: '2.0'
info: { title: Pets, version: '1' }
paths:
  /pets:
    get:
      responses:
        '200': { description: The pets }
        '429': { description: Too many requests }
`,
  },
  then({ document, operation, index }) {
    // A status alone: a document says which statuses an operation answers, not which codes.
    const retryable = document.responsesOf(operation).filter((r) => /^\d{3}$/.test(r.status) && index.retryGuidance(Number(r.status)) !== undefined);
    if (retryable.length === 0) return skip(`no ${index.retryGuidanceStatuses().map((s) => `\`${s}\``).join(' or ')} documented`);
    const findings: FindingInput[] = [];
    const judged = new Set<string>();
    for (const response of retryable) {
      if (judged.has(response.response.pointer)) continue;
      judged.add(response.response.pointer);
      const headers = document.headersOf(response);
      if (headers.some((h) => h.name.toLowerCase() === 'retry-after')) continue;
      findings.push({
        pointer: headers.length > 0 ? joinPointer(response.response.pointer, 'headers') : response.response.pointer,
        expected: 'Retry-After',
        received: headers.length > 0 ? headers.map((h) => h.name).join(', ') : 'no headers',
        message: receivedExpected(
          `a \`${response.status}\` response documenting ${headers.length > 0 ? headers.map((h) => `\`${h.name}\``).join(', ') : 'no headers'}`,
          'a `Retry-After` header with the seconds to wait',
        ),
        hint: `Add \`Retry-After\` to the response's \`headers\` (${document.version === '2.0' ? '`type: integer`' : '`schema: { type: integer }`'}), and send it: clients that retry at once deepen the overload.`,
      });
    }
    return findings.length > 0 ? findings : pass;
  },
});
