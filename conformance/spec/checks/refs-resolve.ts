import { pass } from '../../check-core.js';
import { receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';

export default defineSpecCheck({
  id: 'refs-resolve',
  title: 'Every `$ref` can be followed',
  level: 'MUST',
  given: 'document',
  description:
    'Every `$ref` the document may follow must lead somewhere: a local pointer to a value the document holds, a file that exists and parses, a URL whose server answers it, and a pointer that names something in that file. A `$ref` that cannot be followed is reported where it stands and read as an empty object, and the rest of the document is checked. A `$ref` that leaves what the document may reach (its directory or origin, see `--allow-external-refs`) is refused before anything is read, and ends the run.',
  example: {
    document: `openapi: 3.0.3
info: { title: Pets, version: '1' }
paths:
  /pets:
    get:
      responses:
        '200': { description: The pets }
        '404':
          description: Not found
          content:
            application/json: { schema: { $ref: '#/components/schemas/Eror' } }
components:
  schemas:
    Error: { type: object }
`,
  },
  then({ document }) {
    if (document.unresolved.length === 0) return pass;
    return document.unresolved.map(({ ref, pointer, file, filePointer, reason }) => ({
      pointer,
      expected: 'a $ref that can be followed',
      received: ref,
      message: receivedExpected(`\`$ref: ${JSON.stringify(ref)}\`${file ? ` in ${file} at \`${filePointer}\`` : ''}, which ${reason}`, 'a `$ref` to something the document can read'),
      hint: file ? `Fix the \`$ref\` in ${file}, or the file it names.` : 'Point the `$ref` at what it means, or add what it names.',
    }));
  },
});
