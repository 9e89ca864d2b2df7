import { defineReporter } from './reporter.js';

export default defineReporter({
  name: 'json',
  extension: 'json',
  render: (results) => `${JSON.stringify(results, null, 2)}\n`,
});
