import type { CheckDefinition, CheckResult } from '../../conformance/check.js';
import { runCheck } from '../../conformance/check.js';
import { buildContext } from '../../conformance/context.js';
import { type HeaderInput, viewOfBody, viewOfText } from '../../conformance/exchange.js';
import type { Expectation } from '../../conformance/expectation.js';
import { compiledProfileOf } from '../../conformance/validate.js';

export interface RunOptions {
  status?: number;
  headers?: HeaderInput;
  profile?: string;
  watchEvent?: boolean;
  /** Raw body text instead of a parsed body. */
  text?: string;
  expectation?: Expectation;
  requestIds?: ReadonlyMap<string, number>;
}

/** Run one check on one response, as the runner and `validate` do. */
export function runOne(check: CheckDefinition, body: unknown, options: RunOptions = {}): CheckResult {
  const view = options.text !== undefined ? viewOfText(options.text, options.status, options.headers) : viewOfBody(body, options.status, options.headers);
  const context = buildContext(compiledProfileOf(options.profile), view, {
    ...(options.watchEvent ? { watchEvent: true } : {}),
    ...(options.expectation ? { expectation: options.expectation } : {}),
    ...(options.requestIds ? { requestIds: options.requestIds } : {}),
  });
  return runCheck(check, context);
}

/** The findings' data, without prose: what tests assert. */
export function failures(result: CheckResult): Array<{ checkId: string; pointer: string; expected?: string; received?: string }> {
  if (result.outcome !== 'fail') return [];
  return result.findings.map(({ checkId, pointer, expected, received }) => ({
    checkId,
    pointer,
    ...(expected !== undefined ? { expected } : {}),
    ...(received !== undefined ? { received } : {}),
  }));
}
