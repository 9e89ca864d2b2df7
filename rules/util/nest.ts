/**
 * NestJS's names for HTTP statuses: the members of `HttpStatus` and the built-in exceptions of
 * `@nestjs/common`, as Nest spells them. They are data, not derived from RFC 9110's titles: Nest
 * says `PAYLOAD_TOO_LARGE` and `UnprocessableEntityException` where the RFC says "Content Too Large"
 * and "Unprocessable Content", and has members the catalog lists no entry for (`PAYMENT_REQUIRED`).
 * test/rules/status-constants.test.ts checks both tables against `@nestjs/common` itself.
 */

/** `HttpStatus` of `@nestjs/common` 11. */
export const NEST_HTTP_STATUS: ReadonlyMap<string, number> = new Map([
  ['CONTINUE', 100], ['SWITCHING_PROTOCOLS', 101], ['PROCESSING', 102], ['EARLYHINTS', 103],
  ['OK', 200], ['CREATED', 201], ['ACCEPTED', 202], ['NON_AUTHORITATIVE_INFORMATION', 203],
  ['NO_CONTENT', 204], ['RESET_CONTENT', 205], ['PARTIAL_CONTENT', 206], ['MULTI_STATUS', 207],
  ['ALREADY_REPORTED', 208], ['CONTENT_DIFFERENT', 210], ['AMBIGUOUS', 300], ['MOVED_PERMANENTLY', 301],
  ['FOUND', 302], ['SEE_OTHER', 303], ['NOT_MODIFIED', 304], ['TEMPORARY_REDIRECT', 307],
  ['PERMANENT_REDIRECT', 308], ['BAD_REQUEST', 400], ['UNAUTHORIZED', 401], ['PAYMENT_REQUIRED', 402],
  ['FORBIDDEN', 403], ['NOT_FOUND', 404], ['METHOD_NOT_ALLOWED', 405], ['NOT_ACCEPTABLE', 406],
  ['PROXY_AUTHENTICATION_REQUIRED', 407], ['REQUEST_TIMEOUT', 408], ['CONFLICT', 409], ['GONE', 410],
  ['LENGTH_REQUIRED', 411], ['PRECONDITION_FAILED', 412], ['PAYLOAD_TOO_LARGE', 413], ['URI_TOO_LONG', 414],
  ['UNSUPPORTED_MEDIA_TYPE', 415], ['REQUESTED_RANGE_NOT_SATISFIABLE', 416], ['EXPECTATION_FAILED', 417], ['I_AM_A_TEAPOT', 418],
  ['MISDIRECTED', 421], ['UNPROCESSABLE_ENTITY', 422], ['LOCKED', 423], ['FAILED_DEPENDENCY', 424],
  ['PRECONDITION_REQUIRED', 428], ['TOO_MANY_REQUESTS', 429], ['UNRECOVERABLE_ERROR', 456], ['INTERNAL_SERVER_ERROR', 500],
  ['NOT_IMPLEMENTED', 501], ['BAD_GATEWAY', 502], ['SERVICE_UNAVAILABLE', 503], ['GATEWAY_TIMEOUT', 504],
  ['HTTP_VERSION_NOT_SUPPORTED', 505], ['INSUFFICIENT_STORAGE', 507], ['LOOP_DETECTED', 508],
]);

/** The built-in exceptions of `@nestjs/common` 11 and the status each sends (`HttpException` takes its status as an argument). */
const NEST_EXCEPTIONS: ReadonlyMap<string, number> = new Map([
  ['BadGatewayException', 502], ['BadRequestException', 400], ['ConflictException', 409],
  ['ForbiddenException', 403], ['GatewayTimeoutException', 504], ['GoneException', 410],
  ['HttpVersionNotSupportedException', 505], ['ImATeapotException', 418], ['InternalServerErrorException', 500],
  ['MethodNotAllowedException', 405], ['MisdirectedException', 421], ['NotAcceptableException', 406],
  ['NotFoundException', 404], ['NotImplementedException', 501], ['PayloadTooLargeException', 413],
  ['PreconditionFailedException', 412], ['RequestTimeoutException', 408], ['ServiceUnavailableException', 503],
  ['UnauthorizedException', 401], ['UnprocessableEntityException', 422], ['UnsupportedMediaTypeException', 415],
]);

/** `NotFoundException` → 404. */
export function nestExceptionStatus(className: string): number | undefined {
  return NEST_EXCEPTIONS.get(className);
}
