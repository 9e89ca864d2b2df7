import type { ProbeDefinition } from '../probe.js';
import apiserviceAvailable from './apiservice-available.js';
import bodyTooLarge from './body-too-large.js';
import createExisting from './create-existing.js';
import createInvalidName from './create-invalid-name.js';
import createMalformedJson from './create-malformed-json.js';
import createWrongContentType from './create-wrong-content-type.js';
import forbidden from './forbidden.js';
import getMissing from './get-missing.js';
import getNotAcceptable from './get-not-acceptable.js';
import invalidDryrunValue from './invalid-dryrun-value.js';
import listBadContinue from './list-bad-continue.js';
import methodNotAllowed from './method-not-allowed.js';
import patchUnsupportedPatchType from './patch-unsupported-patch-type.js';
import timeout from './timeout.js';
import unauthenticated from './unauthenticated.js';
import unknownGroup from './unknown-group.js';
import updateStaleResourceversion from './update-stale-resourceversion.js';
import watchTooOldResourceversion from './watch-too-old-resourceversion.js';

/** Every probe, in the order results list them. */
export const PROBES: readonly ProbeDefinition[] = [
  getMissing,
  createExisting,
  updateStaleResourceversion,
  createInvalidName,
  createMalformedJson,
  createWrongContentType,
  patchUnsupportedPatchType,
  getNotAcceptable,
  methodNotAllowed,
  watchTooOldResourceversion,
  listBadContinue,
  unauthenticated,
  forbidden,
  bodyTooLarge,
  invalidDryrunValue,
  unknownGroup,
  apiserviceAvailable,
  timeout,
];
