// Where a JSON pointer is written in a document's text, for the line and column of spec findings.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parse, parseDocument } from 'yaml';
import { joinPointer } from '../../conformance/spec/document.js';
import { loadDocument } from '../../conformance/spec/load.js';
import { TextPositions } from '../../conformance/spec/positions.js';
import { checkDocument } from '../../conformance/spec/run.js';
import { builtinProfile } from '../../schemas/index.js';
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

  it('places keys on long lines and on one line as counting the text up to them does', () => {
    const members = Array.from({ length: 300 }, (_, i) => `"k${i}":${i % 7 === 0 ? '\n' : ''}{"v":${i}}`);
    for (const text of [`{${members.join(',')}}`, `{${members.join(',').replace(/\n/g, '')}}`]) {
      const wanted = Array.from({ length: 300 }, (_, i) => `/k${i}/v`);
      const located = new TextPositions(text).locate(wanted);
      for (const [i, pointer] of wanted.entries()) {
        const before = text.slice(0, text.indexOf('"v"', text.indexOf(`"k${i}"`))).split('\n');
        assert.deepEqual(located.get(pointer), { line: before.length, column: before.at(-1)!.length + 1 }, pointer);
      }
    }
  });

  it('places pointers in a JSON document nested far deeper than a reader that recurses goes, and what follows it', () => {
    let schema = '{"type":"string"}';
    for (let i = 0; i < 20_000; i++) schema = `{"properties":{"a":${schema}}}`;
    const text = `{"openapi":"3.0.0",\n"x-deep":${'['.repeat(20_000)}1${']'.repeat(20_000)},\n"paths":${schema},\n"info":{}}`;
    const deepest = `/paths${'/properties/a'.repeat(20_000)}/type`;
    const located = new TextPositions(text).locate(['/openapi', '/paths', deepest, '/info']);
    assert.deepEqual(located.get('/openapi'), { line: 1, column: 2 });
    assert.deepEqual(located.get('/paths'), { line: 3, column: 1 });
    assert.deepEqual(located.get(deepest), { line: 3, column: text.split('\n')[2]!.indexOf('"type"') + 1 });
    assert.deepEqual(located.get('/info'), { line: 4, column: 1 });
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

  it('lists many pointers in one reading', () => {
    const found = positions.locate(['/paths/~1pets~1{name}/get', '/components/schemas/a~0b', '/nowhere']);
    assert.deepEqual(found.get('/paths/~1pets~1{name}/get'), { line: 5, column: 5 });
    assert.deepEqual(found.get('/components/schemas/a~0b'), { line: 15, column: 5 });
    assert.deepEqual(found.get('/nowhere'), { line: 1, column: 1 });
  });
});

/** Where the yaml package's syntax tree (what positions were read from before) puts a pointer's key or item. */
function positionInSyntaxTree(text: string): (pointer: string) => { line: number; column: number } | undefined {
  const lines = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  return (pointer) => {
    let node: unknown = document.contents;
    let offset = (node as Node | null)?.range?.[0];
    for (const token of pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      let next: { node: unknown; offset: number | undefined } | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === token);
        if (pair) next = { node: pair.value, offset: (pair.key as Node).range?.[0] };
      } else if (isSeq(node) && /^(0|[1-9]\d*)$/.test(token)) {
        const item = node.items[Number(token)] as Node | undefined;
        if (item) next = { node: item, offset: item.range?.[0] };
      }
      if (!next) break;
      ({ node, offset } = next);
    }
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}

describe('TextPositions on every fixture document', () => {
  const folder = fixture('openapi');
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('finds each pointer where the yaml package\'s syntax tree puts it', () => {
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(join(folder, file), 'utf8');
      let data: unknown;
      try {
        data = parse(text, { uniqueKeys: false });
      } catch {
        continue; // The fixtures of unreadable documents.
      }
      const pointers: string[] = [];
      const walk = (value: unknown, pointer: string): void => {
        pointers.push(pointer);
        if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, joinPointer(pointer, key));
      };
      walk(data, '');
      // Pointers into what the text does not hold: the nearest written ancestor.
      pointers.push('/not/there', `${pointers[pointers.length - 1]}/deeper/still`);
      const located = new TextPositions(text).locate(pointers);
      const expected = positionInSyntaxTree(text.replace(/^\uFEFF/, ''));
      for (const pointer of pointers) assert.deepEqual(located.get(pointer), expected(pointer), `${file} ${pointer}`);
      compared += pointers.length;
    }
    assert.ok(compared > 1500, `compared ${compared} pointers`);
  });
});

describe('positions of findings in a deeply nested JSON document', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'statuslint-deep-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('are those of their keys, as `spec` reads and checks the document, ahead of the deep part and after it', async () => {
    let deep = '{"type":"string"}';
    for (let i = 0; i < 20_000; i++) deep = `{"type":"object","properties":{"a":${deep}}}`;
    const response = (schema: string): string => `{"description":"d","content":{"application/json":{"schema":${schema}}}}`;
    const lines = [
      '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{',
      `"/a":{"get":{"responses":{"404":${response(deep)}}}},`,
      `"/b":{"get":{"responses":{"404":${response('{"type":"object"}')}}}}`,
      '}}',
    ];
    const file = join(scratch, 'deep.json');
    writeFileSync(file, lines.join('\n'));
    const items = checkDocument(await loadDocument(file), { profile: builtinProfile('kubernetes') });
    const placed = new Set(items.flatMap((item) => item.checks.flatMap((c) => (c.outcome === 'fail' ? c.findings : []))).map((f) => `${f.pointer} ${f.line}:${f.column}`));
    const schemaColumn = (line: number): number => lines[line - 1]!.indexOf('"schema"') + 1;
    assert.ok(placed.has(`/paths/~1a/get/responses/404/content/application~1json/schema 2:${schemaColumn(2)}`), [...placed].join('\n'));
    assert.ok(placed.has(`/paths/~1b/get/responses/404/content/application~1json/schema 3:${schemaColumn(3)}`), [...placed].join('\n'));
  });
});
