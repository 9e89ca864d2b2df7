import { httpStatusEntries } from '../../schemas/catalog.js';
import { resolveProfile } from '../../schemas/compile.js';
import { InputError } from '../../schemas/errors.js';
import type { CatalogEntry } from '../../schemas/types.js';
import { CATALOG_FORMATS, type CatalogFlags } from '../commands/catalog.js';

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

/** `statuslint catalog`: the codes of a profile, or the shared HTTP statuses. */
export function catalog(flags: CatalogFlags): void {
  if (!(CATALOG_FORMATS as readonly string[]).includes(flags.format)) {
    throw new InputError(`unknown format "${flags.format}" (use ${CATALOG_FORMATS.join(', ')})`, '--format');
  }
  const entries = flags.http ? httpStatusEntries() : resolveProfile(flags.profile).entries;
  const out =
    flags.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : flags.format === 'markdown' ? renderMarkdown(entries) : renderTable(entries);
  process.stdout.write(out);
}
