import type { Command } from 'commander';
import { BUILTIN_PROFILE_NAMES } from '../options.js';

export const CATALOG_FORMATS = ['table', 'json', 'markdown'] as const;

export interface CatalogFlags {
  profile: string;
  http?: boolean;
  format: string;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .summary('list the error codes of a profile')
    .description('List the codes of a profile with where they appear, their HTTP status and the client recovery.')
    .option('-p, --profile <name|file>', `${BUILTIN_PROFILE_NAMES}, or a profile file`, 'kubernetes')
    .option('--http', 'list the shared HTTP status codes instead')
    .option('-f, --format <name>', `output format: ${CATALOG_FORMATS.join(', ')}`, 'table')
    // What the command does loads only when it runs: help needs none of it.
    .action(async (flags: CatalogFlags) => (await import('../actions/catalog.js')).catalog(flags));
}
