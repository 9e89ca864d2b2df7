import { randomBytes } from 'node:crypto';
import type { Profile } from '../../schemas/types.js';
import type { RunDiagnostic } from '../diagnostics.js';
import { HttpClient, type HttpRequest, TransportError } from '../http.js';
import { pickedFrom } from '../profile-fit.js';
import { redactText } from '../results.js';
import { TargetUnreachableError } from '../run-core.js';
import type { SpecDocument } from '../spec/document.js';
import type { Target } from '../target.js';
import type { ApiOperation } from './operations.js';
import { type ApiProbeContext, safetyOf, unbuildableRequest } from './probe.js';
import { API_PROBES } from './probes/index.js';

/**
 * `--profile auto` for `probe --openapi`: the profile decides what the probes expect (FastAPI's `422`
 * for every request error), so it is picked before they are planned, from a few error bodies asked
 * for first. Only requests that cannot store anything: a path no API serves, and the first operation
 * each reading or rejected-write probe applies to (an unknown id, a body that is not JSON).
 */

/** The probes whose first request is sent to see an error body: none of them can change the server. */
const SNIFFING_PROBES = ['unknown-id', 'malformed-json', 'missing-query-param'];

export interface SniffOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  bodyLimit: number;
  signal?: AbortSignal;
}

/** The requests sent to see error bodies: an unknown path, then one request of each sniffing probe that applies to a selected operation. */
function sniffingRequests(document: SpecDocument, operations: readonly ApiOperation[], options: SniffOptions, salt: string): HttpRequest[] {
  const requests: HttpRequest[] = [{ method: 'GET', path: `/statuslint-unknown-path-${salt}` }];
  for (const id of SNIFFING_PROBES) {
    const probe = API_PROBES.find((p) => p.id === id);
    if (!probe) continue;
    for (const operation of operations) {
      if (probe.appliesTo(operation, document) !== true) continue;
      const safety = safetyOf(probe, operation);
      if (safety !== 'read' && safety !== 'rejected-write') continue;
      const context: ApiProbeContext = { operation, document, salt, bodyLimit: operation.bodyLimit ?? options.bodyLimit };
      if (unbuildableRequest(context) !== undefined || probe.leftOut?.(context) !== undefined) continue;
      requests.push(probe.request(context));
      break;
    }
  }
  return requests;
}

/** The JSON bodies of the error responses to the sniffing requests, in order. */
async function errorBodies(target: Target, requests: readonly HttpRequest[], options: SniffOptions): Promise<unknown[]> {
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, ...(options.signal ? { signal: options.signal } : {}) });
  const bodies: unknown[] = [];
  let answered = 0;
  let unreachable: TransportError | undefined;
  try {
    for (const request of requests) {
      try {
        const exchange = await client.send(request);
        answered++;
        if (exchange.status < 400 || exchange.truncated) continue;
        bodies.push(JSON.parse(exchange.bodyText));
      } catch (error) {
        // No answer, or no JSON: nothing to pick a profile from. The probes judge such answers later.
        if (error instanceof TransportError && error.failure.kind === 'no-connection') unreachable = error;
      }
    }
  } finally {
    await client.close();
  }
  // Nothing listens there at all: exit 3, as the probes would have it, not a profile to pick.
  if (answered === 0 && unreachable) throw new TargetUnreachableError(`${redactText(target.server)} did not answer: ${unreachable.message} (${unreachable.code})`);
  return bodies;
}

/** The profile the target's error bodies fit, and the note saying so; an input error when none fits. */
export async function sniffProfile(document: SpecDocument, target: Target, operations: readonly ApiOperation[], options: SniffOptions): Promise<{ profile: Profile; note: RunDiagnostic }> {
  const bodies = await errorBodies(target, sniffingRequests(document, operations, options, randomBytes(6).toString('hex')), options);
  return pickedFrom(bodies, redactText(target.server));
}
