/** Small text helpers the reporters share. */
import type { Results, RunTiming } from '../results.js';
import { digestOf } from '../run-digest.js';
import { safeJson, visible, visibleLines } from '../untrusted.js';

export const plural = (count: number, word: string, pluralWord = `${word}s`): string => `${count} ${count === 1 ? word : pluralWord}`;

/**
 * What an item with an error is: a probe that got no response; for validate, a recorded response
 * that could not be judged (a HAR request the browser got no answer to, a response too large to read).
 */
export const errorLabel = (item: { probeId?: string }): string => (item.probeId !== undefined ? 'no response' : 'not judged');

/** What an interrupted run's reports hold, as its command names it: `only … are reported`. */
export const interruptedScope = (results: Pick<Results, 'command'>): string =>
  results.command === 'probe' ? 'the probes that ran' : results.command === 'spec' ? 'the operations reported before it' : 'the responses read before it';

/** The items with an error, counted as the run's command names them. */
export const errorCount = (results: Pick<Results, 'command'>, count: number): string =>
  results.command === 'probe' ? `${plural(count, 'probe')} got no response` : results.command === 'spec' ? `${plural(count, 'document')} not read` : `${plural(count, 'response')} not judged`;

// XML 1.0 forbids a few characters even when escaped (C0 controls are escaped before this, by `visible`).
const XML_FORBIDDEN = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE_XML_FORBIDDEN = /[\uD800-\uDFFF\uFFFE\uFFFF]/;
const xmlAllowed = (text: string): string =>
  MAYBE_XML_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const HTML_ENTITIES: Readonly<Record<string, string>> = { ...XML_ENTITIES, "'": '&#39;' };
const entity = (entities: Readonly<Record<string, string>>) => (c: string): string => entities[c]!;
const xmlEntity = entity(XML_ENTITIES);
const htmlEntity = entity(HTML_ENTITIES);

