import { jsonChunks } from './format.js';
import { defineReporter, fromChunks } from './reporter.js';

export default defineReporter(
  fromChunks({
    name: 'json',
    extension: 'json',
    description: 'the results model (schemas/results.schema.json), for `statuslint report` and other tools',
    // Opened down to each item: a run of 300,000 responses writes 800 MB, more than one string can hold.
    *chunks(results) {
      yield* jsonChunks(results, 2);
      yield '\n';
    },
  }),
);
