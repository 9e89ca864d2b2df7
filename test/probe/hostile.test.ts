// `statuslint probe` against servers that misbehave below the error body (silence, endless or huge bodies,
// resets, lies about length, undecodable bytes, redirects, a certificate for another name): each is a
// finding with a check id, every exchange ends within `--timeout` and the size cap, memory stays bounded,
// and the run goes on to the next probe.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { DEFAULT_PROBE_OPTIONS } from '../../conformance/runner.js';
import { isConformant } from '../../conformance/verdict.js';
import { createAjv } from '../../schemas/compile.js';
import type { Finding } from '../../conformance/findings.js';
import { findingsOfItem, type ResultItem, type Results } from '../../conformance/results.js';
import type { Level } from '../../schemas/types.js';
import { type BrokenServer, startBrokenServer } from '../fixtures/broken-server/server.js';
import { makeTestCertificates, type TestCertificates } from '../fixtures/hostile-server/certificates.js';
import { GOOD_TOKEN, HOSTILE_GROUP, HUGE_BODY_BYTES, type HostileServer, MISBEHAVIOURS, type MisbehaviourId, startHostileServer } from '../fixtures/hostile-server/server.js';
import { cliPath, repoRoot } from '../helpers/paths.js';

const TIMEOUT_SECONDS = 2;
const TIMEOUT_MS = TIMEOUT_SECONDS * 1000;
/** Five exchanges stall for the whole timeout, four at a time; the rest answer at once. */
const RUN_BOUND_MS = 30_000;
/** A run that buffered the 50 MiB body would peak hundreds of MiB higher than a clean run. */
const PEAK_RSS_MARGIN_KB = 128 * 1024;

interface WatchedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** The child's peak resident set (`VmHWM`), as last read before it exited. */
  peakRssKb: number;
}

/** Run the built CLI, reading its peak RSS from /proc while it runs. */
function runWatched(args: readonly string[]): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    const readPeak = (): void => {
      try {
        const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakRssKb = Math.max(peakRssKb, Number(match[1]));
      } catch {
        // exited between two reads
      }
    };
    const poll = setInterval(readPeak, 20);
    // A run that does not end is a failure to report, not a test that hangs.
    const guard = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS * 2);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - started, peakRssKb });
    });
  });
}

function resultsOf(run: WatchedRun): Results {
  try {
    return JSON.parse(run.stdout) as Results;
  } catch {
    throw new Error(`no results (exit ${run.code}, ${Math.round(run.elapsedMs)} ms): ${run.stderr.slice(0, 500)}`);
  }
}

const probeArgs = (url: string, extra: readonly string[] = [], timeoutSeconds = TIMEOUT_SECONDS): string[] => ['probe', '--server', url, '--token', GOOD_TOKEN, '--timeout', String(timeoutSeconds), '--format', 'json', '--no-progress', ...extra];

type Match = string | RegExp;
const matches = (value: string | undefined, want: Match): boolean => value !== undefined && (typeof want === 'string' ? value === want : want.test(value));

/** What each misbehaviour must come to. `answered`: the probe got a whole response (no `error`). */
const EXPECTED: Record<MisbehaviourId, { pointer: string; received: Match; expected: Match; level: Level; answered: boolean }> = {
  'no-headers': { pointer: '', expected: 'headers within the timeout', received: 'no headers in time', level: 'MUST', answered: false },
  'dripping-body': { pointer: '', expected: 'the whole body within the timeout', received: 'body incomplete at the deadline', level: 'MUST', answered: false },
  'huge-body': { pointer: '', expected: 'a body within the size cap', received: 'body over the size cap', level: 'SHOULD', answered: true },
  'invalid-utf8': { pointer: '', expected: 'UTF-8', received: 'invalid UTF-8', level: 'MUST', answered: true },
  'short-body': { pointer: 'header:Content-Length', expected: /^\d+ bytes$/, received: /^\d+ bytes$/, level: 'MUST', answered: false },
  'reset-mid-body': { pointer: '', expected: 'a complete response', received: 'connection reset mid-body', level: 'MUST', answered: false },
  'endless-watch': { pointer: '', expected: 'a first event line within the timeout', received: 'no event line in time', level: 'MUST', answered: false },
  'redirect-elsewhere': { pointer: '', expected: /^40[345]$/, received: '307', level: 'MUST', answered: true },
};

