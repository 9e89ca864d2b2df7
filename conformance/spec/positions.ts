import jsonc from 'jsonc-parser';
import jsYaml from 'js-yaml';
import { tokensOf } from './document.js';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * A wanted pointer, or one of its ancestors: a container worth following. Nodes make a tree of the
 * pointers' tokens, so that following a child is a look-up, never a pointer string built for every
 * key the reading meets (at hundreds of thousands of findings, that was most of the memory).
 */
interface PointerNode {
  /** Where it is written, once met. */
  offset: number | undefined;
  /** Its children on the way to wanted pointers, by token (unescaped). */
  children: Map<string, PointerNode> | undefined;
}

const newNode = (): PointerNode => ({ offset: undefined, children: undefined });

/**
 * Records, while a text is read once from start to end, where each wanted pointer (and each of its
 * ancestors) is written: the offset of its key, or of its array item. Only the containers on the way
 * to a wanted pointer are followed, so memory stays the size of the answer, not of the document.
 */
class PointerRecorder {
  readonly root = newNode();

  constructor(pointers: Iterable<string>) {
    for (const pointer of pointers) {
      let node = this.root;
      for (const token of tokensOf(pointer)) {
        node.children ??= new Map();
        let child = node.children.get(token);
        if (!child) node.children.set(token, (child = newNode()));
        node = child;
      }
    }
  }

  /** A container's child when it is on the way to a wanted pointer, else undefined. */
  childOf(parent: PointerNode, token: string): PointerNode | undefined {
    return parent.children?.get(token);
  }

  /** Where a node is written; true when this is the first place (of a repeated key, the first is as good as the last). */
  record(node: PointerNode, offset: number): boolean {
    if (node.offset !== undefined) return false;
    node.offset = offset;
    return true;
  }

  forget(node: PointerNode): void {
    node.offset = undefined;
  }

  /** Where a pointer is written, or else its nearest written ancestor. */
  offsetOf(pointer: string): number | undefined {
    let node: PointerNode | undefined = this.root;
    let found = node.offset;
    for (const token of tokensOf(pointer)) {
      node = node.children?.get(token);
      if (!node) break;
      if (node.offset !== undefined) found = node.offset;
    }
    return found;
  }
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09;

const OPEN_BRACE = jsonc.SyntaxKind.OpenBraceToken;
const CLOSE_BRACE = jsonc.SyntaxKind.CloseBraceToken;
const OPEN_BRACKET = jsonc.SyntaxKind.OpenBracketToken;
const CLOSE_BRACKET = jsonc.SyntaxKind.CloseBracketToken;
const COMMA = jsonc.SyntaxKind.CommaToken;
const COLON = jsonc.SyntaxKind.ColonToken;
const STRING = jsonc.SyntaxKind.StringLiteral;
const END = jsonc.SyntaxKind.EOF;

/**
 * JSON text: jsonc-parser's scanner reads it once, token by token, with a list of the open containers
 * for a stack. Its visitor recursed once per level and ran out of stack below 2,000 levels, leaving
 * everything after the deep part unplaced; this reading has no depth limit. A container nothing wanted
 * is in is only counted through until it closes.
 */
function recordJson(text: string, recorder: PointerRecorder): void {
  const scanner = jsonc.createScanner(text, true);
  // Per open container on the way: its node, the key read last (objects) or the next item's index (arrays).
  const containers: Array<{ node: PointerNode; array: boolean; key: string | undefined; keyOffset: number; index: number }> = [];
  // Containers open within the one skipped, itself included.
  let skipped = 0;
  // Whether the next string in an object is a key (after `{` or `,`) rather than a value (after `:`).
  let keyNext = false;
  /** The node of the value starting at `offset`, when it is on the way, recorded. */
  const valueAt = (offset: number): PointerNode | undefined => {
    const container = containers[containers.length - 1];
    if (!container) {
      recorder.record(recorder.root, offset);
      return recorder.root;
    }
    const node = recorder.childOf(container.node, container.array ? String(container.index++) : container.key!);
    if (node !== undefined) recorder.record(node, container.array ? offset : container.keyOffset);
    return node;
  };
  for (let token = scanner.scan(); token !== END; token = scanner.scan()) {
    const opens = token === OPEN_BRACE || token === OPEN_BRACKET;
    const closes = token === CLOSE_BRACE || token === CLOSE_BRACKET;
    if (skipped > 0) {
      if (opens) skipped++;
      else if (closes) skipped--;
      continue;
    }
    const offset = scanner.getTokenOffset();
    if (opens) {
      const node = valueAt(offset);
      if (node === undefined) skipped = 1;
      else containers.push({ node, array: token === OPEN_BRACKET, key: undefined, keyOffset: offset, index: 0 });
      keyNext = token === OPEN_BRACE && node !== undefined;
    } else if (closes) {
      containers.pop();
      keyNext = false;
    } else if (token === COMMA) keyNext = containers[containers.length - 1]?.array === false;
    else if (token === COLON) keyNext = false;
    else if (token === STRING && keyNext) {
      const container = containers[containers.length - 1]!;
      container.key = scanner.getTokenValue();
      container.keyOffset = offset;
      keyNext = false;
    } else valueAt(offset);
  }
}

interface YamlFrame {
  /** Where js-yaml began to read the node. */
  start: number;
  /** The key just read, whose value comes next, and where that key is written. */
  key?: string;
  keyStart?: number;
  /** Nodes read so far that were neither keys nor values: the next item's index. */
  items: number;
  /** The node's place in the wanted pointers when something wanted is in it... */
  pointer?: PointerNode;
  /** ...and whether its offset was recorded as it opened (taken back if it turns out to be a key). */
  recorded: boolean;
  /** Whether a child has opened yet. */
  opened: boolean;
}

type YamlState = { depth: number; position: number; input: string; kind: string | null; result: unknown };

/**
 * YAML text: read again with js-yaml, whose listener sees each node open and close. A scalar followed
 * by `:` is a key, the node after it its value, any other node the next item. The listener drops every
 * collection as it closes, so this second reading builds no second document.
 */
function recordYaml(text: string, recorder: PointerRecorder): void {
  const frames: YamlFrame[] = [];
  const listener = (event: 'open' | 'close', state: YamlState): void => {
    const depth = state.depth - 1;
    if (event === 'open') {
      // A reading js-yaml went back on leaves frames deeper than this one: they are forgotten.
      frames.length = depth;
      const parent = frames[depth - 1];
      const frame: YamlFrame = { start: state.position, items: 0, recorded: false, opened: false };
      const firstChild = parent !== undefined && !parent.opened;
      if (parent) parent.opened = true;
      if (!parent) {
        frame.pointer = recorder.root;
        frame.recorded = recorder.record(recorder.root, startOfContent(state.input, state.position));
      } else if (firstChild && parent.key === undefined && startOfContent(state.input, state.position) === startOfContent(state.input, parent.start)) {
        // js-yaml reads a node where its parent starts to see whether it is a key: either it is (a
        // scalar), or it is the parent itself (a flow collection, a scalar), whose children are the parent's.
        frame.pointer = parent.pointer;
      } else if (parent.pointer !== undefined) {
        const isValue = parent.key !== undefined;
        const pointer = recorder.childOf(parent.pointer, isValue ? parent.key! : String(parent.items));
        if (pointer !== undefined) {
          frame.pointer = pointer;
          frame.recorded = recorder.record(pointer, isValue ? parent.keyStart! : startOfContent(state.input, state.position));
        }
      }
      frames.push(frame);
      return;
    }
    const frame = frames[depth];
    const parent = frames[depth - 1];
    frames.length = depth;
    if (frame && parent) {
      if (parent.key === undefined && state.kind === 'scalar' && followedByColon(state.input, state.position)) {
        // Read as an item, it was a key: what was recorded for it is taken back.
        if (frame.recorded) recorder.forget(frame.pointer!);
        parent.key = String(state.result);
        parent.keyStart = startOfContent(state.input, frame.start);
      } else if (parent.key !== undefined) parent.key = undefined;
      else parent.items++;
    }
    // Collections are dropped once read: only the offsets are wanted from this reading.
    if (state.kind === 'mapping' || state.kind === 'sequence') state.result = null;
  };
  jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, listener: listener as unknown as jsYaml.LoadOptions['listener'] });
}

