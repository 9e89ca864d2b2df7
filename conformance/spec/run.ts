import type { Profile } from '../../schemas/types.js';
import { type ResultItem, type Results, resultsHeader } from '../results.js';
import { documentContext, runSpecCheck, type SpecCheck } from './check.js';
import { DOCUMENT_CHECKS, OPERATION_CHECKS } from './checks/index.js';
import type { SpecDocument } from './document.js';
import type { TextPositions } from './positions.js';

/**
 * A result item of `statuslint spec`: one operation (its location is the operation's JSON pointer,
 * its findings' pointers point into the same document) or the document as a whole.
 */
export interface SpecResultItem extends ResultItem {
  /** The document the item's pointers point into: a file path, a URL, or a path on the target. */
  document: string;
}

export interface DocumentLabel {
  /** The group-version the whole document describes (a Kubernetes `/openapi/v3/<group-version>`). */
  groupVersion?: string;
  /** Group-versions served by aggregated API servers, to mark their operations. */
  aggregatedGroupVersions?: ReadonlySet<string>;
  /** Added to each operation's title where several documents describe the same paths: ` (OpenAPI v2)`. */
  titleSuffix?: string;
}

/** `v1` for `/api/v1/…`, `apps/v1` for `/apis/apps/v1/…`: the Kubernetes group-version a path belongs to. */
export function groupVersionOfPath(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  const literal = (s: string | undefined): s is string => s !== undefined && !s.includes('{');
  if (segments[0] === 'api' && literal(segments[1])) return segments[1];
  if (segments[0] === 'apis' && literal(segments[1]) && literal(segments[2])) return `${segments[1]}/${segments[2]}`;
  return undefined;
}

export interface CheckDocumentOptions {
  profile: Profile;
  /** The checks to run (default: all). */
  checks?: readonly SpecCheck[];
  label?: DocumentLabel;
}

/** Judge one document: an item for the document's own checks, then one per operation. Pure. */
export function checkDocument(document: SpecDocument, options: CheckDocumentOptions): SpecResultItem[] {
  const { profile, label = {} } = options;
  const selected = (list: readonly SpecCheck[]): readonly SpecCheck[] => (options.checks ? list.filter((c) => options.checks!.includes(c)) : list);
  const context = documentContext(document, profile);
  const mark = (groupVersion: string | undefined): Partial<ResultItem> =>
    groupVersion === undefined
      ? {}
      : { groupVersion, ...(label.aggregatedGroupVersions ? { aggregated: label.aggregatedGroupVersions.has(groupVersion) } : {}) };
  const items: SpecResultItem[] = [
    {
      id: `${document.source}#`,
      title: `OpenAPI ${document.version} document`,
      location: document.source,
      document: document.source,
      ...mark(label.groupVersion),
      checks: selected(DOCUMENT_CHECKS).map((check) => runSpecCheck(check, context)),
    },
  ];
  const operationChecks = selected(OPERATION_CHECKS);
  for (const operation of document.operations()) {
    const operationContext = { ...context, operation };
    items.push({
      id: `${document.source}#${operation.pointer}`,
      title: `${operation.title}${label.titleSuffix ?? ''}`,
      location: operation.pointer,
      document: document.source,
      ...mark(label.groupVersion ?? groupVersionOfPath(operation.path)),
      checks: operationChecks.map((check) => runSpecCheck(check, operationContext)),
    });
  }
  if (document.positions) for (const item of items) locateFindings(item, document.positions);
  return items;
}

/** Each finding with the line and column its pointer is written at. */
function locateFindings(item: ResultItem, positions: TextPositions): void {
  for (const result of item.checks ?? []) {
    if (result.outcome !== 'fail') continue;
    result.findings = result.findings.map((finding) => {
      const at = positions.of(finding.pointer);
      return at ? { ...finding, line: at.line, column: at.column } : finding;
    });
  }
}

export interface SpecResultsInput {
  profile: Profile;
  target: NonNullable<Results['target']>;
  startedAt: Date;
  items: ResultItem[];
}

export function specResults({ profile, target, startedAt, items }: SpecResultsInput): Results {
  return {
    ...resultsHeader('spec', profile.name, startedAt),
    target,
    items,
  };
}
