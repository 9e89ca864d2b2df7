import type { ProbeDefinition } from '../probe.js';
import apiserviceAvailable from './apiservice-available.js';
import bodyTooLarge from './body-too-large.js';
import createBogusFieldValidation from './create-bogus-field-validation.js';
import createDuplicateField from './create-duplicate-field.js';
import createExisting from './create-existing.js';
import createInvalidName from './create-invalid-name.js';
import createMalformedJson from './create-malformed-json.js';
import createNotServed from './create-not-served.js';
import createUnknownField from './create-unknown-field.js';
import createWrongContentType from './create-wrong-content-type.js';
import forbidden from './forbidden.js';
import getMissing from './get-missing.js';
import getNotAcceptable from './get-not-acceptable.js';
import groupVersionDiscovery from './group-version-discovery.js';
import invalidDryrunValue from './invalid-dryrun-value.js';
import listBadContinue from './list-bad-continue.js';
import listBadFieldSelector from './list-bad-field-selector.js';
import listBadLabelSelector from './list-bad-label-selector.js';
import listBadResourceVersionMatch from './list-bad-resource-version-match.js';
import listResourceVersionTooLarge from './list-resource-version-too-large.js';
import methodNotAllowed from './method-not-allowed.js';
import patchUnsupportedPatchType from './patch-unsupported-patch-type.js';
import postToObject from './post-to-object.js';
import timeout from './timeout.js';
import unauthenticated from './unauthenticated.js';
import unknownGroup from './unknown-group.js';
import unknownResource from './unknown-resource.js';
import updateStaleResourceversion from './update-stale-resourceversion.js';
import watchNotServed from './watch-not-served.js';
import watchTooOldResourceversion from './watch-too-old-resourceversion.js';

/** Every probe, in the order results list them. */
export const PROBES: readonly ProbeDefinition[] = [
  groupVersionDiscovery,
  getMissing,
  createExisting,
  updateStaleResourceversion,
  createInvalidName,
  createMalformedJson,
  createWrongContentType,
  createUnknownField,
  createDuplicateField,
  createBogusFieldValidation,
  patchUnsupportedPatchType,
  getNotAcceptable,
  methodNotAllowed,
  createNotServed,
  postToObject,
  watchTooOldResourceversion,
  watchNotServed,
  listBadContinue,
  listBadLabelSelector,
  listBadFieldSelector,
  listBadResourceVersionMatch,
  listResourceVersionTooLarge,
  unauthenticated,
  forbidden,
  bodyTooLarge,
  invalidDryrunValue,
  unknownGroup,
  unknownResource,
  apiserviceAvailable,
  timeout,
];
