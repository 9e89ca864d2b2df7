import { objectSchemaOf, schemaAtField } from './body-fields.js';
import { SCHEMA_BASE } from './profile-schema.js';
import type { CatalogEntry, Profile } from './types.js';

type Schema = Record<string, unknown>;
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** Reasons that pair with exactly one code. The empty reason is left out: apimachinery sends it with any code and clients fall back to the code. */
function pairedEntries(entries: CatalogEntry[], appearsIn: CatalogEntry['appearsIn']): CatalogEntry[] {
  return entries.filter((e) => e.appearsIn === appearsIn && e.httpStatus !== null && e.code !== '');
}

/** A value from this list; JSON Schema forbids an empty `enum`, and `false` says the same: no value is known. */
const knownValues = (codes: string[]): Schema | false => (codes.length > 0 ? { enum: codes } : false);

/** `allOf` with these branches, or nothing: JSON Schema forbids an empty `allOf`, and a profile may have no codes. */
const allOf = (branches: Schema[]): Schema => (branches.length > 0 ? { allOf: branches } : {});

/** `if <field> is CODE then <statusPath> is HTTP`, one branch per code, for the pairing a plain enum cannot say. */
function pairing(entries: CatalogEntry[], codeField: string, statusField: string, guard?: Schema): Schema {
  return {
    ...allOf(entries.map((e) => ({
      if: {
        required: [codeField, ...(guard ? Object.keys(guard) : [])],
        properties: { [codeField]: { const: e.code }, ...guard },
      },
      then: { properties: { [statusField]: { const: e.httpStatus } } },
    }))),
  };
}

function kubernetesStatusSchema(profile: Profile): Schema {
  const reasons = profile.entries.filter((e) => e.appearsIn === 'status-reason').map((e) => e.code);
  const causes = profile.entries.filter((e) => e.appearsIn === 'status-cause-reason').map((e) => e.code);
  const paired = pairedEntries(profile.entries, 'status-reason');
  return {
    $schema: DRAFT,
    $id: `${SCHEMA_BASE}${profile.name}.schema.json`,
    title: 'Kubernetes Status',
    description:
      'A Kubernetes `Status` (k8s.io/apimachinery/pkg/apis/meta/v1) with reasons and cause reasons from the catalog and the reason↔code pairing. `#/$defs/Structure` is the shape alone.',
    // `status` is required here, not in Structure: the `status-matches-http-class` check reports it missing.
    required: ['status'],
    allOf: [{ $ref: '#/$defs/Structure' }, { $ref: '#/$defs/KnownCodes' }, { $ref: '#/$defs/ReasonCodePairing' }],
    $defs: {
      Structure: {
        type: 'object',
        required: ['kind', 'apiVersion'],
        properties: {
          kind: { const: 'Status' },
          apiVersion: { const: 'v1' },
          metadata: { $ref: '#/$defs/ListMeta' },
          status: { enum: ['Success', 'Failure'] },
          message: { type: 'string' },
          reason: { type: 'string' },
          details: { $ref: '#/$defs/StatusDetails' },
          code: { type: 'integer', minimum: 100, maximum: 599 },
        },
        if: { required: ['status'], properties: { status: { const: 'Failure' } } },
        then: { required: ['code'] },
      },
      ListMeta: {
        type: 'object',
        properties: {
          selfLink: { type: 'string' },
          resourceVersion: { type: 'string' },
          continue: { type: 'string' },
          remainingItemCount: { type: 'integer', minimum: 0 },
        },
      },
      StatusDetails: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          group: { type: 'string' },
          kind: { type: 'string' },
          uid: { type: 'string' },
          causes: { type: 'array', items: { $ref: '#/$defs/StatusCause' } },
          retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 2147483647 },
        },
      },
      StatusCause: {
        type: 'object',
        description: 'The Go field `Type` is serialised as JSON `reason`.',
        properties: { reason: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
      },
      KnownCodes: {
        properties: {
          reason: knownValues(reasons),
          details: { properties: { causes: { items: { properties: { reason: knownValues(causes) } } } } },
        },
      },
      ReasonCodePairing: pairing(paired, 'reason', 'code', { status: { const: 'Failure' } }),
      /** An HTTP exchange whose status must agree with the body's reason. */
      Response: {
        type: 'object',
        required: ['status', 'body'],
        properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, body: { $ref: '#' } },
        ...allOf(paired.map((e) => ({
          if: { required: ['body'], properties: { body: { required: ['reason'], properties: { reason: { const: e.code } } } } },
          then: { properties: { status: { const: e.httpStatus } } },
        }))),
      },
    },
  };
}

/** The message member's schema: a string, or also a non-empty list of messages where the profile says so. */
function messageSchema(list: { itemField?: string } | undefined): Schema {
  if (!list) return { type: 'string' };
  const item = list.itemField === undefined ? { type: 'string' } : objectSchemaOf([{ field: list.itemField, schema: { type: 'string' }, required: true }]);
  return { anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, items: item }] };
}

