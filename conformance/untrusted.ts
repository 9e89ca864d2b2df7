/**
 * The one door for text a server or a document controls (bodies, headers, reasons, names, versions,
 * paths, titles) on its way to a terminal, a CI log or a report. Reporters pass every such string
 * through `visible` (one line) or `visibleLines` (a body); the results model clips it with `clip`.
 *
 * What it stops:
 * - control characters (C0, DEL, C1): escape sequences that retitle, recolour or rewrite a terminal,
 *   or hide text (OSC 8 links, `\x1b[2K`);
 * - bidirectional embeddings, overrides and isolates, and the Unicode line and paragraph separators:
 *   they reorder or break what a reader sees;
 * - line breaks inside one-line text: a new line that starts with `::` is a GitHub Actions workflow
 *   command (`::add-mask::`, `::error::`), and CI tools read `##[…]`, `##vso[…]` and `##teamcity[…]`
 *   anywhere in a line of their log.
 *
 * Escapes are visible and read like a string literal (`\x1b`, `\n`, `\u202e`), so the reader sees
 * that the text held them.
 */

/** The longest text from a server or a document a finding keeps. */
export const CLIP_LENGTH = 1000;

// C0 controls, DEL, C1 controls, U+2028/U+2029, the bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same, less the line feed and tab a body keeps; `\r\n` becomes a line feed, a lone `\r` is escaped.
const UNSAFE_IN_LINES = /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves as it is: JSON escapes C0 itself.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Log commands read anywhere in a line: GitHub Actions' legacy `##[cmd]`, Azure's `##vso[`, TeamCity's `##teamcity[`. */
const LOG_COMMAND = /##([a-z]*)\[/gi;
/** `::` opening a line, after blanks or colour codes: a GitHub Actions workflow command. */
const WORKFLOW_COMMAND_START = /^((?:\s|\u001b\[[0-9;]*m)*):(?=:)/;
const WORKFLOW_COMMAND_LINE = /(^|\n)([^\S\n]*):(?=:)/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, '0');

function escapeCharacter(character: string): string {
  if (character === '\r\n') return '\n';
  const named = NAMED[character];
  if (named !== undefined) return named;
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

// Most text has nothing to escape: one test of every character instead of three replacements.
const ANYTHING_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##|::/;

/** One line of text: control, bidi and line-break characters shown as escapes, log commands broken. */
export const visible = (text: string): string =>
  ANYTHING_UNSAFE.test(text) ? text.replace(UNSAFE_IN_LINE, escapeCharacter).replace(LOG_COMMAND, '#\\x23$1[') : text;

/**
 * A body or other text of several lines: line feeds and tabs kept, everything else `visible` escapes
 * escaped, and no line opening with `::`.
 */
export const visibleLines = (text: string): string =>
  ANYTHING_UNSAFE.test(text) ? text.replace(UNSAFE_IN_LINES, escapeCharacter).replace(LOG_COMMAND, '#\\x23$1[').replace(WORKFLOW_COMMAND_LINE, '$1$2\\x3a') : text;

/**
 * A line of output that opens with untrusted text: a leading `::` (after blanks or colour codes)
 * shown as `\x3a:`, so that no CI runner reads it as a workflow command.
 */
export const guardLineStart = (line: string): string => line.replace(WORKFLOW_COMMAND_START, '$1\\x3a');

/**
 * JSON text with the characters JSON.stringify leaves raw written as `\u` escapes, and log commands
 * broken: the same data, safe to print. Only for JSON text, where these can occur only inside strings.
 */
export function safeJson(json: string): string {
  // Reports of hundreds of megabytes pass here: a test of the characters and a search for `##` are quicker than replacing.
  UNSAFE_IN_JSON.lastIndex = 0;
  if (!UNSAFE_IN_JSON.test(json) && !json.includes('##')) return json;
  return json.replace(UNSAFE_IN_JSON, (character) => `\\u${hex(character.charCodeAt(0), 4)}`).replace(LOG_COMMAND, '#\\u0023$1[');
}

/** Text cut at `limit` characters, saying how much was left out. */
export function clip(text: string, limit = CLIP_LENGTH): string {
  if (text.length <= limit) return text;
  // Never split a surrogate pair.
  const end = text.charCodeAt(limit - 1) >= 0xd800 && text.charCodeAt(limit - 1) <= 0xdbff ? limit - 1 : limit;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}
