import { decodeErrorBody, KUBERNETES_PROTOBUF } from './kubernetes-protobuf.js';

/** A response as the checks see it: normalised headers, the raw text and, where it parses, the JSON body. */
export interface ResponseView {
  /** HTTP status; undefined for a bare body with no HTTP exchange around it. */
  status: number | undefined;
  /** Lower-case header names; repeated headers joined with `, `. Undefined when no headers are known. */
  headers: Readonly<Record<string, string>> | undefined;
  /** The media type of Content-Type, lower-case, without parameters. */
  mediaType: string | undefined;
  bodyText: string | undefined;
  /** The parsed JSON body, or undefined when there is none or it did not parse. */
  body: unknown;
  /** Why the body text is not JSON, when it is not. */
  bodyParseError: string | undefined;
  /** True when the body was cut at the size cap. */
  truncated?: boolean;
  /** The body came in this binary media type and was decoded: `body` is the JSON form of what it encodes. */
  decodedFrom?: string;
  /** Why a body in a binary media type did not decode. */
  undecodable?: string;
  /** With `decodedFrom` or `undecodable`: how many bytes the body had as sent, which `bodyText` no longer shows. */
  bodyBytes?: number;
}

export type HeaderInput =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | ReadonlyArray<{ name: string; value: string }>
  | undefined;

// Runs once per response: plain loops, no closures or entry arrays.
function addHeader(out: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  out[key] = key in out ? `${out[key]}, ${value}` : value;
}

export function normaliseHeaders(input: HeaderInput): Record<string, string> | undefined {
  if (!input) return undefined;
  const out: Record<string, string> = {};
  if (Array.isArray(input)) {
    const list = input as ReadonlyArray<{ name: string; value: string }>;
    for (let i = 0; i < list.length; i++) addHeader(out, list[i]!.name, list[i]!.value);
  } else {
    const record = input as Record<string, string | readonly string[] | undefined>;
    // for-in over own keys: the same keys in the same order as Object.entries, without an array of pairs.
    for (const name in record) {
      if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
      const value = record[name];
      if (value === undefined) continue;
      if (typeof value === 'string') addHeader(out, name, value);
      else for (const v of value) addHeader(out, name, v);
    }
  }
  return out;
}

// Responses of one run nearly always share one Content-Type: remember the last one worked out.
let lastContentType = '';
let lastMediaType: string | undefined;

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  if (contentType === lastContentType) return lastMediaType;
  const end = contentType.indexOf(';');
  lastMediaType = (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase() || undefined;
  lastContentType = contentType;
  return lastMediaType;
}

/** True when an `Accept` header lists this media type itself (not only through a wildcard), at a weight above 0. */
export function acceptsMediaType(accept: string | undefined, mediaType: string): boolean {
  if (accept === undefined) return false;
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    return type === mediaType && !parameters.some((parameter) => /^q=0(\.0*)?$/.test(parameter));
  });
}

export const isJsonMediaType = (mediaType: string | undefined): boolean =>
  mediaType !== undefined && (mediaType === 'application/json' || mediaType.endsWith('+json'));

/** Build a view from a parsed body (the library API). */
export function viewOfBody(body: unknown, status?: number, headers?: HeaderInput): ResponseView {
  const normalised = normaliseHeaders(headers);
  return {
    status,
    headers: normalised,
    mediaType: mediaTypeOf(normalised?.['content-type']),
    bodyText: undefined,
    body,
    bodyParseError: undefined,
  };
}

/** Build a view from raw text (HAR entries, live responses): parse JSON when there is any. */
export function viewOfText(text: string | undefined, status?: number, headers?: HeaderInput, truncated = false): ResponseView {
  const normalised = normaliseHeaders(headers);
  let body: unknown;
  let bodyParseError: string | undefined;
  if (text !== undefined && text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      bodyParseError = truncated ? 'the body was cut at the size cap before it ended' : (error as Error).message;
    }
  }
  return {
    status,
    headers: normalised,
    mediaType: mediaTypeOf(normalised?.['content-type']),
    bodyText: text,
    body,
    bodyParseError,
    truncated,
  };
}

/**
 * Build a view from raw bytes (a HAR entry's base64 body): a protobuf error body is decoded to the JSON of
 * the `Status` it encodes, anything else is read as UTF-8 text.
 */
export function viewOfBytes(bytes: Buffer, status?: number, headers?: HeaderInput, truncated = false): ResponseView {
  const view = viewOfText(bytes.toString('utf8'), status, headers, truncated);
  if (view.mediaType !== KUBERNETES_PROTOBUF || (status !== undefined && status < 400)) return view;
  const decoded = decodeErrorBody(bytes, truncated);
  return {
    ...viewOfText(decoded.bodyText, status, headers, truncated),
    ...(decoded.decodedFrom ? { decodedFrom: decoded.decodedFrom } : {}),
    ...(decoded.undecodable !== undefined ? { undecodable: decoded.undecodable } : {}),
    bodyBytes: bytes.length,
  };
}
