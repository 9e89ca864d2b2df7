import { redactItem, redactResults, type ResultItem, type Results } from '../results.js';
import { digestOf, isDigested, withDigest } from '../run-digest.js';

export interface ReporterOptions {
  /** Colour escapes allowed (a TTY without NO_COLOR). */
  color: boolean;
  /** Every response listed on its own, where a format would show a finding shared by several once (stylish). */
  verbose?: boolean;
  /** sarif: the absolute folder file locations are written relative to (`%SRCROOT%`); the working directory when absent. */
  sarifRoot?: string;
}

/**
 * Where a section of a report opens: what follows is held (by the writer, in a temporary file when it
 * is large) until the section's end, whose `head` is written first. A format whose opening tag counts
 * what it holds (JUnit's `tests="…"`, SARIF's rules before its results) is written as the responses
 * arrive this way, in bounded memory, and reads exactly as if it had been written in order.
 */
export const SECTION_START = Symbol('section start');

export interface SectionEnd {
  /** Text that goes where the section opened, before what it holds. */
  head: string;
}

/**
 * Text a format keeps for its end instead of writing it now (stylish renders each response as it
 * arrives, and lists it once it knows which findings several responses share): the writer keeps it,
 * in a temporary file when large, and gives it back to `end` in order.
 */
export interface Kept {
  keep: string;
}

/** A piece of a report: text, a section's start or end, or text kept for the end. */
export type Piece = string | typeof SECTION_START | SectionEnd | Kept;

/**
 * A report written as a run's responses arrive: `start` before any, `item` for each in turn, `end`
 * when the run is over. Pure: the same pieces in, the same text out, with no I/O.
 */
export interface ReportStream {
  start(): Iterable<Piece>;
  item(item: ResultItem): Iterable<Piece>;
  /**
   * `run`: the finished model. Its summaries cover every response (a streamed run carries the digest
   * of them all); its `items` may hold only some, as examples. `kept`: the text `item` kept, in order.
   */
  end(run: Results, kept: Iterable<string>): Iterable<Piece>;
}

export interface Reporter {
  name: string;
  /** File extension for `-o` defaults. */
  extension: string;
  /** What the format is for, in a few words (CLI help, docs). */
  description: string;
  /** Its report as the responses arrive, from the run's head (the model before any response: no items, no end time). */
  open(head: Results, options: ReporterOptions): ReportStream;
  /** Pure: the same model and options give the same text, with no I/O. */
  render(results: Results, options: ReporterOptions): string;
  /** The pieces of a run held whole, through the same stream: `render` joins them. */
  pieces(results: Results, options: ReporterOptions): Iterable<Piece>;
}

/** A run's responses, in the order a format lists them, when it lists them grouped (JUnit's suites). */
type Ordering = (items: readonly ResultItem[]) => readonly ResultItem[];

function* piecesOf(stream: ReportStream, results: Results, ordering: Ordering | undefined): Generator<Piece> {
  yield* stream.start();
  const kept: string[] = [];
  for (const item of ordering ? ordering(results.items) : results.items) {
    for (const piece of stream.item(item)) {
      if (isKept(piece)) kept.push(piece.keep);
      else yield piece;
    }
  }
  yield* stream.end(results, kept);
}

export const isKept = (piece: Piece): piece is Kept => typeof piece === 'object' && 'keep' in piece;

/** Sections resolved in memory: a report's text from its pieces. */
export function* resolvedText(pieces: Iterable<Piece>): Generator<string> {
  const held: string[][] = [];
  for (const piece of pieces) {
    if (piece === SECTION_START) held.push([]);
    else if (typeof piece === 'string') {
      if (held.length > 0) held.at(-1)!.push(piece);
      else yield piece;
    } else if (isKept(piece)) {
      throw new Error('text kept for the end is given back to the stream, never written');
    } else {
      const body = held.pop()!;
      const text = piece.head + body.join('');
      if (held.length > 0) held.at(-1)!.push(text);
      else yield text;
    }
  }
}

interface ReporterDefinition {
  name: string;
  extension: string;
  description: string;
  open(head: Results, options: ReporterOptions): ReportStream;
  /** The order a run held whole is fed in (JUnit groups by suite); as it came when absent. */
  ordering?: Ordering;
}

/** The head of a run, as a stream starts from: the model without its items. */
const headOf = (results: Results): Results => ({ ...results, items: [] });

/** Every reporter renders the redacted model and redacted responses, so no format can leak a credential a model holds. */
export function defineReporter(definition: ReporterDefinition): Reporter {
  const open = (head: Results, options: ReporterOptions): ReportStream => {
    const stream = definition.open(redactResults(head), options);
    return {
      start: () => stream.start(),
      // Each response comes once; one with nothing to redact is its own redacted form.
      item: (item) => stream.item(redactItem(item)),
      end: (run, kept) => stream.end(redactedRun(run), kept),
    };
  };
  const pieces = (results: Results, options: ReporterOptions): Iterable<Piece> => {
    const redacted = redactResults(results);
    return piecesOf(definition.open(headOf(redacted), options), redacted, definition.ordering);
  };
  return Object.freeze({
    name: definition.name,
    extension: definition.extension,
    description: definition.description,
    open,
    pieces,
    render: (results: Results, options: ReporterOptions) => [...resolvedText(pieces(results, options))].join(''),
  });
}

/**
 * A finished run, redacted. A streamed run's digest and examples were made of responses its driver
 * redacted as they were judged (`redactItem`), so that what the summaries show is redacted too: only
 * the head is redacted here, and the digest kept.
 */
function redactedRun(run: Results): Results {
  if (!isDigested(run)) return redactResults(run);
  return withDigest({ ...redactResults({ ...run, items: [] }), items: run.items }, digestOf(run));
}
