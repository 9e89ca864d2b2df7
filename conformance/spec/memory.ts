import { getHeapStatistics } from 'node:v8';
import { InputError } from '../../schemas/errors.js';

/**
 * How full the heap may get while a document is read and checked, as a share of the most this Node
 * process may use. Past it V8 would soon stop the process with an out-of-memory stack trace; this
 * stops first, with one line saying what to do.
 */
const HEAP_SHARE = 0.9;
/** V8 counts the young generation's spaces in the limit (48 MiB on 64-bit), which old objects never use. */
const YOUNG_GENERATION = 64 * 1024 * 1024;

const mebibytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

/**
 * Throw an input error naming the document when the heap is nearly full. Cheap enough to call every
 * few thousand nodes or operations.
 */
export function checkMemory(source: string): void {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  if (used > limit * HEAP_SHARE - YOUNG_GENERATION) {
    throw new InputError(`too large to check in the memory this process may use (${mebibytes(limit)}): give Node more with NODE_OPTIONS=--max-old-space-size=<MiB>, or split the document`, source);
  }
}