function followedByColon(text: string, from: number): boolean {
  let i = from;
  while (isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3a;
}

/** The first character of content from `from` on: past spaces, line breaks, comments and document markers. */
function startOfContent(text: string, from: number): number {
  let i = from;
  for (;;) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 0x0a || code === 0x0d) i++;
    else if (code === 0x23) {
      const end = text.indexOf('\n', i);
      if (end === -1) return text.length;
      i = end + 1;
    } else if (text.startsWith('---', i) && (i === 0 || text.charCodeAt(i - 1) === 0x0a) && /[\s]/.test(text[i + 3] ?? ' ')) i += 3;
    else return i;
  }
}

/** Lines and columns of offsets, counted in one pass over the text. */
function linesAndColumns(text: string, offsets: Iterable<number>): Map<number, TextPosition> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map<number, TextPosition>();
  let line = 1;
  let lineStart = 0;
  // Each line break is searched for once: on a document on one line, searching again from the line's
  // start for each offset read the whole text as many times as there were offsets.
  let nextBreak = text.indexOf('\n');
  for (const offset of sorted) {
    while (nextBreak !== -1 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    found.set(offset, { line, column: offset - lineStart + 1 });
  }
  return found;
}

/**
 * Where JSON pointers of a document are written in the text it was read from: the line and column of
 * each one's key (or array item), so that reports can point editors and code-scanning views at it. A
 * pointer into what the text does not hold (a part bundled in from another file) gets its nearest
 * written ancestor. The text is read again, once for all the pointers asked about together, keeping
 * only their offsets: a document of hundreds of megabytes needs no tree of positions.
 */
export class TextPositions {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text.replace(/^\uFEFF/, '');
  }

  /** Where each pointer is written (pointers the text holds nothing of are left out). */
  locate(pointers: Iterable<string>): Map<string, TextPosition> {
    const wanted = [...new Set(pointers)];
    const recorder = new PointerRecorder(wanted);
    try {
      if (/^\s*[{[]/.test(this.#text)) recordJson(this.#text, recorder);
      else recordYaml(this.#text, recorder);
    } catch (error) {
      // YAML nested deeper than js-yaml's stack at this second reading: what lies below is placed at its
      // nearest ancestor recorded before, as any pointer the text does not show.
      if (!(error instanceof RangeError)) throw error;
    }
    const offsets = new Map<string, number>();
    for (const pointer of wanted) {
      const offset = recorder.offsetOf(pointer);
      if (offset !== undefined) offsets.set(pointer, offset);
    }
    const positions = linesAndColumns(this.#text, offsets.values());
    const located = new Map<string, TextPosition>();
    for (const [pointer, offset] of offsets) located.set(pointer, positions.get(offset)!);
    return located;
  }

  /** Where one pointer is written; {@link locate} asks about many in one reading. */
  of(pointer: string): TextPosition | undefined {
    return this.locate([pointer]).get(pointer);
  }
}
