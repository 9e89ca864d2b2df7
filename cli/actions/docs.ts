import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { InputError } from '../../schemas/errors.js';
import { packageRoot } from '../../schemas/paths.js';

// Each kind of page, in the folder the docs generators write it to; a kind's README lists them all.
const KINDS: ReadonlyArray<{ folder: string; title: string }> = [
  { folder: 'checks', title: 'checks of every response (validate, probe)' },
  { folder: 'probes', title: 'Kubernetes probes (probe)' },
  { folder: 'api-probes', title: 'OpenAPI probes (probe --openapi)' },
  { folder: 'spec', title: 'checks of OpenAPI documents (spec)' },
  { folder: 'rules', title: 'ESLint rules (statuslint/eslint-plugin)' },
];
const TOPICS = ['catalog', 'report', 'ci'] as const;

interface Page {
  kind: string;
  id: string;
  file: string;
}

const docsDir = (): string => join(packageRoot(), 'docs');

function pages(): Page[] {
  return KINDS.flatMap(({ folder }) => {
    const dir = join(docsDir(), folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .sort()
      .map((name) => ({ kind: folder, id: name.slice(0, -3), file: join(dir, name) }));
  });
}

function listing(all: readonly Page[]): string {
  const sections = KINDS.map(({ folder, title }) => {
    const ids = all.filter((p) => p.kind === folder).map((p) => `  ${p.id}`);
    return ids.length > 0 ? `${folder}: ${title}\n${ids.join('\n')}` : undefined;
  }).filter(Boolean);
  return `${sections.join('\n\n')}\n\ntopics: ${TOPICS.join(', ')}\n\nstatuslint docs ID prints a page; the pages are Markdown files in ${docsDir()}\n`;
}

function find(id: string, all: readonly Page[]): string {
  if ((TOPICS as readonly string[]).includes(id)) return join(docsDir(), `${id}.md`);
  const [kind, name] = id.includes('/') ? [id.slice(0, id.indexOf('/')), id.slice(id.indexOf('/') + 1)] : [undefined, id];
  if (kind !== undefined && !KINDS.some((k) => k.folder === kind)) {
    throw new InputError(`unknown kind "${kind}" (use ${KINDS.map((k) => k.folder).join(', ')})`, 'docs');
  }
  const matches = all.filter((p) => p.id === name && (kind === undefined || p.kind === kind));
  if (matches.length === 1) return matches[0]!.file;
  if (matches.length > 1) throw new InputError(`"${id}" names pages of ${matches.length} kinds: give one of ${matches.map((p) => `${p.kind}/${p.id}`).join(', ')}`, 'docs');
  const near = [...new Set(all.map((p) => p.id))].filter((candidate) => distance(candidate, name) <= Math.max(2, Math.floor(name.length / 4)));
  throw new InputError(`no page "${id}"${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (statuslint docs lists them)`, 'docs');
}

/** `statuslint docs [id]`: a page of the installed docs, or the list of them. */
export function docs(id: string | undefined): void {
  const all = pages();
  process.stdout.write(id === undefined ? listing(all) : readFileSync(find(id, all), 'utf8'));
}
