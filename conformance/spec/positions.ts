import jsonc from 'jsonc-parser';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { tokensOf } from './document.js';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** One step of a pointer: the child a token names, and the offset its key (or array item) starts at. */
interface Tree<N> {
  root: N | undefined;
  child(node: N, token: string): { node: N; offset: number } | undefined;
  offsetOf(node: N): number | undefined;
}

/**
 * JSON text (what servers and generators write, megabytes of it) is read with jsonc-parser, which
 * keeps offsets in a light tree: reading it as YAML for positions cost several times the checks.
 */
function jsonTree(text: string): Tree<jsonc.Node> {
  const keys = new WeakMap<jsonc.Node, Map<string, jsonc.Node>>();
  const keysOf = (node: jsonc.Node): Map<string, jsonc.Node> => {
    let map = keys.get(node);
    if (!map) {
      map = new Map();
      // The first of a repeated key, as JSON.parse keeps the last: either is a place it is written.
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && typeof key.value === 'string' && !map.has(key.value)) map.set(key.value, property);
      }
      keys.set(node, map);
    }
    return map;
  };
  return {
    root: jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false }),
    child(node, token) {
      if (node.type === 'object') {
        const property = keysOf(node).get(token);
        const value = property?.children?.[1];
        return property && value ? { node: value, offset: property.offset } : undefined;
      }
      if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(token)) {
        const item = node.children?.[Number(token)];
        return item ? { node: item, offset: item.offset } : undefined;
      }
      return undefined;
    },
    offsetOf: (node) => node.offset,
  };
}

function yamlTree(text: string): Tree<unknown> {
  // The text parsed once already: this reads it for positions only, so it is never an error here.
  const document = parseDocument(text, { uniqueKeys: false });
  const keys = new WeakMap<object, Map<string, { key: Node; value: unknown }>>();
  return {
    root: document.contents,
    child(node, token) {
      if (isMap(node)) {
        let map = keys.get(node);
        if (!map) {
          map = new Map();
          for (const pair of node.items) if (isScalar(pair.key) && !map.has(String(pair.key.value))) map.set(String(pair.key.value), { key: pair.key, value: pair.value });
          keys.set(node, map);
        }
        const pair = map.get(token);
        const offset = pair?.key.range?.[0];
        return pair && offset !== undefined ? { node: pair.value, offset } : undefined;
      }
      if (isSeq(node) && /^(0|[1-9]\d*)$/.test(token)) {
        const item = node.items[Number(token)] as Node | undefined;
        const offset = item?.range?.[0];
        return item && offset !== undefined ? { node: item, offset } : undefined;
      }
      return undefined;
    },
    offsetOf: (node) => (node as Node | null)?.range?.[0],
  };
}

/**
 * Where a JSON pointer of a document is written in the text it was read from: the line and column of
 * its key (or array item), so that reports can point editors and code-scanning views at it. A pointer
 * into what the text does not hold (a part bundled in from another file) gets its nearest written
 * ancestor. The text is parsed again, with positions, only when a position is first asked for.
 */
export class TextPositions {
  readonly #text: string;
  #tree: Tree<unknown> | undefined;
  #lines: LineCounter | undefined;

  constructor(text: string) {
    this.#text = text.replace(/^\uFEFF/, '');
  }

  of(pointer: string): TextPosition | undefined {
    this.#tree ??= /^\s*[{[]/.test(this.#text) ? (jsonTree(this.#text) as Tree<unknown>) : yamlTree(this.#text);
    const tree = this.#tree;
    let node = tree.root;
    if (node === undefined || node === null) return undefined;
    let offset = tree.offsetOf(node);
    for (const token of tokensOf(pointer)) {
      const next = tree.child(node, token);
      if (!next) break;
      offset = next.offset;
      node = next.node;
    }
    if (offset === undefined) return undefined;
    const { line, col } = this.#lineCounter().linePos(offset);
    return { line, column: col };
  }

  #lineCounter(): LineCounter {
    if (!this.#lines) {
      this.#lines = new LineCounter();
      this.#lines.addNewLine(0);
      for (let i = this.#text.indexOf('\n'); i !== -1; i = this.#text.indexOf('\n', i + 1)) this.#lines.addNewLine(i + 1);
    }
    return this.#lines;
  }
}
