import { readFileSync } from 'node:fs';
import { StreamedReports } from '../../cli/output.js';
import type { ResultItem, Results } from '../../conformance/results.js';
import { RunDigest, withDigest } from '../../conformance/run-digest.js';

/**
 * A run's report in one format written to `file` as a streamed run writes it: the head, the items in
 * the batches given (sections held in files past 64 bytes), then the end from the digest of every
 * item and the examples it kept. The text written.
 */
export async function writtenAsStreamed(run: Results, batches: Iterable<readonly ResultItem[]>, format: string, file: string, verbose = false): Promise<string> {
  const head = { ...run, items: [] };
  const reports = new StreamedReports(head, [{ format, file }], { verbose }, 64);
  const digest = new RunDigest(head);
  await reports.start();
  for (const batch of batches) {
    for (const item of batch) digest.add(item);
    await reports.items(batch);
  }
  await reports.end(withDigest({ ...run, items: digest.examples() }, digest));
  return readFileSync(file, 'utf8');
}
