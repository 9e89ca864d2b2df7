/**
 * The status constants of well-known packages, so that `StatusCodes.NOT_FOUND`, `status.NOT_FOUND`,
 * `HttpStatus.PAYLOAD_TOO_LARGE` and `http.STATUS_CODES[404]` are known without type information
 * (plain JavaScript, or no typed parser) and without the package installed. Each table is the
 * package's own vocabulary, not statuslint's policy: which code goes with which status is the
 * catalog's (schemas/catalog/), what a library calls 413 is the library's.
 * test/rules/status-constants.test.ts checks every table against the package itself.
 */
import { NEST_HTTP_STATUS } from './nest.js';

/**
 * A package's constant: a status, a phrase, or a table of them. Plain data, so that this module
 * needs nothing of the evaluator that reads it (values.ts turns it into a `Value`).
 */
export type Constant = number | string | ConstantTable;
export type ConstantTable = ReadonlyMap<string, Constant>;

/** `http-status-codes` 2: `StatusCodes` and `ReasonPhrases` share their member names. */
const HTTP_STATUS_CODES: ReadonlyArray<readonly [name: string, status: number, phrase: string]> = [
  ['CONTINUE', 100, 'Continue'], ['SWITCHING_PROTOCOLS', 101, 'Switching Protocols'],
  ['PROCESSING', 102, 'Processing'], ['EARLY_HINTS', 103, 'Early Hints'],
  ['OK', 200, 'OK'], ['CREATED', 201, 'Created'],
  ['ACCEPTED', 202, 'Accepted'], ['NON_AUTHORITATIVE_INFORMATION', 203, 'Non Authoritative Information'],
  ['NO_CONTENT', 204, 'No Content'], ['RESET_CONTENT', 205, 'Reset Content'],
  ['PARTIAL_CONTENT', 206, 'Partial Content'], ['MULTI_STATUS', 207, 'Multi-Status'],
  ['MULTIPLE_CHOICES', 300, 'Multiple Choices'], ['MOVED_PERMANENTLY', 301, 'Moved Permanently'],
  ['MOVED_TEMPORARILY', 302, 'Moved Temporarily'], ['SEE_OTHER', 303, 'See Other'],
  ['NOT_MODIFIED', 304, 'Not Modified'], ['USE_PROXY', 305, 'Use Proxy'],
  ['TEMPORARY_REDIRECT', 307, 'Temporary Redirect'], ['PERMANENT_REDIRECT', 308, 'Permanent Redirect'],
  ['BAD_REQUEST', 400, 'Bad Request'], ['UNAUTHORIZED', 401, 'Unauthorized'],
  ['PAYMENT_REQUIRED', 402, 'Payment Required'], ['FORBIDDEN', 403, 'Forbidden'],
  ['NOT_FOUND', 404, 'Not Found'], ['METHOD_NOT_ALLOWED', 405, 'Method Not Allowed'],
  ['NOT_ACCEPTABLE', 406, 'Not Acceptable'], ['PROXY_AUTHENTICATION_REQUIRED', 407, 'Proxy Authentication Required'],
  ['REQUEST_TIMEOUT', 408, 'Request Timeout'], ['CONFLICT', 409, 'Conflict'],
  ['GONE', 410, 'Gone'], ['LENGTH_REQUIRED', 411, 'Length Required'],
  ['PRECONDITION_FAILED', 412, 'Precondition Failed'], ['REQUEST_TOO_LONG', 413, 'Request Entity Too Large'],
  ['REQUEST_URI_TOO_LONG', 414, 'Request-URI Too Long'], ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'],
  ['REQUESTED_RANGE_NOT_SATISFIABLE', 416, 'Requested Range Not Satisfiable'], ['EXPECTATION_FAILED', 417, 'Expectation Failed'],
  ['IM_A_TEAPOT', 418, 'I\'m a teapot'], ['INSUFFICIENT_SPACE_ON_RESOURCE', 419, 'Insufficient Space on Resource'],
  ['METHOD_FAILURE', 420, 'Method Failure'], ['MISDIRECTED_REQUEST', 421, 'Misdirected Request'],
  ['UNPROCESSABLE_ENTITY', 422, 'Unprocessable Entity'], ['LOCKED', 423, 'Locked'],
  ['FAILED_DEPENDENCY', 424, 'Failed Dependency'], ['UPGRADE_REQUIRED', 426, 'Upgrade Required'],
  ['PRECONDITION_REQUIRED', 428, 'Precondition Required'], ['TOO_MANY_REQUESTS', 429, 'Too Many Requests'],
  ['REQUEST_HEADER_FIELDS_TOO_LARGE', 431, 'Request Header Fields Too Large'], ['UNAVAILABLE_FOR_LEGAL_REASONS', 451, 'Unavailable For Legal Reasons'],
  ['INTERNAL_SERVER_ERROR', 500, 'Internal Server Error'], ['NOT_IMPLEMENTED', 501, 'Not Implemented'],
  ['BAD_GATEWAY', 502, 'Bad Gateway'], ['SERVICE_UNAVAILABLE', 503, 'Service Unavailable'],
  ['GATEWAY_TIMEOUT', 504, 'Gateway Timeout'], ['HTTP_VERSION_NOT_SUPPORTED', 505, 'HTTP Version Not Supported'],
  ['INSUFFICIENT_STORAGE', 507, 'Insufficient Storage'], ['NETWORK_AUTHENTICATION_REQUIRED', 511, 'Network Authentication Required'],
];