/** Text for an XML attribute or one-line element: markup escaped, control characters and line breaks shown as escapes. */
export const escapeXml = (text: string): string => xmlAllowed(visible(text)).replace(/[&<>"']/g, xmlEntity);

/** Text for XML element content, where line breaks stay line breaks (a body); `]]>` cannot occur, `>` being escaped. */
export const escapeXmlText = (text: string): string => xmlAllowed(visibleLines(text)).replace(/[&<>]/g, xmlEntity);

/** One line of text for HTML content or a quoted attribute. */
export const escapeHtml = (text: string): string => visible(text).replace(/[&<>"']/g, htmlEntity);

/** Text of several lines for HTML content (a `<pre>`): line breaks kept. */
export const escapeHtmlLines = (text: string): string => visibleLines(text).replace(/[&<>"']/g, htmlEntity);

/**
 * `JSON.stringify(value, null, 2)` in pieces, the same text: objects and arrays down to `depth` levels
 * are opened here, one piece per member; deeper values are stringified whole. Characters a terminal
 * or a CI log would act on are written as `\u` escapes (`safeJson`): the same data, safe to print.
 */
export function* jsonChunks(value: unknown, depth: number): Generator<string> {
  yield* jsonPieces(value, depth, '');
}

/** A value as `jsonChunks` writes it, `indent` in (a member's value, an array's element), opened down to `depth` levels. */
export function* jsonValueChunks(value: unknown, depth: number, indent: string): Generator<string> {
  yield* jsonPieces(value, depth, indent);
}

const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function* jsonPieces(value: unknown, depth: number, indent: string): Generator<string> {
  // Only arrays and plain objects are opened: JSON.stringify writes a boxed string as a string, not as its characters.
  const opened = depth > 0 && typeof value === 'object' && value !== null && (Array.isArray(value) || isPlainObject(value));
  if (!opened) yield indentedJson(value, indent);
  else yield* openedPieces(value as object, depth, indent);
}

/**
 * A value stringified at `levels` of indentation: nested in as many arrays, JSON.stringify indents it
 * itself, quicker than adding the indentation to each of its lines.
 */
function indented(value: unknown, levels: number): string {
  if (levels === 0 || typeof value !== 'object' || value === null) return JSON.stringify(value, null, 2) ?? 'null';
  let wrapped: unknown = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  // `[\n  [\n    ` before it, `\n  ]\n]` after it, for two levels.
  return JSON.stringify(wrapped, null, 2).slice(levels * levels + 3 * levels, -(levels * (levels + 1)));
}

/** Nesting past which the general path writes the value (JSON.stringify reports a cycle; deep data is rare). */
const NESTING_LIMIT = 64;

/** Why the hand-written writer hands a value back to JSON.stringify. */
class NotPlainData extends Error {}

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
};

/**
 * The texts of the checks that passed or were skipped (`{checkId, level, outcome, reason?}`, strings
 * only), by their content and indentation: a run repeats a few dozen of them on every response. A tree
 * of maps, one level per value, so that no key string is built for a look-up; bounded: emptied when
 * full. Other objects are not cached: most (an item's `{id, title, location}`) are met once.
 */
interface TextNode {
  next: Map<string, TextNode>;
  text?: string;
}
const checkTexts: TextNode = { next: new Map() };
let checkTextNodes = 0;
const CHECK_TEXT_NODES_KEPT = 20_000;
const CHECK_MEMBERS = ['checkId', 'level', 'outcome', 'reason'] as const;

const child = (node: TextNode, step: string): TextNode => {
  let next = node.next.get(step);
  if (next === undefined) {
    node.next.set(step, (next = { next: new Map() }));
    checkTextNodes++;
  }
  return next;
};

/** The node for a check result without findings at `indent`, or undefined for any other object. */
function checkTextNode(value: Record<string, unknown>, keys: readonly string[], indent: string): TextNode | undefined {
  if (keys.length < 3 || keys.length > CHECK_MEMBERS.length) return undefined;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== CHECK_MEMBERS[i] || typeof value[keys[i]!] !== 'string') return undefined;
  if (checkTextNodes >= CHECK_TEXT_NODES_KEPT) {
    checkTexts.next.clear();
    checkTextNodes = 0;
  }
  // The names are fixed, so the values alone are the path: three of them end one level above four.
  let node = child(checkTexts, indent);
  for (const key of keys) node = child(node, value[key] as string);
  return node;
}

/** A string as JSON.stringify writes it, made safe to print (`#` and the characters safeJson escapes occur only in strings). */
const stringText = (text: string): string => (PLAIN_STRING.test(text) ? `"${text}"` : safeJson(JSON.stringify(text)));

/** A string JSON.stringify writes as it is, quoted, and safeJson leaves alone: printable ASCII but `"`, `\\` and `#`. */
const PLAIN_STRING = /^[ !$-[\]-~]*$/;

function numberText(value: number): string {
  // JSON.stringify writes a number as String does (-0 as `0`, 1e21 as `1e+21`), and a non-finite one as null.
  return Number.isFinite(value) ? String(value) : 'null';
}

function valueText(value: unknown, indent: string, nesting: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return stringText(value);
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (nesting >= NESTING_LIMIT) throw new NotPlainData();
      if (Array.isArray(value)) return arrayText(value, indent, nesting + 1);
      if (!isPlainObject(value)) throw new NotPlainData();
      return objectText(value as Record<string, unknown>, indent, nesting + 1);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      // bigint: JSON.stringify throws, and the general path says so.
      throw new NotPlainData();
  }
}

function arrayText(value: readonly unknown[], indent: string, nesting: number): string {
  if (value.length === 0) return '[]';
  const inner = `${indent}  `;
  let text = '[';
  for (let i = 0; i < value.length; i++) text += `${i === 0 ? '\n' : ',\n'}${inner}${valueText(value[i], inner, nesting) ?? 'null'}`;
  return `${text}\n${indent}]`;
}

function objectText(value: Record<string, unknown>, indent: string, nesting: number): string {
  const keys = Object.keys(value);
  const cached = checkTextNode(value, keys, indent);
  if (cached?.text !== undefined) return cached.text;
  const inner = `${indent}  `;
  let text = '';
  for (const key of keys) {
    const member = valueText(value[key], inner, nesting);
    if (member !== undefined) text += `${text === '' ? '{\n' : ',\n'}${inner}${stringText(key)}: ${member}`;
  }
  text = text === '' ? '{}' : `${text}\n${indent}}`;
  if (cached !== undefined) cached.text = text;
  return text;
}

/**
 * Text built by `+` (indentedJson's) is a tree of its pieces until it is read whole, and a report's
 * section held in memory (SARIF's results) held every piece: `validate --format sarif` of 100,000
 * responses peaked at 247 MiB rather than 150. Converting it to a number reads it whole, which V8 does
 * by making it one string (the flatstr package's trick, here without a dependency for one line). Text
 * written at once needs none: the writer reads it whole anyway.
 */
export const flat = (text: string): string => {
  void ((text as unknown as number) | 0);
  return text;
};

/**
 * `safeJson(JSON.stringify(value, null, 2))`, each line after the first indented by `indent`.
 * Hand-written for plain data (what the results model holds): JSON.stringify with a gap, nested in
 * arrays for the indentation, costs several times as much, and the small objects every response
 * repeats are written once. Anything else (a toJSON, a class instance, a bigint, a cycle, deep
 * nesting) goes to JSON.stringify itself. A test holds the two to the same text.
 */
export function indentedJson(value: unknown, indent: string): string {
  try {
    return valueText(value, indent, 0) ?? 'null';
  } catch (error) {
    if (!(error instanceof NotPlainData)) throw error;
    return safeJson(indented(value, indent.length / 2));
  }
}

function* openedPieces(value: object, depth: number, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      const element: unknown = value[i];
      yield* jsonPieces(omitted(element) ? null : element, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (omitted(member)) continue;
    yield `${first ? '{' : ','}\n${inner}${stringText(key)}: `;
    first = false;
    yield* jsonPieces(member, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** `statuslint probe of https://… (v1.33.0)` or `statuslint validate`: what the run looked at. */
export function describeRun(results: Results): string {
  // probe: the server; spec: the document, or the cluster whose documents were read. Their items' locations are no files.
  if ((results.command === 'probe' || results.command === 'spec') && results.target) {
    const version = results.target.version ? ` (${results.target.version})` : '';
    return `${results.target.server}${version}`;
  }
  const { files, moreFiles } = digestOf(results);
  if (files.length === 0) return 'no responses';
  const count = files.length + moreFiles;
  return count <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${plural(count - 3, 'more file')}`;
}

/** `2.4 s`, `1 min 05 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return 'unknown';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** `timing: discovery 1.2 s, sample lists 310 ms, planning 4.2 ms, probes 13.1 s`: where a probe run's time went. */
export function timingLine(timing: RunTiming): string {
  const { discoveryMs, samplesMs, planningMs, probesMs } = timing;
  return `timing: discovery ${formatDuration(discoveryMs)}, sample lists ${formatDuration(samplesMs)}, planning ${formatDuration(planningMs)}, probes ${formatDuration(probesMs)}`;
}

/** `2026-01-15 09:30 UTC`: readable, and the same wherever the report is rendered. */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 10)} ${time.toISOString().slice(11, 16)} UTC`;
}

/** The body as a reader wants it: JSON indented, anything else as it came. */
export function prettyBody(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
