import { redactResults, type Results } from '../results.js';

export interface ReporterOptions {
  /** Colour escapes allowed (a TTY without NO_COLOR). */
  color: boolean;
}

export interface Reporter {
  name: string;
  /** File extension for `-o` defaults. */
  extension: string;
  /** What the format is for, in a few words (CLI help, docs). */
  description: string;
  /** Pure: the same model and options give the same text, with no I/O. */
  render(results: Results, options: ReporterOptions): string;
}

/** Every reporter renders the redacted model, so no format can leak a credential a model holds. */
export const defineReporter = (reporter: Reporter): Reporter =>
  Object.freeze({ ...reporter, render: (results: Results, options: ReporterOptions) => reporter.render(redactResults(results), options) });
