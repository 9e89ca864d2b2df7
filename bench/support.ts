import { checkResponse, compiledProfileOf as compiledOf, findingsOf } from '../conformance/validate.js';
import type { CompiledProfile } from '../schemas/index.js';
import type { ResponseView } from '../conformance/exchange.js';
import type { Finding } from '../conformance/findings.js';

export const compileProfileOf = compiledOf;

/** validate() without re-resolving the profile each call. */
export function validateResponse(view: ResponseView, compiled: CompiledProfile): Finding[] {
  return findingsOf(checkResponse(view, compiled));
}
