/** Small text helpers the reporters share. */
import type { Results } from '../results.js';

export const plural = (count: number, word: string, pluralWord = `${word}s`): string => `${count} ${count === 1 ? word : pluralWord}`;

// XML 1.0 forbids most control characters even when escaped; a response body may contain them.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: markup escaped, forbidden characters shown as `\u{…}`. */
export const escapeXml = (text: string): string =>
  text
    .replace(XML_FORBIDDEN, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');

/** Text for XML element content, where line breaks stay line breaks. */
export const escapeXmlText = (text: string): string =>
  text
    .replace(XML_FORBIDDEN, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `statuslint probe of https://… (v1.33.0)` or `statuslint validate`: what the run looked at. */
export function describeRun(results: Results): string {
  if (results.command === 'probe' && results.target) {
    const version = results.target.version ? ` (${results.target.version})` : '';
    return `${results.target.server}${version}`;
  }
  const files = [...new Set(results.items.map((item) => item.location.replace(/(#\d+|:\d+|\[\d+\])$/, '')))];
  if (files.length === 0) return 'no responses';
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${plural(files.length - 3, 'more file')}`;
}

/** `2.4 s`, `1 min 05 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return 'unknown';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
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
