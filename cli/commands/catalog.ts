import type { Command } from 'commander';
import { httpStatusEntries } from '../../schemas/catalog.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { CatalogEntry } from '../../schemas/types.js';

const FORMATS = ['table', 'json', 'markdown'] as const;

function renderTable(entries: CatalogEntry[]): string {
  const rows = [['CODE', 'APPEARS IN', 'HTTP', 'RECOVERY', 'TITLE'], ...entries.map((e) => [e.code === '' ? '""' : e.code, e.appearsIn, e.httpStatus === null ? '-' : String(e.httpStatus), e.recovery, e.title])];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return `${rows.map((r) => r.map((c, col) => (col === r.length - 1 ? c : c.padEnd(widths[col]!))).join('  ')).join('\n')}\n`;
}

function renderMarkdown(entries: CatalogEntry[]): string {
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  return `| Code | Appears in | HTTP | Recovery | Title | Advice |\n|---|---|---|---|---|---|\n${entries
    .map((e) => `| \`${e.code}\` | ${e.appearsIn} | ${e.httpStatus ?? '—'} | \`${e.recovery}\` | ${escape(e.title)} | ${escape(e.advice)} |`)
    .join('\n')}\n`;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .summary('list the error codes of a profile')
    .description('List the codes of a profile with where they appear, their HTTP status and the client recovery.')
    .option('-p, --profile <name|file>', 'kubernetes, envelope, problem, or a profile file', 'kubernetes')
    .option('--http', 'list the shared HTTP status codes instead')
    .option('-f, --format <name>', `output format: ${FORMATS.join(', ')}`, 'table')
    .action((flags: { profile: string; http?: boolean; format: string }) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new InputError(`unknown format "${flags.format}" (use ${FORMATS.join(', ')})`, '--format');
      }
      const entries = flags.http ? httpStatusEntries() : resolveProfile(flags.profile).entries;
      const out =
        flags.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : flags.format === 'markdown' ? renderMarkdown(entries) : renderTable(entries);
      process.stdout.write(out);
    });
}