const summary = (findings: readonly Finding[]): string => JSON.stringify(findings.map(({ checkId, level, pointer, expected, received }) => ({ checkId, level, pointer, expected, received })));
const isHostile = (item: ResultItem): boolean => item.resource?.endsWith(`.${HOSTILE_GROUP}`) === true || item.groupVersion?.startsWith(`${HOSTILE_GROUP}/`) === true;

describe('statuslint probe against the hostile server', () => {
  let hostile: HostileServer;
  let run: WatchedRun;
  let results: Results;
  let clean: WatchedRun;
  let cleanResults: Results;

  before(async () => {
    // A clean run of the same fixture first: what the hostile run's memory and results are held against.
    const broken: BrokenServer = await startBrokenServer({ defects: [] });
    try {
      clean = await runWatched(probeArgs(broken.url));
    } finally {
      await broken.close();
    }
    cleanResults = resultsOf(clean);
    hostile = await startHostileServer();
    run = await runWatched(probeArgs(hostile.url));
    results = resultsOf(run);
  });

  after(async () => {
    await hostile?.close();
  });

  it('ends as a run with findings (exit 1), in bounded time, without a crash', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(run.elapsedMs < RUN_BOUND_MS, `took ${Math.round(run.elapsedMs)} ms`);
    assert.equal(results.interrupted, undefined);
  });

  it('discovers the hostile group next to the ordinary ones', () => {
    const listed = results.discovery?.groupVersions.find((gv) => gv.groupVersion === `${HOSTILE_GROUP}/v1`);
    assert.deepEqual(listed?.resourceNames?.slice().sort(), MISBEHAVIOURS.map((m) => m.resource).sort());
  });

  for (const misbehaviour of MISBEHAVIOURS) {
    const want = EXPECTED[misbehaviour.id];
    it(`${misbehaviour.id}: ${misbehaviour.checkId} reports it on every probe that meets it`, () => {
      const items = results.items.filter((i) => i.resource === `${misbehaviour.resource}.${HOSTILE_GROUP}`);
      assert.deepEqual(items.map((i) => i.probeId).sort(), [...misbehaviour.probes].sort());
      for (const item of items) {
        const findings = findingsOfItem(item).filter((f) => f.checkId === misbehaviour.checkId);
        assert.ok(
          findings.some((f) => f.level === want.level && f.pointer === want.pointer && matches(f.expected, want.expected) && matches(f.received, want.received)),
          `${item.id}: no ${misbehaviour.checkId} finding like ${JSON.stringify({ ...want, expected: String(want.expected), received: String(want.received) })}; got ${summary(findingsOfItem(item))}`,
        );
        assert.equal(item.error === undefined, want.answered, `${item.id}: error ${item.error ?? 'none'}`);
      }
    });
  }

  it('short-body: the finding names the declared and the received length', () => {
    const sent = hostile.exchanges.find((e) => e.misbehaviour === 'short-body')!.bytesWritten;
    for (const item of results.items.filter((i) => i.resource === `shortfalls.${HOSTILE_GROUP}`)) {
      const finding = findingsOfItem(item).find((f) => f.checkId === 'response-complete');
      assert.deepEqual([finding?.expected, finding?.received], [`${sent * 2} bytes`, `${sent} bytes`]);
    }
  });

  it('gives up on every stalled exchange at the timeout, not before and not much after', () => {
    const stalled = hostile.exchanges.filter((e) => ['no-headers', 'dripping-body', 'endless-watch'].includes(e.misbehaviour));
    // silences and drips stall get-missing, forbidden and delete-not-served; drips, the first resource of its group-version that can be read, also meets the once-per-group-version post-to-object; streams stalls its watch.
    assert.equal(stalled.length, 8);
    for (const exchange of stalled) {
      assert.ok(exchange.closedAt !== undefined, `${exchange.misbehaviour} ${exchange.path} still open`);
      const heldMs = exchange.closedAt - exchange.openedAt;
      assert.ok(heldMs >= TIMEOUT_MS * 0.9 && heldMs <= TIMEOUT_MS + 3000, `${exchange.misbehaviour}: held ${Math.round(heldMs)} ms`);
    }
  });

  it('reads the 50 MiB body only up to the size cap, and hangs up', () => {
    const floods = results.items.filter((i) => i.resource === `floods.${HOSTILE_GROUP}`);
    assert.equal(floods.length, 3);
    for (const item of floods) {
      assert.equal(item.response?.truncated, true);
      assert.ok((item.response?.bodyBytes ?? Infinity) <= DEFAULT_PROBE_OPTIONS.maxBodyBytes, `kept ${item.response?.bodyBytes} bytes`);
    }
    for (const exchange of hostile.exchanges.filter((e) => e.misbehaviour === 'huge-body')) {
      assert.ok(exchange.closedAt !== undefined);
      assert.ok(exchange.bytesWritten < HUGE_BODY_BYTES / 2, `the server got to write ${exchange.bytesWritten} bytes`);
    }
  });

  it('keeps memory bounded: the peak RSS stays within 128 MiB of a clean run', () => {
    assert.ok(clean.peakRssKb > 0 && run.peakRssKb > 0, 'no RSS read');
    assert.ok(run.peakRssKb - clean.peakRssKb < PEAK_RSS_MARGIN_KB, `peak ${run.peakRssKb} kB against ${clean.peakRssKb} kB clean`);
  });

  it('keeps the results a valid model that the verdict and every reporter handle', () => {
    const validate = createAjv().compile(JSON.parse(readFileSync(`${repoRoot}/schemas/results.schema.json`, 'utf8')) as object);
    assert.ok(validate(results), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(isConformant(results), false);
    for (const [name, reporter] of REPORTERS) assert.match(reporter.render(results, { color: false }), /response-complete/, name);
  });

  it('never follows the redirect to the other host', () => {
    assert.deepEqual(hostile.elsewhere, []);
  });

  it('goes on: every other probe answers as it does against the clean server', () => {
    const outcome = (item: ResultItem): [number | undefined, string | undefined, string[]] => [item.response?.status, item.error, findingsOfItem(item).map((f) => f.checkId).sort()];
    const others = new Map(results.items.filter((i) => !isHostile(i)).map((i) => [i.id, outcome(i)]));
    const cleanOutcomes = new Map(cleanResults.items.map((i) => [i.id, outcome(i)]));
    assert.ok(cleanOutcomes.size > 20, `only ${cleanOutcomes.size} clean results`);
    assert.deepEqual(others, cleanOutcomes);
    // The last probes planned after every hostile resource ran and answered.
    const lastHostile = results.items.findLastIndex((i) => i.resource?.endsWith(`.${HOSTILE_GROUP}`) === true);
    const later = results.items.slice(lastHostile + 1).filter((i) => i.probeId !== undefined);
    assert.ok(later.length >= 3, `only ${later.length} probes after the last hostile one`);
    for (const item of later) assert.ok(item.response !== undefined && item.error === undefined, `${item.id}: ${item.error ?? 'no response'}`);
  });
});

