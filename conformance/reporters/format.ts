/** Small text helpers the reporters share. */
import type { Results, RunTiming } from '../results.js';
import { digestOf } from '../run-digest.js';
import { safeJson, visible, visibleLines } from '../untrusted.js';

export const plural = (count: number, word: string, pluralWord = `${word}s`): string => `${count} ${count === 1 ? word : pluralWord}`;

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
  for (const piece of jsonPieces(value, depth, '')) yield safeJson(piece);
}

/** A value as `jsonChunks` writes it, `indent` in (a member's value, an array's element), opened down to `depth` levels. */
export function* jsonValueChunks(value: unknown, depth: number, indent: string): Generator<string> {
  for (const piece of jsonPieces(value, depth, indent)) yield safeJson(piece);
}

const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function* jsonPieces(value: unknown, depth: number, indent: string): Generator<string> {
  const opened = depth > 0 && typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!opened) yield indented(value, indent.length / 2);
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
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
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
