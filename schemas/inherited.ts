/**
 * Inherited waiver sets, shipped with the catalog (`schemas/catalog/inherited/`): findings every server
 * built on a framework shares, which its authors cannot fix in their own code. A config selects one
 * with `inherit: k8s.io/apiserver`; the findings it covers are reported apart, labelled with the set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WaiverDocument } from './config-schema.js';
import { catalogDir } from './paths.js';

/** The sets there are, by the name a config uses. */
export const INHERITED_SETS = ['k8s.io/apiserver'] as const;
export type InheritedSetName = (typeof INHERITED_SETS)[number];

export interface InheritedSet {
  name: InheritedSetName;
  /** The minor version the set was derived from, e.g. `v1.37`. */
  version: string;
  description: string;
  /** The real servers whose runs the set was derived from. */
  derivedFrom: string[];
  /** Every entry is named, so that reports and tests can tell which one matched. */
  waivers: Array<WaiverDocument & { name: string }>;
}

const FILES: Readonly<Record<InheritedSetName, string>> = { 'k8s.io/apiserver': 'k8s.io-apiserver.json' };

const loaded = new Map<InheritedSetName, InheritedSet>();

export const isInheritedSetName = (name: string): name is InheritedSetName => (INHERITED_SETS as readonly string[]).includes(name);

export function inheritedSet(name: InheritedSetName): InheritedSet {
  let set = loaded.get(name);
  if (!set) {
    set = JSON.parse(readFileSync(join(catalogDir(), 'inherited', FILES[name]), 'utf8')) as InheritedSet;
    loaded.set(name, set);
  }
  return set;
}

/** How reports name where the findings come from: `k8s.io/apiserver v1.37`. */
export const inheritedLabel = (set: InheritedSet): string => `${set.name} ${set.version}`;
