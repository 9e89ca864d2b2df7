/**
 * What every long command does around its work: Ctrl-C (and SIGTERM) stops it gently so that it
 * can clean up and write what it has (requests in flight are cancelled through `signal`), a second
 * one stops it at once, and a progress line shows on a terminal only.
 */
import { setMaxListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface LongRun {
  signal: AbortSignal;
  /** A progress callback when stderr is a terminal and progress is wanted, else undefined. */
  progress: ((progress: { done: number; total: number }) => void) | undefined;
}

export async function runInterruptibly<T>(options: { interruptedNote: string; progressLabel: string; showProgress: boolean }, work: (run: LongRun) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  // Every request in flight listens on this signal (discovery reads many group-versions at once):
  // more than Node's default of 10 is the design, not a leak, and its warning would only alarm users.
  setMaxListeners(0, abort.signal);
  const onSignal = (): void => {
    // The second Ctrl-C is for a user who will not wait for cleanup (a server that holds the DELETE of the throwaway namespace).
    if (abort.signal.aborted) {
      process.stderr.write('\nstatuslint: interrupted again; stopping at once, without cleaning up or writing reports\n');
      process.exit(130);
    }
    process.stderr.write(`\nstatuslint: interrupted; ${options.interruptedNote} (Ctrl-C again to stop at once) …\n`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const showProgress = options.showProgress && process.stderr.isTTY === true;
  try {
    return await work({
      signal: abort.signal,
      progress: showProgress ? ({ done, total }) => process.stderr.write(`\r\u001b[2K${options.progressLabel}: ${done}/${total}`) : undefined,
    });
  } finally {
    if (showProgress) process.stderr.write('\r\u001b[2K');
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * A line on a terminal's standard error saying how far a long run is (`parsing…`, `checking operations
 * 120,000/311,000`, `120,000 responses`), rewritten in place and cleared at the end (undefined); none
 * when standard error is not a terminal or with --no-progress.
 */
export function progressLine(command: string, wanted: boolean): ((text: string | undefined) => void) | undefined {
  if (!wanted || process.stderr.isTTY !== true) return undefined;
  return (text) => process.stderr.write(text === undefined ? '\r\u001b[2K' : `\r\u001b[2Kstatuslint ${command}: ${text}…`);
}

/**
 * One full garbage collection, now: for the moment a long run lets go of most of what it held (`spec`
 * after judging a document, before writing its reports). V8 sizes its next collection by what was
 * live at its last one: left alone, it let the reports' garbage pile up on top of a document nothing
 * used any more, past 1.5 GB at 90 MiB of YAML. `gc` is exposed the way Jest's leak detection does it.
 */
export function collectGarbageNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
