/** The few Markdown constructs generated pages are made of. */

/** Text made safe for a table cell: a `|` would end the cell, a newline the row. */
export const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A table; cells are written as given (see `cell`). */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), `|${head.map(() => '---|').join('')}`, ...rows.map(line)].join('\n');
}

/** A fenced code block. */
export const fence = (language: string, lines: readonly string[]): string => ['```' + language, ...lines, '```'].join('\n');

/** A unit's id linked to its page in the same folder, as every index lists them. */
export const unitLink = (unit: { id: string; optional?: boolean }): string => `[\`${unit.id}\`](${unit.id}.md)${unit.optional ? ' (optional)' : ''}`;
