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

/**
 * What k8s.io/apiserver's handlers answer the probes run once per group-version that judge server-side
 * apply, delete options, methods and media types: the conventions, except that no 405 carries `Allow`.
 */
export const APISERVER_GROUP_VERSION_OUTCOMES: Readonly<Record<string, Outcome>> = {
  'apply-conflict': [409, []],
  'delete-precondition-uid': [409, []],
  'delete-precondition-resourceversion': [409, []],
  'delete-bad-propagation-policy': [422, []],
  'delete-bogus-dryrun': [422, []],
  'put-to-collection': [405, ['allow-header']],
  'get-unsupported-table-version': [406, []],
  // In protobuf where the resource has it, in JSON where it does not: 200 either way.
  'get-protobuf-fallback': [200, []],
  'patch-not-a-patch-type': [415, []],
  'update-unknown-content-type': [415, []],
  'list-malformed-field-selector': [400, []],
};