/** `if the code field is CODE then the status is HTTP`, one branch per code: the pairing a plain enum cannot say. */
function fieldPairing(entries: CatalogEntry[], codeField: string, statusAt: (status: number) => Schema): Schema {
  return allOf(entries.map((e) => ({ if: schemaAtField(codeField, { const: e.code }, true), then: statusAt(e.httpStatus!) })));
}

function envelopeSchema(profile: Profile): Schema {
  if (profile.body.kind !== 'envelope') throw new Error('not an envelope profile');
  const shape = profile.body;
  const { codeField, statusField } = shape;
  const codes = profile.entries.filter((e) => e.appearsIn === 'envelope-error');
  // One field may play two parts (`codeField` and `messageField` both `error`): the later schema's keywords win.
  const structure = objectSchemaOf([
    ...(codeField !== undefined ? [{ field: codeField, schema: { type: 'string', minLength: 1 }, required: shape.codeRequired !== false }] : []),
    { field: shape.messageField, schema: messageSchema(shape.messageList), required: true },
    ...(shape.requestIdField ? [{ field: shape.requestIdField, schema: { type: 'string', minLength: 1 }, required: shape.requestIdRequired === true }] : []),
    ...(shape.documentationField ? [{ field: shape.documentationField, schema: { type: 'string', minLength: 1 }, required: shape.documentationRequired === true }] : []),
    ...(statusField ? [{ field: statusField, schema: { type: 'integer', minimum: 100, maximum: 599 }, required: shape.statusRequired === true }] : []),
  ]);
  const paired = codeField !== undefined ? pairedEntries(codes, 'envelope-error') : [];
  const withStatusField = statusField && paired.length > 0 ? [{ $ref: '#/$defs/StatusFieldPairing' }] : [];
  return {
    $schema: DRAFT,
    $id: `${SCHEMA_BASE}${profile.name}.schema.json`,
    title: profile.title,
    description: `${profile.description} \`#/$defs/Structure\` is the shape alone; \`#/$defs/Response\` pairs each code with its HTTP status.`,
    allOf: [{ $ref: '#/$defs/Structure' }, ...(codeField !== undefined ? [{ $ref: '#/$defs/KnownCodes' }] : []), ...withStatusField],
    $defs: {
      Structure: structure,
      ...(codeField !== undefined ? { KnownCodes: schemaAtField(codeField, knownValues(codes.map((e) => e.code))) } : {}),
      ...(withStatusField.length > 0 ? { StatusFieldPairing: fieldPairing(paired, codeField!, (status) => schemaAtField(statusField!, { const: status })) } : {}),
      Response: {
        type: 'object',
        required: ['status', 'body'],
        properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, body: { $ref: '#' } },
        ...(codeField !== undefined
          ? allOf(paired.map((e) => ({
              if: { required: ['body'], properties: { body: schemaAtField(codeField, { const: e.code }, true) } },
              then: { properties: { status: { const: e.httpStatus } } },
            })))
          : {}),
      },
    },
  };
}

function problemSchema(profile: Profile): Schema {
  return {
    $schema: DRAFT,
    $id: `${SCHEMA_BASE}${profile.name}.schema.json`,
    title: profile.title,
    description: `${profile.description} RFC 9457 makes every member optional; statuslint expects \`status\` and \`title\`.`,
    allOf: [{ $ref: '#/$defs/Structure' }],
    $defs: {
      Structure: {
        type: 'object',
        required: ['status', 'title'],
        properties: {
          type: { type: 'string', format: 'uri-reference', default: 'about:blank' },
          title: { type: 'string' },
          status: { type: 'integer', minimum: 100, maximum: 599 },
          detail: { type: 'string' },
          instance: { type: 'string', format: 'uri-reference' },
        },
      },
      Response: {
        type: 'object',
        required: ['status', 'body'],
        properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, body: { $ref: '#' } },
      },
    },
  };
}

/** The error-body schema of a profile: generated for the built-ins, built the same way at run time for users' profiles. */
export function bodySchemaFor(profile: Profile): Schema | undefined {
  switch (profile.body.kind) {
    case 'kubernetes-status':
      return kubernetesStatusSchema(profile);
    case 'envelope':
      return envelopeSchema(profile);
    case 'problem':
      return problemSchema(profile);
    case 'none':
      return undefined;
  }
}

/** A watch event; an `ERROR` event carries a `Status` as its object. */
export function watchEventSchema(statusSchemaId: string): Schema {
  return {
    $schema: DRAFT,
    $id: `${SCHEMA_BASE}kubernetes-watch-event.schema.json`,
    title: 'Kubernetes watch event',
    description: 'One event of a watch stream (`?watch=true`). An `ERROR` event carries a `Status`, e.g. `410 Expired` when the resourceVersion is too old.',
    type: 'object',
    required: ['type', 'object'],
    properties: {
      type: { enum: ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'] },
      object: { type: 'object' },
    },
    if: { properties: { type: { const: 'ERROR' } } },
    then: { properties: { object: { $ref: `${statusSchemaId}#/$defs/Structure` } } },
  };
}
