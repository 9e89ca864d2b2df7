/**
 * The IANA HTTP Status Code Registry (https://www.iana.org/assignments/http-status-codes): the statuses
 * an API may document, whether or not the catalog gives them client guidance. Written out rather than
 * taken from Node's `http.STATUS_CODES` or an npm table, which mix in codes the registry does not hold
 * (`418` is "(Unused)", `509` was never registered) and which an API must not rely on clients knowing.
 */

export interface RegisteredStatus {
  status: number;
  title: string;
  /** Where it is defined. */
  reference: string;
  /**
   * The methods whose answers it can be, where the definition limits them: `304` answers a
   * conditional `GET` or `HEAD` only (RFC 9110 section 15.4.5); `206` and `416` answer ranges,
   * which only `GET` has (section 14.2).
   */
  methods?: readonly string[];
}

const RFC_9110 = 'RFC 9110';

const REGISTRY: readonly RegisteredStatus[] = [
  { status: 100, title: 'Continue', reference: RFC_9110 },
  { status: 101, title: 'Switching Protocols', reference: RFC_9110 },
  { status: 102, title: 'Processing', reference: 'RFC 2518' },
  { status: 103, title: 'Early Hints', reference: 'RFC 8297' },
  { status: 200, title: 'OK', reference: RFC_9110 },
  { status: 201, title: 'Created', reference: RFC_9110 },
  { status: 202, title: 'Accepted', reference: RFC_9110 },
  { status: 203, title: 'Non-Authoritative Information', reference: RFC_9110 },
  { status: 204, title: 'No Content', reference: RFC_9110 },
  { status: 205, title: 'Reset Content', reference: RFC_9110 },
  { status: 206, title: 'Partial Content', reference: RFC_9110, methods: ['get'] },
  { status: 207, title: 'Multi-Status', reference: 'RFC 4918' },
  { status: 208, title: 'Already Reported', reference: 'RFC 5842' },
  { status: 226, title: 'IM Used', reference: 'RFC 3229' },
  { status: 300, title: 'Multiple Choices', reference: RFC_9110 },
  { status: 301, title: 'Moved Permanently', reference: RFC_9110 },
  { status: 302, title: 'Found', reference: RFC_9110 },
  { status: 303, title: 'See Other', reference: RFC_9110 },
  { status: 304, title: 'Not Modified', reference: RFC_9110, methods: ['get', 'head'] },
  { status: 305, title: 'Use Proxy', reference: RFC_9110 },
  { status: 307, title: 'Temporary Redirect', reference: RFC_9110 },
  { status: 308, title: 'Permanent Redirect', reference: RFC_9110 },
  { status: 400, title: 'Bad Request', reference: RFC_9110 },
  { status: 401, title: 'Unauthorized', reference: RFC_9110 },
  { status: 402, title: 'Payment Required', reference: RFC_9110 },
  { status: 403, title: 'Forbidden', reference: RFC_9110 },
  { status: 404, title: 'Not Found', reference: RFC_9110 },
  { status: 405, title: 'Method Not Allowed', reference: RFC_9110 },
  { status: 406, title: 'Not Acceptable', reference: RFC_9110 },
  { status: 407, title: 'Proxy Authentication Required', reference: RFC_9110 },
  { status: 408, title: 'Request Timeout', reference: RFC_9110 },
  { status: 409, title: 'Conflict', reference: RFC_9110 },
  { status: 410, title: 'Gone', reference: RFC_9110 },
  { status: 411, title: 'Length Required', reference: RFC_9110 },
  { status: 412, title: 'Precondition Failed', reference: RFC_9110 },
  { status: 413, title: 'Content Too Large', reference: RFC_9110 },
  { status: 414, title: 'URI Too Long', reference: RFC_9110 },
  { status: 415, title: 'Unsupported Media Type', reference: RFC_9110 },
  { status: 416, title: 'Range Not Satisfiable', reference: RFC_9110, methods: ['get'] },
  { status: 417, title: 'Expectation Failed', reference: RFC_9110 },
  { status: 421, title: 'Misdirected Request', reference: RFC_9110 },
  { status: 422, title: 'Unprocessable Content', reference: RFC_9110 },
  { status: 423, title: 'Locked', reference: 'RFC 4918' },
  { status: 424, title: 'Failed Dependency', reference: 'RFC 4918' },
  { status: 425, title: 'Too Early', reference: 'RFC 8470' },
  { status: 426, title: 'Upgrade Required', reference: RFC_9110 },
  { status: 428, title: 'Precondition Required', reference: 'RFC 6585' },
  { status: 429, title: 'Too Many Requests', reference: 'RFC 6585' },
  { status: 431, title: 'Request Header Fields Too Large', reference: 'RFC 6585' },
  { status: 451, title: 'Unavailable For Legal Reasons', reference: 'RFC 7725' },
  { status: 500, title: 'Internal Server Error', reference: RFC_9110 },
  { status: 501, title: 'Not Implemented', reference: RFC_9110 },
  { status: 502, title: 'Bad Gateway', reference: RFC_9110 },
  { status: 503, title: 'Service Unavailable', reference: RFC_9110 },
  { status: 504, title: 'Gateway Timeout', reference: RFC_9110 },
  { status: 505, title: 'HTTP Version Not Supported', reference: RFC_9110 },
  { status: 506, title: 'Variant Also Negotiates', reference: 'RFC 2295' },
  { status: 507, title: 'Insufficient Storage', reference: 'RFC 4918' },
  { status: 508, title: 'Loop Detected', reference: 'RFC 5842' },
  { status: 511, title: 'Network Authentication Required', reference: 'RFC 6585' },
];

const byStatus = new Map(REGISTRY.map((entry) => [entry.status, entry]));

/** The registry's entry for a status, or undefined for one it does not hold (`418`, `509`, `600`). */
export const registeredStatus = (status: number): RegisteredStatus | undefined => byStatus.get(status);

/** Every registered status of a class (`4` → `400`…`451`), ascending. */
export const registeredStatusesOfClass = (first: number): readonly RegisteredStatus[] => REGISTRY.filter((entry) => Math.floor(entry.status / 100) === first);
