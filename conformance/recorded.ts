import { InputError } from '../schemas/errors.js';
import { type ResponseView, viewOfBody, viewOfBytes, viewOfText } from './exchange.js';
import { compileSecrets, requestSecrets, scrubSecrets, type SecretMatcher } from './secrets.js';

/** One response found in a file given to `statuslint validate`. */
export interface RecordedResponse {
  /** `file`, `file#3` (HAR entry), `file[2]` (array element), `file:7` (JSON Lines). */
  location: string;
  /** What it was, for people: `GET /api/v1/pods/x → 404`. */
  label: string;
  view: ResponseView;
  /** Why there is nothing to judge (a HAR entry without a response); the view is then empty. */
  skipped?: string;
}

/**
 * `position 17` in a JSON.parse message → `line:column` of the text. "Unexpected end of JSON input"
 * names no position: the problem is where the input ends (its last character, before trailing space).
 */
function lineColumn(text: string, message: string): string | undefined {
  const match = /position (\d+)/.exec(message);
  const atEnd = /end of JSON input/i.test(message);
  if (!match && !atEnd) return undefined;
  const offset = match ? Number(match[1]) : text.trimEnd().length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

const syntaxMessage = (message: string): string => message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An HTTP status a response can carry: an integer from 100 to 599 (RFC 9110 §15). */
const isHttpStatus = (value: number): boolean => Number.isInteger(value) && value >= 100 && value <= 599;

const NO_RESPONSE = 'the browser recorded no response (HAR status 0: the request failed, was blocked or was cancelled)';

/** The path and query of a recorded URL, or whatever was recorded when it is not a URL. */
function pathOf(recorded: unknown): string {
  const text = typeof recorded === 'string' ? recorded : '';
  try {
    const url = new URL(text);
    return `${url.pathname}${url.search}`;
  } catch {
    return text;
  }
}

function fromHar(har: Record<string, unknown>, source: string): RecordedResponse[] {
  const log = har.log;
  if (!isObject(log) || !Array.isArray(log.entries)) throw notHar(source);
  return log.entries.map((entry: unknown, i) => harEntryResponse(entry, i, source));
}

export const notHar = (source: string): InputError => new InputError('not a HAR file: `/log/entries` must be an array', source);

/** The search for a request's secrets; entries of one recording share a few, each compiled once. */
const requestMatchers = new Map<string, SecretMatcher | undefined>();
const MAX_MATCHERS_KEPT = 64;

function requestMatcher(request: unknown): SecretMatcher | undefined {
  const secrets = requestSecrets(request);
  if (secrets.length === 0) return undefined;
  const key = JSON.stringify(secrets);
  if (requestMatchers.has(key)) return requestMatchers.get(key);
  const matcher = compileSecrets(secrets);
  if (requestMatchers.size >= MAX_MATCHERS_KEPT) requestMatchers.delete(requestMatchers.keys().next().value!);
  requestMatchers.set(key, matcher);
  return matcher;
}

/** Bytes searched as Latin-1, one character a byte, so that a body that is not text comes back as it was. */
function scrubBytes(bytes: Buffer, secrets: SecretMatcher | undefined): Buffer {
  if (!secrets) return bytes;
  const text = bytes.toString('latin1');
  const scrubbed = scrubSecrets(text, secrets);
  return scrubbed === text ? bytes : Buffer.from(scrubbed, 'latin1');
}

/** One HAR entry (the `index`-th, from 0) as a recorded response; a malformed entry is an InputError naming it. */
export function harEntryResponse(entry: unknown, index: number, source: string): RecordedResponse {
  const where = `${source}: /log/entries/${index}`;
  if (!isObject(entry) || !isObject(entry.response)) throw new InputError('malformed HAR entry: `response` must be an object', where);
  const response = entry.response;
  if (typeof response.status !== 'number') throw new InputError('malformed HAR entry: `response/status` must be a number', where);
  const request = isObject(entry.request) ? entry.request : {};
  const method = typeof request.method === 'string' ? request.method : '?';
  const path = pathOf(request.url);
  // Browsers record a request that got no answer (refused, blocked, cancelled) with status 0:
  // such an entry is common in an exported HAR and has nothing to judge, so it is passed over.
  if (response.status === 0) {
    return { location: `${source}#${index + 1}`, label: `${method} ${path} → no response (status 0)`, view: viewOfText(undefined), skipped: NO_RESPONSE };
  }
  if (!isHttpStatus(response.status)) {
    throw new InputError(`malformed HAR entry: \`response/status\` must be an integer from 100 to 599 (or 0 for a request that got no response), not \`${String(response.status)}\``, where);
  }
  if (response.headers !== undefined && !Array.isArray(response.headers)) {
    throw new InputError('malformed HAR entry: `response/headers` must be an array', where);
  }
  // What the request sent a server may echo: searched for in what it answered, as a probe does.
  const secrets = requestMatcher(entry.request);
  const headers = ((response.headers as unknown[] | undefined) ?? [])
    .filter((h): h is { name: string; value: string } => isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
    .map((h) => (secrets ? { name: scrubSecrets(h.name, secrets), value: scrubSecrets(h.value, secrets) } : h));
  if (response.content !== undefined && !isObject(response.content)) throw new InputError('malformed HAR entry: `response/content` must be an object', where);
  const content = response.content ?? {};
  // No text (or null, as some exporters write it) is a body not recorded; any other value is no body at all.
  if (content.text !== undefined && content.text !== null && typeof content.text !== 'string') {
    const kind = Array.isArray(content.text) ? 'an array' : typeof content.text === 'object' ? 'an object' : `a ${typeof content.text}`;
    throw new InputError(`malformed HAR entry: \`response/content/text\` must be a string, not ${kind}`, where);
  }
  const recordedText = typeof content.text === 'string' ? content.text : undefined;
  const text = recordedText !== undefined && content.encoding !== 'base64' ? scrubSecrets(recordedText, secrets) : recordedText;
  const bytes = recordedText !== undefined && content.encoding === 'base64' ? scrubBytes(Buffer.from(recordedText, 'base64'), secrets) : undefined;
  // HAR keeps the media type in content.mimeType too; use it when the headers were not recorded.
  if (!headers.some((h) => h.name.toLowerCase() === 'content-type') && typeof content.mimeType === 'string' && content.mimeType) {
    headers.push({ name: 'content-type', value: content.mimeType });
  }
  return {
    location: `${source}#${index + 1}`,
    label: `${method} ${scrubSecrets(path, secrets)} → ${response.status}`,
    view: bytes ? viewOfBytes(bytes, response.status, headers) : viewOfText(text, response.status, headers),
  };
}

/** The `index`-th line (from 0) of JSON Lines as a recorded response; bad JSON is an InputError at its line and column. */
export function jsonLineResponse(line: string, index: number, source: string, httpStatus: number | undefined): RecordedResponse {
  let body: unknown;
  try {
    body = JSON.parse(line);
  } catch (lineError) {
    const message = (lineError as Error).message;
    const where = lineColumn(line, message)?.split(':')[1] ?? '1';
    throw new InputError(`invalid JSON Lines: ${syntaxMessage(message)}`, `${source}:${index + 1}:${where}`);
  }
  return { location: `${source}:${index + 1}`, label: `line ${index + 1}`, view: viewOfBody(body, httpStatus) };
}

/** A response longer than `limit` characters, set apart unread (see RESPONSE_LIMIT): nothing is judged, and the run says why. */
export const oversizedResponse = (location: string, label: string, limit: number): RecordedResponse => ({
  location,
  label,
  view: viewOfText(undefined),
  skipped: `too large to judge: over ${sizeOf(limit)}, the most statuslint reads of one response`,
});

const sizeOf = (characters: number): string =>
  characters >= 1024 * 1024 && characters % (1024 * 1024) === 0 ? `${characters / 1024 / 1024} MiB` : `${characters} characters`;

/** One element of a JSON array of bodies. */
export const arrayElementResponse = (body: unknown, index: number, source: string, httpStatus: number | undefined): RecordedResponse =>
  ({ location: `${source}[${index}]`, label: `element ${index}`, view: viewOfBody(body, httpStatus) });

/** Bare bodies carry no status of their own: the one given for them must be a real one too. */
export function checkGivenStatus(httpStatus: number | undefined): void {
  if (httpStatus !== undefined && !isHttpStatus(httpStatus)) throw new InputError(`must be an integer from 100 to 599, not \`${String(httpStatus)}\``, '--status');
}

/**
 * Read a file given to `validate`: one JSON body, a JSON array of bodies, JSON Lines (bodies or
 * watch events), or a HAR file. Bad input is one InputError naming the file and the position.
 */
export function parseRecorded(text: string, source: string, httpStatus?: number): RecordedResponse[] {
  checkGivenStatus(httpStatus);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const lines = text.split('\n');
    const firstLine = lines.findIndex((line) => line.trim() !== '');
    let firstParses = false;
    try {
      if (firstLine >= 0) JSON.parse(lines[firstLine]!);
      firstParses = firstLine >= 0;
    } catch {
      firstParses = false;
    }
    if (!firstParses) {
      const message = (error as Error).message;
      if (text.trim() === '') throw new InputError('empty input: expected a JSON body, a JSON array, JSON Lines or a HAR file', source);
      throw new InputError(`invalid JSON: ${syntaxMessage(message)}`, `${source}:${lineColumn(text, message) ?? '1:1'}`);
    }
    return lines.flatMap((line, i): RecordedResponse[] => (line.trim() === '' ? [] : [jsonLineResponse(line, i, source, httpStatus)]));
  }
  if (isObject(data) && 'log' in data) return fromHar(data, source);
  if (Array.isArray(data)) {
    return data.map((body, i) => arrayElementResponse(body, i, source, httpStatus));
  }
  return [{ location: source, label: '', view: viewOfBody(data, httpStatus) }];
}
