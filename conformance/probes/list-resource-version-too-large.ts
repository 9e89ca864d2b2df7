import { resourcePath } from '../discovery.js';
import { defineProbe, hasVerbs } from '../probe.js';

/** A resourceVersion no cluster reaches in a test run; the server waits a few seconds for it, then gives up. */
export const FUTURE_RESOURCE_VERSION = '999999999999';

export default defineProbe({
  id: 'list-resource-version-too-large',
  title: 'List at a resourceVersion from the future',
  description:
    'GET the collection with `?resourceVersion=999999999999&resourceVersionMatch=NotOlderThan`: after waiting (about 3 s on kube-apiserver) the server answers `504 Timeout` with a `ResourceVersionTooLarge` cause and `retryAfterSeconds`, which tells a client whose watch cache lags to retry, not to re-list from scratch. A `200` from a server whose lists carry no `resourceVersion` (metrics) is listed as not judged.',
  scope: 'group-version',
  safety: 'read',
  needs: ['sample'],
  appliesTo: (resource, { firstPage }) => {
    const listed = hasVerbs(resource, 'list');
    if (listed !== true) return listed;
    // Once per group-version: on a resource whose lists are versioned, where one is.
    return firstPage?.versioned === false ? 'its lists carry no `metadata.resourceVersion`: there is no version to wait for' : true;
  },
  request: ({ resource, namespace }) => ({ method: 'GET', path: `${resourcePath(resource!, namespace)}?resourceVersion=${FUTURE_RESOURCE_VERSION}&resourceVersionMatch=NotOlderThan` }),
  expect: () => ({ status: 504, reason: 'Timeout', causes: [{ reason: 'ResourceVersionTooLarge' }] }),
  judgedWhen: ({ status }, { versioned }) =>
    status !== 200 || versioned === true ? true : 'the server answered 200 and gives its lists no `metadata.resourceVersion`: it serves no versions to wait for',
});
