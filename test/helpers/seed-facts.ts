/**
 * The facts the catalog is checked against, read out of the reference documents beside the clone
 * (`../shared/seeds`). They are kept in the project as `test/fixtures/seeds/facts.json`, so the
 * tests need nothing outside the clone; where the documents are present, a drift test re-reads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedFacts {
  /** Seed 000: each reason with its HTTP status, or the workload place of a code that has none. */
  kubernetesReasons: Array<{ code: string; httpStatus: number } | { code: string; httpStatus: null }>;
  /** Seed 001: the status codes of the API conventions. */
  conventionStatuses: number[];
  /** Seed 003: the numbered codes, the named `net/http` constants and each documented reason's code. */
  statusKind: { numbered: number[]; named: string[]; reasonSections: Array<{ reason: string; httpStatus: number }> };
  /** Seed 002: the envelope codes with their HTTP status. */
  envelopeCodes: Array<{ code: string; httpStatus: number }>;
}

function readSeed(dir: string, prefix: string): string {
  const file = readdirSync(dir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix}_* is missing from ${dir}`);
  return readFileSync(join(dir, file), 'utf8');
}

function kubernetesReasons(text: string): SeedFacts['kubernetesReasons'] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => {
      const http = /Returned with HTTP (\d{3})/.exec(line)?.[1];
      return { code: line.slice(2).split(' ')[0]!, httpStatus: http ? Number(http) : null };
    });
}

function statusKind(text: string): SeedFacts['statusKind'] {
  const numbered = [...text.matchAll(/`(\d{3}) Status\w+`/g)].map((m) => Number(m[1]));
  const named = [...text.matchAll(/^\* `(Status[A-Z]\w+)`\s*$/gm)].map((m) => m[1]!);
  // "* `Forbidden`" … "* HTTP status code: `403 StatusForbidden`": a reason heading, then its code.
  const reasonSections: Array<{ reason: string; httpStatus: number }> = [];
  let current: string | undefined;
  for (const line of text.slice(text.indexOf('Possible values for the')).split('\n')) {
    const heading = /^\* `([A-Z][A-Za-z]+)`\s*$/.exec(line);
    if (heading) current = heading[1];
    const code = /^\* http status code: `(\d{3})/i.exec(line);
    if (code && current) {
      reasonSections.push({ reason: current, httpStatus: Number(code[1]) });
      current = undefined;
    }
  }
  return { numbered, named, reasonSections };
}

function envelopeCodes(text: string): SeedFacts['envelopeCodes'] {
  // Table rows run together in the seed: "not_found404 Resource does not exist forbidden403 …".
  return text
    .split('\n')
    .filter((line) => line.startsWith('Code HTTP Description'))
    .flatMap((line) => [...line.matchAll(/([a-z][a-z_]*[a-z])(\d{3})/g)].map((m) => ({ code: m[1]!, httpStatus: Number(m[2]) })));
}

export function extractSeedFacts(dir: string): SeedFacts {
  return {
    kubernetesReasons: kubernetesReasons(readSeed(dir, '000')),
    conventionStatuses: [...readSeed(dir, '001').matchAll(/•\s+(\d{3}) Status\w+/g)].map((m) => Number(m[1])),
    statusKind: statusKind(readSeed(dir, '003')),
    envelopeCodes: envelopeCodes(readSeed(dir, '002')),
  };
}
