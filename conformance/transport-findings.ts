import type { CompiledProfile } from '../schemas/index.js';
import type { CheckDefinition, CheckResult } from './check.js';
import { ALL_CHECKS } from './checks/index.js';
import responseComplete, { type ViewWithTransportFailure } from './checks/response-complete.js';
import type { ContextOptions } from './context.js';
import { viewOfText } from './exchange.js';
import type { Expectation } from './expectation.js';
import { type PartialResponse, TransportError } from './http.js';
import { checkResponse } from './validate.js';

/** What a failed exchange comes to in the results. */
export interface TransportOutcome {
  /** What had arrived, when the headers had. */
  response?: PartialResponse;
  /** Set when no whole response arrived: the verdict counts the probe as unanswered. */
  error?: string;
  checks: CheckResult[];
}

/**
 * Judge an exchange that failed (`HttpClient.send` threw): `response-complete` reports what went wrong as
 * a finding. A whole body that only failed to decode is judged by every check, like any other answer.
 */
export function transportFindings(
  error: unknown,
  compiled: CompiledProfile,
  options: ContextOptions & { expectation: Expectation },
  checks: readonly CheckDefinition[] = ALL_CHECKS,
): TransportOutcome {
  const transport = error instanceof TransportError ? error : new TransportError(error instanceof Error ? error.message : String(error), 'UNKNOWN');
  const { failure, partial } = transport;
  const view: ViewWithTransportFailure = {
    ...viewOfText(partial?.bodyText, partial?.status, partial?.headers, partial?.truncated ?? false),
    transportFailure: failure,
  };
  if (failure.kind === 'invalid-utf8' && partial) {
    return { response: partial, checks: checkResponse(view, compiled, options, checks.includes(responseComplete) ? checks : [responseComplete, ...checks]) };
  }
  return {
    ...(partial ? { response: partial } : {}),
    error: `no usable response: ${transport.message} (${transport.code})`,
    checks: checkResponse(view, compiled, options, [responseComplete]),
  };
}
