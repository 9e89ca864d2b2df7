/**
 * The pages of one kind of unit (checks, probes, spec checks…): a README that lists them and a page
 * per unit, all laid out alike: title, a one-row table of facts, the description, then the unit's
 * example as it really runs.
 */
import { table } from './markdown.js';
import type { Block, GeneratedPage } from './page.js';

export interface DocUnit {
  /** Also the page's file name. */
  id: string;
  title: string;
  description: string;
}

export interface UnitKind<Unit extends DocUnit> {
  /** The pages go to `docs/<folder>/`. */
  folder: string;
  /** What the pages are generated from, for their notice. */
  from: string;
  units: readonly Unit[];
  /** The README's blocks after its notice. */
  index(): Block[];
  /** Heading → value, shown as the table under the title. */
  facts(unit: Unit): Record<string, string>;
  /** What follows the description. */
  sections(unit: Unit): Block[];
}

function unitPage<Unit extends DocUnit>(kind: UnitKind<Unit>, unit: Unit): GeneratedPage {
  const facts = kind.facts(unit);
  return {
    path: `docs/${kind.folder}/${unit.id}.md`,
    from: kind.from,
    blocks: [`# \`${unit.id}\`: ${unit.title}`, table(Object.keys(facts), [Object.values(facts)]), unit.description, ...kind.sections(unit)],
  };
}

export function unitPages<Unit extends DocUnit>(kind: UnitKind<Unit>): GeneratedPage[] {
  return [{ path: `docs/${kind.folder}/README.md`, from: kind.from, blocks: kind.index() }, ...kind.units.map((unit) => unitPage(kind, unit))];
}

/** The `Body kinds` fact of a check: the profiles' body kinds it understands. */
export const bodyKindsFact = (bodyKinds: readonly string[] | undefined): string => (bodyKinds ? bodyKinds.map((k) => `\`${k}\``).join(', ') : 'all');

/** The `Default` fact of a probe: on, or how to run it when it is optional. */
export const defaultFact = (probe: { id: string; optional?: boolean }): string => (probe.optional ? `optional: \`--probe ${probe.id}\`` : 'on');
