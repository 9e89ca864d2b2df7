// Where a JSON pointer is written in a document's text, for the line and column of spec findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { joinPointer } from '../../conformance/spec/document.js';
import { TextPositions } from '../../conformance/spec/positions.js';
import { fixture } from '../helpers/paths.js';

const yaml = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /pets/{name}:
    get:
      responses:
        '404':
          description: Not found
        '429': { description: Slow down }
components:
  schemas:
    Error:
      properties:
        reason: { type: string, enum: [NotFound, Notfound] }
    a~b: { type: object }
`;

describe('TextPositions', () => {
  const positions = new TextPositions(yaml);

  it('finds a key by its pointer, with ~1 and ~0 unescaped', () => {
    assert.deepEqual(positions.of('/paths/~1pets~1{name}/get'), { line: 5, column: 5 });
    assert.deepEqual(positions.of('/paths/~1pets~1{name}/get/responses/404'), { line: 7, column: 9 });
    assert.deepEqual(positions.of('/components/schemas/a~0b'), { line: 15, column: 5 });
  });

  it('finds keys and items in flow collections', () => {
    assert.deepEqual(positions.of('/paths/~1pets~1{name}/get/responses/429/description'), { line: 9, column: 18 });
    assert.deepEqual(positions.of('/components/schemas/Error/properties/reason/enum/1'), { line: 14, column: 50 });
  });

  it('gives the nearest written ancestor for what the text does not hold', () => {
    assert.deepEqual(positions.of('/paths/~1pets~1{name}/get/responses/500'), { line: 6, column: 7 });
    assert.deepEqual(positions.of('/components/schemas/Error/properties/reason/enum/7'), { line: 14, column: 33 });
    assert.deepEqual(positions.of('/info/title/x'), { line: 2, column: 9 });
  });

  it('puts the whole document at its first line', () => {
    assert.deepEqual(positions.of(''), { line: 1, column: 1 });
  });

  it('reads JSON text, and text that starts with a byte order mark', () => {
    const json = new TextPositions('\uFEFF{\n  "swagger": "2.0",\n  "paths": {\n    "/a": { "get": { "responses": { "404": { "description": "x" } } } }\n  }\n}\n');
    assert.deepEqual(json.of('/paths/~1a/get/responses/404'), { line: 4, column: 37 });
    assert.deepEqual(json.of('/swagger'), { line: 2, column: 3 });
  });

  it('reads JSON with its own parser, to the same places as the YAML reader finds', () => {
    const text = readFileSync(fixture('openapi', 'clean-2.0.json'), 'utf8');
    const json = new TextPositions(text);
    // A comment line first makes the same text YAML to the reader, one line further down.
    const asYaml = new TextPositions(`# as YAML\n${text}`);
    const pointers: string[] = [];
    const walk = (value: unknown, pointer: string): void => {
      pointers.push(pointer);
      if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, joinPointer(pointer, key));
    };
    walk(JSON.parse(text), '');
    assert.ok(pointers.length > 150);
    for (const pointer of pointers.slice(1)) {
      const yamlAt = asYaml.of(pointer)!;
      assert.deepEqual(json.of(pointer), { line: yamlAt.line - 1, column: yamlAt.column }, pointer);
    }
  });
});
