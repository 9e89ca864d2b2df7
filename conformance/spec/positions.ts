import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { tokensOf } from './document.js';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * Where a JSON pointer of a document is written in the text it was read from: the line and column of
 * its key (or array item), so that reports can point editors and code-scanning views at it. A pointer
 * into what the text does not hold (a part bundled in from another file) gets its nearest written
 * ancestor. The text is parsed again, with positions, only when a position is first asked for.
 */
export class TextPositions {
  readonly #text: string;
  #parsed: { root: unknown; lines: LineCounter } | undefined;

  constructor(text: string) {
    this.#text = text.replace(/^\uFEFF/, '');
  }

  of(pointer: string): TextPosition | undefined {
    this.#parsed ??= this.#parse();
    const { root, lines } = this.#parsed;
    let node = root;
    let offset = (node as Node | null)?.range?.[0];
    for (const token of tokensOf(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === token);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = /^(0|[1-9]\d*)$/.test(token) ? node.items[Number(token)] : undefined;
        if (!item) break;
        offset = (item as Node).range?.[0] ?? offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  }

  #parse(): { root: unknown; lines: LineCounter } {
    const lines = new LineCounter();
    // The text parsed once already: this reads it for positions only, so it is never an error here.
    const document = parseDocument(this.#text, { lineCounter: lines, uniqueKeys: false });
    return { root: document.contents, lines };
  }
}
