import { defineReporter } from './reporter.js';

export default defineReporter({
  name: 'json',
  extension: 'json',
  description: 'the results model (schemas/results.schema.json), for `statuslint report` and other tools',
  render: (results) => `${JSON.stringify(results, null, 2)}\n`,
});