/** `http-status` 2 (`status`, and the module itself in 1.x): a name for each status, and its phrase under `status[404]`. */
const HTTP_STATUS: ReadonlyArray<readonly [name: string, status: number, phrase: string]> = [
  ['CONTINUE', 100, 'Continue'], ['SWITCHING_PROTOCOLS', 101, 'Switching Protocols'],
  ['PROCESSING', 102, 'Processing'], ['EARLY_HINTS', 103, 'Early Hints'],
  ['OK', 200, 'OK'], ['CREATED', 201, 'Created'],
  ['ACCEPTED', 202, 'Accepted'], ['NON_AUTHORITATIVE_INFORMATION', 203, 'Non-Authoritative Information'],
  ['NO_CONTENT', 204, 'No Content'], ['RESET_CONTENT', 205, 'Reset Content'],
  ['PARTIAL_CONTENT', 206, 'Partial Content'], ['MULTI_STATUS', 207, 'Multi Status'],
  ['ALREADY_REPORTED', 208, 'Already Reported'], ['IM_USED', 226, 'IM Used'],
  ['MULTIPLE_CHOICES', 300, 'Multiple Choices'], ['MOVED_PERMANENTLY', 301, 'Moved Permanently'],
  ['FOUND', 302, 'Found'], ['SEE_OTHER', 303, 'See Other'],
  ['NOT_MODIFIED', 304, 'Not Modified'], ['USE_PROXY', 305, 'Use Proxy'],
  ['SWITCH_PROXY', 306, 'Switch Proxy'], ['TEMPORARY_REDIRECT', 307, 'Temporary Redirect'],
  ['PERMANENT_REDIRECT', 308, 'Permanent Redirect'], ['BAD_REQUEST', 400, 'Bad Request'],
  ['UNAUTHORIZED', 401, 'Unauthorized'], ['PAYMENT_REQUIRED', 402, 'Payment Required'],
  ['FORBIDDEN', 403, 'Forbidden'], ['NOT_FOUND', 404, 'Not Found'],
  ['METHOD_NOT_ALLOWED', 405, 'Method Not Allowed'], ['NOT_ACCEPTABLE', 406, 'Not Acceptable'],
  ['PROXY_AUTHENTICATION_REQUIRED', 407, 'Proxy Authentication Required'], ['REQUEST_TIMEOUT', 408, 'Request Time-out'],
  ['CONFLICT', 409, 'Conflict'], ['GONE', 410, 'Gone'],
  ['LENGTH_REQUIRED', 411, 'Length Required'], ['PRECONDITION_FAILED', 412, 'Precondition Failed'],
  ['REQUEST_ENTITY_TOO_LARGE', 413, 'Request Entity Too Large'], ['REQUEST_URI_TOO_LONG', 414, 'Request-URI Too Large'],
  ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'], ['REQUESTED_RANGE_NOT_SATISFIABLE', 416, 'Requested Range not Satisfiable'],
  ['EXPECTATION_FAILED', 417, 'Expectation Failed'], ['IM_A_TEAPOT', 418, 'I\'m a teapot'],
  ['MISDIRECTED_REQUEST', 421, 'Misdirected Request'], ['UNPROCESSABLE_ENTITY', 422, 'Unprocessable Entity'],
  ['LOCKED', 423, 'Locked'], ['FAILED_DEPENDENCY', 424, 'Failed Dependency'],
  ['TOO_EARLY', 425, 'Too Early'], ['UPGRADE_REQUIRED', 426, 'Upgrade Required'],
  ['PRECONDITION_REQUIRED', 428, 'Precondition Required'], ['TOO_MANY_REQUESTS', 429, 'Too Many Requests'],
  ['REQUEST_HEADER_FIELDS_TOO_LARGE', 431, 'Request Header Fields Too Large'], ['UNAVAILABLE_FOR_LEGAL_REASONS', 451, 'Unavailable For Legal Reasons'],
  ['INTERNAL_SERVER_ERROR', 500, 'Internal Server Error'], ['NOT_IMPLEMENTED', 501, 'Not Implemented'],
  ['BAD_GATEWAY', 502, 'Bad Gateway'], ['SERVICE_UNAVAILABLE', 503, 'Service Unavailable'],
  ['GATEWAY_TIMEOUT', 504, 'Gateway Time-out'], ['HTTP_VERSION_NOT_SUPPORTED', 505, 'HTTP Version not Supported'],
  ['VARIANT_ALSO_NEGOTIATES', 506, 'Variant Also Negotiates'], ['INSUFFICIENT_STORAGE', 507, 'Insufficient Storage'],
  ['LOOP_DETECTED', 508, 'Loop Detected'], ['NOT_EXTENDED', 510, 'Not Extended'],
  ['NETWORK_AUTHENTICATION_REQUIRED', 511, 'Network Authentication Required'],
];

