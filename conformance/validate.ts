import { compileProfile, type CompiledProfile, type Profile, resolveProfile } from '../schemas/index.js';
import { type CheckDefinition, type CheckResult, findingsOfChecks, runChecks } from './check.js';
import { PASSIVE_CHECKS } from './checks/index.js';
import { buildContext, type ContextOptions } from './context.js';
import { type HeaderInput, type ResponseView, viewOfBody } from './exchange.js';
import type { Finding } from './findings.js';

export interface ValidateOptions {
  /** `kubernetes` (default), `envelope`, `problem`, a profile file path, or a loaded profile. */
  profile?: string | Profile;
  /** The HTTP status the body came with; without it, checks that need one are skipped. */
  httpStatus?: number;
  headers?: HeaderInput;
  /** The body is one event of a watch stream. */
  watchEvent?: boolean;
}

export function compiledProfileOf(profile: string | Profile | undefined): CompiledProfile {
  return compileProfile(typeof profile === 'object' ? profile : resolveProfile(profile ?? 'kubernetes'));
}

/** Every check's outcome for one response: pass, skip with its reason, or findings. */
export function checkResponse(
  response: ResponseView,
  compiled: CompiledProfile,
  options?: ContextOptions,
  checks: readonly CheckDefinition[] = PASSIVE_CHECKS,
): CheckResult[] {
  return runChecks(checks, buildContext(compiled, response, options));
}

export function findingsOf(results: readonly CheckResult[]): Finding[] {
  // A loop rather than flatMap: this runs once per response, and most responses have no findings.
  const findings: Finding[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (result.outcome === 'fail') for (let j = 0; j < result.findings.length; j++) findings.push(result.findings[j]!);
  }
  return findings;
}

const WATCH_EVENT: ContextOptions = Object.freeze({ watchEvent: true });

/** Findings for a response whose text, status and headers are known (HAR entries, live responses). */
export function validateResponse(response: ResponseView, options: Omit<ValidateOptions, 'httpStatus' | 'headers'> = {}): Finding[] {
  const context: ContextOptions | undefined = options.watchEvent ? WATCH_EVENT : undefined;
  return findingsOfChecks(PASSIVE_CHECKS, buildContext(compiledProfileOf(options.profile), response, context));
}

/**
 * Findings for one parsed error body: its shape, its reason and code, and how they agree with the
 * HTTP status and headers when given. An empty array means the body is correct.
 */
export function validate(body: unknown, options: ValidateOptions = {}): Finding[] {
  return validateResponse(viewOfBody(body, options.httpStatus, options.headers), options);
}
