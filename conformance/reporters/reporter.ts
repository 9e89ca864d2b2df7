import type { Results } from '../results.js';

export interface ReporterOptions {
  /** Colour escapes allowed (a TTY without NO_COLOR). */
  color: boolean;
}

export interface Reporter {
  name: string;
  /** File extension for `-o` defaults. */
  extension: string;
  render(results: Results, options: ReporterOptions): string;
}

export const defineReporter = (reporter: Reporter): Reporter => Object.freeze(reporter);
