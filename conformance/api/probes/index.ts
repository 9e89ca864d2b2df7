import type { ApiProbeDefinition } from '../probe.js';
import bodyTooLarge from './body-too-large.js';
import createExisting from './create-existing.js';
import malformedJson from './malformed-json.js';
import methodNotAllowed from './method-not-allowed.js';
import missingField from './missing-field.js';
import missingPathParam from './missing-path-param.js';
import missingQueryParam from './missing-query-param.js';
import noCredentials from './no-credentials.js';
import unknownId from './unknown-id.js';
import useAfterDelete from './use-after-delete.js';
import validRead from './valid-read.js';
import wrongContentType from './wrong-content-type.js';

/** Every probe of a generic HTTP API, in the order results list them. */
export const API_PROBES: readonly ApiProbeDefinition[] = [
  validRead,
  unknownId,
  createExisting,
  useAfterDelete,
  malformedJson,
  missingField,
  wrongContentType,
  methodNotAllowed,
  missingQueryParam,
  missingPathParam,
  bodyTooLarge,
  noCredentials,
];