describe('statuslint probe against a server whose certificate turns to another name', () => {
  let certificates: TestCertificates;
  let server: HostileServer;
  let run: WatchedRun;
  let results: Results;

  before(async () => {
    certificates = makeTestCertificates();
    server = await startHostileServer({ tls: certificates });
    // Discovery meets the good certificate; from the first probe on, new connections meet the other.
    // Nothing stalls here: a longer timeout keeps a busy machine from failing discovery.
    run = await runWatched(probeArgs(server.url, ['--ca', certificates.caFile, '--group', 'core'], 5));
    results = resultsOf(run);
  });

  after(async () => {
    await server?.close();
    certificates?.remove();
  });

  it('discovers over TLS, then reports the name mismatch on each probe as a finding, and finishes', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.elapsedMs < RUN_BOUND_MS, `took ${Math.round(run.elapsedMs)} ms`);
    assert.equal(server.switchedCertificate, true);
    assert.deepEqual(results.discovery?.problems, []);
    const probes = results.items.filter((i) => i.probeId !== undefined);
    const mismatched = probes.filter((item) =>
      findingsOfItem(item).some((f) => f.checkId === 'response-complete' && f.level === 'MUST' && f.received === 'certificate for another name'),
    );
    // At most one request after discovery (the one that turned the certificate) kept the good one.
    assert.ok(probes.length >= 10, `only ${probes.length} probes ran`);
    assert.ok(mismatched.length >= probes.length - 1, `${mismatched.length} of ${probes.length} probes report the mismatch`);
    for (const item of mismatched) assert.match(item.error ?? '', /ERR_TLS_CERT_ALTNAME_INVALID/);
  });
});