/** Node's `http.STATUS_CODES` (Node 20). */
const NODE_STATUS_CODES: ReadonlyArray<readonly [status: number, phrase: string]> = [
  [100, 'Continue'], [101, 'Switching Protocols'], [102, 'Processing'], [103, 'Early Hints'],
  [200, 'OK'], [201, 'Created'], [202, 'Accepted'], [203, 'Non-Authoritative Information'],
  [204, 'No Content'], [205, 'Reset Content'], [206, 'Partial Content'], [207, 'Multi-Status'],
  [208, 'Already Reported'], [226, 'IM Used'], [300, 'Multiple Choices'], [301, 'Moved Permanently'],
  [302, 'Found'], [303, 'See Other'], [304, 'Not Modified'], [305, 'Use Proxy'],
  [307, 'Temporary Redirect'], [308, 'Permanent Redirect'], [400, 'Bad Request'], [401, 'Unauthorized'],
  [402, 'Payment Required'], [403, 'Forbidden'], [404, 'Not Found'], [405, 'Method Not Allowed'],
  [406, 'Not Acceptable'], [407, 'Proxy Authentication Required'], [408, 'Request Timeout'], [409, 'Conflict'],
  [410, 'Gone'], [411, 'Length Required'], [412, 'Precondition Failed'], [413, 'Payload Too Large'],
  [414, 'URI Too Long'], [415, 'Unsupported Media Type'], [416, 'Range Not Satisfiable'], [417, 'Expectation Failed'],
  [418, 'I\'m a Teapot'], [421, 'Misdirected Request'], [422, 'Unprocessable Entity'], [423, 'Locked'],
  [424, 'Failed Dependency'], [425, 'Too Early'], [426, 'Upgrade Required'], [428, 'Precondition Required'],
  [429, 'Too Many Requests'], [431, 'Request Header Fields Too Large'], [451, 'Unavailable For Legal Reasons'], [500, 'Internal Server Error'],
  [501, 'Not Implemented'], [502, 'Bad Gateway'], [503, 'Service Unavailable'], [504, 'Gateway Timeout'],
  [505, 'HTTP Version Not Supported'], [506, 'Variant Also Negotiates'], [507, 'Insufficient Storage'], [508, 'Loop Detected'],
  [509, 'Bandwidth Limit Exceeded'], [510, 'Not Extended'], [511, 'Network Authentication Required'],
];

type Entries = Iterable<readonly [string, Constant]>;

const tableOf = (entries: Entries): ConstantTable => new Map(entries);

/** `status.NOT_FOUND` → 404, `status[404]` → its phrase, `status['404_NAME']` → `NOT_FOUND`, `status['404_CLASS']` → `4xx`. */
function httpStatusEntries(): Array<[string, Constant]> {
  const entries: Array<[string, Constant]> = HTTP_STATUS.map(([name, status]) => [name, status]);
  for (const [name, status, phrase] of HTTP_STATUS) {
    entries.push([String(status), phrase], [`${status}_NAME`, name], [`${status}_CLASS`, `${Math.floor(status / 100)}xx`]);
  }
  return entries;
}

/** Each module as its namespace object: a named import is a member of it, a default import its `default`. */
const MODULES: ReadonlyMap<string, () => ConstantTable> = new Map([
  ['@nestjs/common', () => tableOf([['HttpStatus', NEST_HTTP_STATUS]])],
  [
    'http-status-codes',
    () => {
      const legacy: Array<[string, Constant]> = HTTP_STATUS_CODES.map(([name, status]) => [name, status]);
      return tableOf([
        ['StatusCodes', tableOf(legacy)],
        ['ReasonPhrases', tableOf(HTTP_STATUS_CODES.map(([name, , phrase]) => [name, phrase]))],
        // The 1.x constants, still exported (deprecated) as `import { NOT_FOUND }` and the default export.
        ...legacy,
        ['default', tableOf(legacy)],
      ]);
    },
  ],
  [
    'http-status',
    () => {
      const entries = httpStatusEntries();
      const table = tableOf(entries);
      // 2.x exports `status` and a default; 1.x was the table itself (`require('http-status').NOT_FOUND`).
      return tableOf([...entries, ['status', table], ['default', table]]);
    },
  ],
  ['http', nodeHttp],
  ['node:http', nodeHttp],
]);

function nodeHttp(): ConstantTable {
  const statusCodes = tableOf(NODE_STATUS_CODES.map(([status, phrase]) => [String(status), phrase]));
  return tableOf([['STATUS_CODES', statusCodes], ['default', tableOf([['STATUS_CODES', statusCodes]])]]);
}

const modules = new Map<string, ConstantTable>();

/**
 * What a known module exports under `imported` (`*` for the module itself, `default`), or undefined
 * for modules and names statuslint knows nothing about.
 */
export function knownExport(source: string, imported: string): Constant | undefined {
  let module = modules.get(source);
  if (!module) {
    const build = MODULES.get(source);
    if (!build) return undefined;
    modules.set(source, (module = build()));
  }
  return imported === '*' ? module : module.get(imported);
}
