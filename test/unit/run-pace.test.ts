/**
 * `--rate-limit` spaces requests even when the process is busy: timers that fire late together
 * (a long synchronous stretch, a GC pause, a loaded CI machine) must not let requests out in a burst.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunPace } from '../../conformance/run-core.js';

/** Hold the event loop, as a busy process does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('RunPace', () => {
  it('keeps the interval between requests when their timers fire late together', async () => {
    const pace = new RunPace({ rate: { requests: 10, perMs: 1000 } });
    await pace.beforeRequest();
    const released: number[] = [performance.now()];
    const waiting = Array.from({ length: 3 }, () => pace.beforeRequest().then(() => released.push(performance.now())));
    // Every slot but the first comes due while the loop is held.
    busyFor(400);
    await Promise.all(waiting);
    const gaps = released.slice(1).map((at, i) => at - released[i]!);
    // Timers may fire up to a millisecond early; a burst would show gaps near 0.
    assert.ok(gaps.every((gap) => gap >= 99), `gaps ${gaps.map(Math.round).join(', ')} ms`);
  });

  it('sends at once when nothing was sent for an interval', async () => {
    const pace = new RunPace({ rate: { requests: 10, perMs: 1000 } });
    await pace.beforeRequest();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const before = performance.now();
    await pace.beforeRequest();
    assert.ok(performance.now() - before < 50);
  });
});
