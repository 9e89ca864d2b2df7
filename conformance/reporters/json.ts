import { RESULTS_SCHEMA_VERSION, type Results, type ResultsDocument } from '../results.js';
import { resultsSummary } from '../summary.js';
import { jsonChunks } from './format.js';
import { defineReporter, fromChunks } from './reporter.js';

/**
 * The model as the file holds it, at the current version. The summary is computed here, never taken
 * from the model, so a file read back is summarised afresh; it comes right after what made the run,
 * before discovery and the items, so a reader of the file's first few kilobytes has it.
 */
function resultsDocument(results: Results): ResultsDocument {
  const { schemaVersion: _version, tool, command, profile, target, direct, startedAt, finishedAt, summary: _stale, ...rest } = results as Results & { summary?: unknown };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool,
    command,
    profile,
    ...(target ? { target } : {}),
    ...(direct ? { direct } : {}),
    startedAt,
    finishedAt,
    summary: resultsSummary(results),
    ...rest,
  };
}

export default defineReporter(
  fromChunks({
    name: 'json',
    extension: 'json',
    description: 'the results model (schemas/results.schema.json) with its summary, for scripts, `statuslint report` and other tools',
    // Opened down to each item: a run of 300,000 responses writes 800 MB, more than one string can hold.
    *chunks(results) {
      yield* jsonChunks(resultsDocument(results), 2);
      yield '\n';
    },
  }),
);
