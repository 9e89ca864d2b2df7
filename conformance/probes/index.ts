import type { ProbeDefinition } from '../probe.js';
import apiserviceAvailable from './apiservice-available.js';
import applyConflict from './apply-conflict.js';
import bodyTooLarge from './body-too-large.js';
import createBogusFieldValidation from './create-bogus-field-validation.js';
import createDuplicateField from './create-duplicate-field.js';
import createExisting from './create-existing.js';
import createInvalidName from './create-invalid-name.js';
import createMalformedJson from './create-malformed-json.js';
import createNotServed from './create-not-served.js';
import createUnknownField from './create-unknown-field.js';
import createWrongContentType from './create-wrong-content-type.js';
import deleteBadPropagationPolicy from './delete-bad-propagation-policy.js';
import deleteBogusDryrun from './delete-bogus-dryrun.js';
import deleteNotServed from './delete-not-served.js';
import deletePreconditionResourceversion from './delete-precondition-resourceversion.js';
import deletePreconditionUid from './delete-precondition-uid.js';
import forbidden from './forbidden.js';
import getMissing from './get-missing.js';
import getNotAcceptable from './get-not-acceptable.js';
import getProtobufFallback from './get-protobuf-fallback.js';
import getProtobufNotServed from './get-protobuf-not-served.js';
import getUnsupportedTableVersion from './get-unsupported-table-version.js';
import groupVersionDiscovery from './group-version-discovery.js';
import invalidDryrunValue from './invalid-dryrun-value.js';
import listBadContinue from './list-bad-continue.js';
import listBadFieldSelector from './list-bad-field-selector.js';
import listBadLabelSelector from './list-bad-label-selector.js';
import listBadResourceVersionMatch from './list-bad-resource-version-match.js';
import listMalformedFieldSelector from './list-malformed-field-selector.js';
import listResourceVersionTooLarge from './list-resource-version-too-large.js';
import methodNotAllowed from './method-not-allowed.js';
import patchNotAPatchType from './patch-not-a-patch-type.js';
import patchUnsupportedPatchType from './patch-unsupported-patch-type.js';
import postToObject from './post-to-object.js';
import putToCollection from './put-to-collection.js';
import timeout from './timeout.js';
import unauthenticated from './unauthenticated.js';
import unknownGroup from './unknown-group.js';
import unknownResource from './unknown-resource.js';
import updateStaleResourceversion from './update-stale-resourceversion.js';
import updateUnknownContentType from './update-unknown-content-type.js';
import watchNotServed from './watch-not-served.js';
import watchTooOldResourceversion from './watch-too-old-resourceversion.js';

/** Every probe, in the order results list them. */
export const PROBES: readonly ProbeDefinition[] = [
  groupVersionDiscovery,
  getMissing,
  createExisting,
  updateStaleResourceversion,
  applyConflict,
  deletePreconditionUid,
  deletePreconditionResourceversion,
  deleteBadPropagationPolicy,
  deleteBogusDryrun,
  createInvalidName,
  createMalformedJson,
  createWrongContentType,
  updateUnknownContentType,
  createUnknownField,
  createDuplicateField,
  createBogusFieldValidation,
  patchUnsupportedPatchType,
  patchNotAPatchType,
  getNotAcceptable,
  getUnsupportedTableVersion,
  getProtobufNotServed,
  getProtobufFallback,
  methodNotAllowed,
  createNotServed,
  postToObject,
  putToCollection,
  deleteNotServed,
  watchTooOldResourceversion,
  watchNotServed,
  listBadContinue,
  listBadLabelSelector,
  listBadFieldSelector,
  listMalformedFieldSelector,
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
