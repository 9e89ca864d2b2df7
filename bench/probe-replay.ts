/**
 * A full `statuslint probe` run through the library API, and the same requests replayed by a bare undici
 * loop: the two sides of the overhead the probe benches measure (probe-overhead.ts, cluster-size.ts).
 */
import { Agent } from 'undici';
import { HttpClient, type HttpRequest } from '../conformance/http.js';
import type { Results } from '../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../conformance/runner.js';
import type { Target } from '../conformance/target.js';
import { builtinProfile } from '../schemas/index.js';

const profile = builtinProfile('kubernetes');

/** A request as the client sent it, and whether the probes had begun. */
export interface Sent {
  request: HttpRequest;
  phase: 'before-probes' | 'probes';
}

export interface Run {
  results: Results;
  /** Whole run, and from the first probe on. */
  totalMs: number;
  probesMs: number;
  /** CPU time of this process (user + system) over the whole run. */
  cpuMs: number;
}

export async function probeRun(target: Target, options: { concurrency?: number; resources?: string[]; groups?: string[]; capture?: Sent[] } = {}): Promise<Run> {
  const original = HttpClient.prototype.send;
  let phase: Sent['phase'] = 'before-probes';
  const capture = options.capture;
  // Only a capture run looks at what is sent; timed runs leave the client alone.
  if (capture) {
    HttpClient.prototype.send = function (this: HttpClient, request: HttpRequest) {
      capture.push({ request, phase });
      return original.call(this, request);
    };
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  let probesStarted = started;
  try {
    const results = await runProbes(target, {
      ...DEFAULT_PROBE_OPTIONS,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      profile,
      filter: { ...(options.resources ? { resources: options.resources } : {}), ...(options.groups ? { groups: options.groups } : {}) },
      probeIds: [],
      allowWrites: false,
      onProgress: ({ done }) => {
        if (done === 0) {
          probesStarted = performance.now();
          phase = 'probes';
        }
      },
    });
    const ended = performance.now();
    const used = process.cpuUsage(cpu);
    return { results, totalMs: ended - started, probesMs: ended - probesStarted, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    HttpClient.prototype.send = original;
  }
}

export interface Replay {
  ms: number;
  cpuMs: number;
  statuses: Map<number, number>;
  /** Body bytes read. */
  bytes: number;
}

/** The same requests through a bare undici loop: what sending them costs with nothing around it. */
export async function replay(target: Target, requests: readonly HttpRequest[], concurrency: number): Promise<Replay> {
  const { ca, cert, key, rejectUnauthorized } = target.tls;
  const timeoutMs = DEFAULT_PROBE_OPTIONS.timeoutMs;
  const base = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connections: 16 };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const agent = new Agent({ ...base, connect: { ca, cert, key, rejectUnauthorized, timeout: timeoutMs } });
  const anonymousAgent = new Agent({ ...base, connect: { ca, rejectUnauthorized, timeout: timeoutMs } });
  const url = new URL(target.server);
  const basePath = url.pathname.replace(/\/$/, '');
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const response = await (request.anonymous ? anonymousAgent : agent).request({
        origin: url.origin,
        path: `${basePath}${request.path}`,
        method: request.method as 'GET',
        headers: { accept: 'application/json', 'user-agent': 'statuslint', ...request.headers, ...(request.anonymous ? {} : target.authHeaders) },
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      const firstLine = request.firstLineOnly === true && response.statusCode < 300;
      for await (const chunk of response.body) {
        bytes += (chunk as Buffer).length;
        // Leaving the loop closes the stream, as the client does after a watch's first line.
        if (firstLine && (chunk as Buffer).includes(0x0a)) break;
      }
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, requests.length)) }, worker));
  await Promise.all([agent.close(), anonymousAgent.close()]);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, statuses, bytes };
}

/** The results' recorded probe requests, each with the body and flags it was sent with. */
export function requestsOf(results: Results, sent: readonly Sent[]): { before: HttpRequest[]; probes: HttpRequest[] } {
  const probes = sent.filter((s) => s.phase === 'probes').map((s) => s.request);
  const recorded = results.items.filter((i) => i.probeId !== undefined && i.request).map((i) => `${i.request!.method} ${i.request!.path}`);
  const asSent = probes.map((r) => `${r.method} ${r.path}`);
  // Answers the conventions allow (a server that ignores `continue`) are sent but not judged: no item records them.
  const notJudged = (results.notRun ?? []).filter((n) => n.reason.startsWith('not judged:')).length;
  // The probes run in a pool, so the order differs; the requests must not.
  const unrecorded = asSent.filter((request) => !recorded.includes(request));
  if (unrecorded.length !== notJudged || recorded.some((request) => !asSent.includes(request))) {
    throw new Error(`the requests sent (${asSent.length}) are not the results' recorded requests (${recorded.length}) and the ${notJudged} not judged`);
  }
  return { before: sent.filter((s) => s.phase === 'before-probes').map((s) => s.request), probes };
}
