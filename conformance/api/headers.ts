/**
 * Request headers a document's header parameters must not set. A document is not the user's word, and
 * each of these would let it steer the run: route the request to another host or client address
 * (`Host`, `Forwarded`, `X-Forwarded-*`, `X-Real-IP`, `X-Original-URL`), carry or replace credentials
 * (`Authorization`, `Cookie`, `Proxy-*`), say who the caller is to a server behind a proxy that
 * vouches for it (Kubernetes' `Impersonate-*` and its front proxy's `X-Remote-*`, the client-address
 * headers of CDNs and load balancers), reframe the message or how proxies pass it on (hop-by-hop
 * headers, RFC 9110 §7.6.1; `Content-Length`, `Expect`), or turn a read into a write on servers that
 * honour method overrides. `Accept` and `Content-Type` belong to the probe; OpenAPI ignores header
 * parameters of those names, and of `Authorization`, too.
 */
const FORBIDDEN_HEADERS = new Set([
  'accept',
  'authorization',
  'cf-connecting-ip',
  'client-ip',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'cookie',
  'expect',
  'fastly-client-ip',
  'forwarded',
  'host',
  'keep-alive',
  'max-forwards',
  'te',
  'trailer',
  'transfer-encoding',
  'true-client-ip',
  'upgrade',
  'via',
  'x-authenticated-user',
  'x-client-ip',
  'x-cluster-client-ip',
  'x-host',
  'x-http-method',
  'x-http-method-override',
  'x-method-override',
  'x-original-host',
  'x-original-method',
  'x-original-url',
  'x-real-ip',
  'x-rewrite-url',
]);

const FORBIDDEN_PREFIXES = ['proxy-', 'x-forwarded-', 'sec-', 'impersonate-', 'x-remote-', 'x-auth-request-', 'x-envoy-'];

/** RFC 9110 `token`: anything else is not a header name, and a cookie name must be one too. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Control characters end a header line or break it; tab is the one a value may hold. */
const UNSENDABLE_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

/** Whether a header parameter of the document may set this request header. */
export function documentMaySetHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return TOKEN.test(name) && !FORBIDDEN_HEADERS.has(lower) && !FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Whether a value can go in a header as it is. */
export const isSendableHeaderValue = (value: string): boolean => !UNSENDABLE_VALUE.test(value);

/** Whether a cookie parameter's name can go in a `Cookie` header without starting another cookie. */
export const isCookieName = (name: string): boolean => TOKEN.test(name);
