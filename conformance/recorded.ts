import { InputError } from '../schemas/errors.js';
import { type ResponseView, viewOfBody, viewOfText } from './exchange.js';

/** One response found in a file given to `statuslint validate`. */
export interface RecordedResponse {
  /** `file`, `file#3` (HAR entry), `file[2]` (array element), `file:7` (JSON Lines). */
  location: string;
  /** What it was, for people: `GET /api/v1/pods/x → 404`. */
  label: string;
  view: ResponseView;
}

/** `position 17` in a JSON.parse message → `line:column` of the text. */
function lineColumn(text: string, message: string): string | undefined {
  const match = /position (\d+)/.exec(message);
  if (!match) return undefined;
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

const syntaxMessage = (message: string): string => message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fromHar(har: Record<string, unknown>, source: string): RecordedResponse[] {
  const log = har.log;
  if (!isObject(log) || !Array.isArray(log.entries)) {
    throw new InputError('not a HAR file: `/log/entries` must be an array', source);
  }
  return log.entries.map((entry: unknown, i): RecordedResponse => {
    const where = `${source}: /log/entries/${i}`;
    if (!isObject(entry) || !isObject(entry.response)) throw new InputError('malformed HAR entry: `response` must be an object', where);
    const response = entry.response;
    if (typeof response.status !== 'number') throw new InputError('malformed HAR entry: `response/status` must be a number', where);
    if (response.headers !== undefined && !Array.isArray(response.headers)) {
      throw new InputError('malformed HAR entry: `response/headers` must be an array', where);
    }
    const headers = ((response.headers as unknown[] | undefined) ?? []).filter(
      (h): h is { name: string; value: string } => isObject(h) && typeof h.name === 'string' && typeof h.value === 'string',
    );
    const content = isObject(response.content) ? response.content : {};
    let text = typeof content.text === 'string' ? content.text : undefined;
    if (text !== undefined && content.encoding === 'base64') text = Buffer.from(text, 'base64').toString('utf8');
    // HAR keeps the media type in content.mimeType too; use it when the headers were not recorded.
    if (!headers.some((h) => h.name.toLowerCase() === 'content-type') && typeof content.mimeType === 'string' && content.mimeType) {
      headers.push({ name: 'content-type', value: content.mimeType });
    }
    const request = isObject(entry.request) ? entry.request : {};
    let path = typeof request.url === 'string' ? request.url : '';
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}`;
    } catch {
      // keep whatever was recorded
    }
    const method = typeof request.method === 'string' ? request.method : '?';
    return {
      location: `${source}#${i + 1}`,
      label: `${method} ${path} → ${response.status}`,
      view: viewOfText(text, response.status, headers),
    };
  });
}

/**
 * Read a file given to `validate`: one JSON body, a JSON array of bodies, JSON Lines (bodies or
 * watch events), or a HAR file. Bad input is one InputError naming the file and the position.
 */
export function parseRecorded(text: string, source: string, httpStatus?: number): RecordedResponse[] {
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
    return lines.flatMap((line, i): RecordedResponse[] => {
      if (line.trim() === '') return [];
      let body: unknown;
      try {
        body = JSON.parse(line);
      } catch (lineError) {
        const message = (lineError as Error).message;
        const column = /position (\d+)/.exec(message)?.[1];
        throw new InputError(`invalid JSON Lines: ${syntaxMessage(message)}`, `${source}:${i + 1}:${column === undefined ? 1 : Number(column) + 1}`);
      }
      return [{ location: `${source}:${i + 1}`, label: `line ${i + 1}`, view: viewOfBody(body, httpStatus) }];
    });
  }
  if (isObject(data) && 'log' in data) return fromHar(data, source);
  if (Array.isArray(data)) {
    return data.map((body, i) => ({ location: `${source}[${i}]`, label: `element ${i}`, view: viewOfBody(body, httpStatus) }));
  }
  return [{ location: source, label: '', view: viewOfBody(data, httpStatus) }];
}
