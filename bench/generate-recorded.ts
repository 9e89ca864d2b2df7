/**
 * Writes big recorded inputs for the streaming benches and for reproducing growth by hand, into a
 * temporary folder (never the repository): JSON Lines of Kubernetes `Status` bodies, a quarter of
 * them wrong, or a HAR file of as many entries.
 *
 *     node --import tsx bench/generate-recorded.ts --responses 240000 [--har] [--out FILE]
 *
 * Prints the file's path and size.
 */
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';

/**
 * The i-th body: most correct, every fourth with a reason that does not match its code. With
 * `distinct`, every eighth instead has a reason of its own, a finding no other response shares (so
 * that stylish lists each such response, rather than one finding shared by all).
 */
export function statusBody(i: number, distinct = false): Record<string, unknown> {
  const wrong = i % 4 === 3;
  if (distinct && i % 8 === 7) return { ...statusBody(i), reason: `NotFound${i}` };
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `configmaps "object-${i}" not found`,
    reason: wrong ? 'AlreadyExists' : 'NotFound',
    details: { name: `object-${i}`, kind: 'configmaps' },
    code: 404,
  };
}

function harEntry(i: number, distinct: boolean): Record<string, unknown> {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: { method: 'GET', url: `https://127.0.0.1:6443/api/v1/namespaces/default/configmaps/object-${i}`, headers: [] },
    response: {
      status: 404,
      statusText: 'Not Found',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      content: { size: 0, mimeType: 'application/json', text: JSON.stringify(statusBody(i, distinct)) },
    },
  };
}

/** Write `count` lines (or HAR entries) to `file`, waiting on back-pressure so the writer's memory stays small. */
export async function writeRecorded(file: string, count: number, har: boolean, distinct = false): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (har) await write('{"log":{"version":"1.2","creator":{"name":"statuslint-bench","version":"1"},"entries":[\n');
  for (let i = 0; i < count; i++) {
    if (har) await write(`${i === 0 ? '' : ',\n'}${JSON.stringify(harEntry(i, distinct))}`);
    else await write(`${JSON.stringify(statusBody(i, distinct))}\n`);
  }
  if (har) await write('\n]}}\n');
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { responses: { type: 'string', default: '100000' }, har: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const har = values.har === true;
  const file = values.out ?? join(mkdtempSync(join(tmpdir(), 'statuslint-bench-')), har ? 'recorded.har' : 'recorded.jsonl');
  await writeRecorded(file, Number(values.responses), har);
  process.stdout.write(`${file} ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB\n`);
}
