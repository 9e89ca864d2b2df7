import { RESULTS_SCHEMA_VERSION, type ResultItem, type Results } from '../results.js';
import { resultsSummary } from '../summary.js';
import { indentedJson, jsonValueChunks } from './format.js';
import { defineReporter } from './reporter.js';

/**
 * The model as the file holds it, at the current version, written as the responses arrive: what made
 * the run first, then `items`, then what is known only when the run is over (its end time, its
 * `summary`, what the policy did, the run's diagnostics). Key order is free in JSON: the document is
 * the one the schema describes whatever the order, and a run of a million responses is never held.
 * The summary is computed here, never taken from the model, so a file read back is summarised afresh.
 */

/** Members written before the items, in this order: known when the run starts. */
const HEAD_MEMBERS = ['tool', 'command', 'profile', 'target', 'direct', 'startedAt'] as const;

/** Members the writer sets itself, or writes in their place. */
const WRITTEN = new Set<string>(['schemaVersion', ...HEAD_MEMBERS, 'finishedAt', 'summary', 'items']);

/** `,\n  "key": value`, the value opened one level, as `JSON.stringify(document, null, 2)` writes it. */
function* member(key: string, value: unknown, first = false): Generator<string> {
  if (value === undefined) return;
  yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
  yield* jsonValueChunks(value, 1, '  ');
}

export default defineReporter({
  name: 'json',
  extension: 'json',
  description: 'the results model (schemas/results.schema.json) with its summary, for scripts, `statuslint report` and other tools',
  open(head: Results) {
    let count = 0;
    return {
      *start() {
        yield '{';
        yield* member('schemaVersion', RESULTS_SCHEMA_VERSION, true);
        for (const key of HEAD_MEMBERS) yield* member(key, head[key]);
        yield ',\n  "items": ';
      },
      // One piece per response: a run of 300,000 responses writes 800 MB, more than one string can hold.
      *item(item: ResultItem) {
        yield count++ === 0 ? '[\n    ' : ',\n    ';
        yield indentedJson(item, '    ');
      },
      *end(run: Results) {
        yield count === 0 ? '[]' : '\n  ]';
        yield* member('finishedAt', run.finishedAt);
        yield* member('summary', resultsSummary(run));
        for (const [key, value] of Object.entries(run)) if (!WRITTEN.has(key)) yield* member(key, value);
        yield '\n}\n';
      },
    };
  },
});
