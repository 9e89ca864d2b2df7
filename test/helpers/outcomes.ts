import { findingsOfItem, type ResultItem } from '../../conformance/results.js';

export type Outcome = [number | undefined, string[]];

/** A response's status and the ids of its failing checks. */
export const outcomeOf = (item: ResultItem | undefined): Outcome => [
  item?.response?.status,
  [...new Set(item ? findingsOfItem(item).map((f) => f.checkId) : [])].sort(),
];

/**
 * What k8s.io/apiserver's handlers answer each resource probe with: the conventions, except that
 * no 405 carries an `Allow` header. Tests start from this and state each difference.
 */
export const APISERVER_OUTCOMES: Readonly<Record<string, Outcome>> = {
  'get-missing': [404, []],
  'create-existing': [409, []],
  'update-stale-resourceversion': [409, []],
  'create-invalid-name': [422, []],
  'create-malformed-json': [400, []],
  'create-wrong-content-type': [415, []],
  'patch-unsupported-patch-type': [415, []],
  'get-not-acceptable': [406, []],
  'method-not-allowed': [405, ['allow-header']],
  'watch-too-old-resourceversion': [200, []],
  'list-bad-continue': [400, []],
  'list-bad-label-selector': [400, []],
  'list-bad-field-selector': [400, []],
  forbidden: [403, []],
};
