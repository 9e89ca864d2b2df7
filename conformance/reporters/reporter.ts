import { redactResults, type Results } from '../results.js';

export interface ReporterOptions {
  /** Colour escapes allowed (a TTY without NO_COLOR). */
  color: boolean;
  /** Every response listed on its own, where a format would show a finding shared by several once (stylish). */
  verbose?: boolean;
  /** sarif: the absolute folder file locations are written relative to (`%SRCROOT%`); the working directory when absent. */
  sarifRoot?: string;
}

export interface Reporter {
  name: string;
  /** File extension for `-o` defaults. */
  extension: string;
  /** What the format is for, in a few words (CLI help, docs). */
  description: string;
  /** Pure: the same model and options give the same text, with no I/O. */
  render(results: Results, options: ReporterOptions): string;
  /** The text `render` gives, in pieces: a report too large for one string (V8 stops at 512 MiB) is written piece by piece. */
  chunks(results: Results, options: ReporterOptions): Iterable<string>;
}

/** A reporter that makes its text in pieces; `render` joins them. */
export const fromChunks = (reporter: Omit<Reporter, 'render'>): Reporter => ({
  ...reporter,
  render: (results, options) => {
    let text = '';
    for (const chunk of reporter.chunks(results, options)) text += chunk;
    return text;
  },
});

/** Every reporter renders the redacted model, so no format can leak a credential a model holds. */
export const defineReporter = (reporter: Reporter): Reporter =>
  Object.freeze({
    ...reporter,
    render: (results: Results, options: ReporterOptions) => reporter.render(redactResults(results), options),
    chunks: (results: Results, options: ReporterOptions) => reporter.chunks(redactResults(results), options),
  });
