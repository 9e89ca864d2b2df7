import type { Command } from 'commander';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .summary('print the page of a check, probe or rule, or list them')
    .description(
      'Print the documentation page of a check (`validate`, `probe`), a probe, an OpenAPI probe, a `spec` check or an ESLint rule, from the docs installed with statuslint. Without an id, list every page and where the docs folder is. An id that names pages of two kinds takes its kind first: `probes/body-too-large`, `api-probes/body-too-large`.',
    )
    .argument('[id]', 'a check, probe or rule id, optionally as KIND/ID (kinds: checks, probes, api-probes, spec, rules), or a topic: catalog, report, ci')
    .addHelpText('after', '\nExamples:\n  statuslint docs reason-code-match\n  statuslint docs api-probes/unknown-id\n  statuslint docs | less')
    // What the command does loads only when it runs: help needs none of it.
    .action(async (id: string | undefined) => (await import('../actions/docs.js')).docs(id));
}
