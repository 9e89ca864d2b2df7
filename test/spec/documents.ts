/**
 * Small hand-made OpenAPI documents, written once and spelled in Swagger 2.0, OpenAPI 3.0 or 3.1,
 * so that every spec check is tested on all three.
 */
import type { CheckResult } from '../../conformance/check.js';
import { documentContext, runSpecCheck, type SpecCheck } from '../../conformance/spec/check.js';
import { specDocumentOf } from '../../conformance/spec/load.js';
import type { SpecDocument } from '../../conformance/spec/document.js';
import { resolveProfile } from '../../schemas/index.js';

export type Version = '2.0' | '3.0' | '3.1';
export const VERSIONS: readonly Version[] = ['2.0', '3.0', '3.1'];

type Json = Record<string, unknown>;

export interface ResponseSpec {
  description?: string;
  /** A JSON schema; `{ $ref: 'Name' }` names a schema of `schemas`. */
  schema?: Json;
  /** 3.x: the media types of the content (default `application/json`); 2.0: the operation's `produces`. */
  mediaTypes?: string[];
  /** Header name → its schema. */
  headers?: Record<string, Json>;
  /** Refer to a shared response of `responses` instead. */
  ref?: string;
}

export interface OperationSpec {
  responses: Record<string, ResponseSpec>;
  security?: unknown[];
  /** The schema of the request body it sends: 2.0 a `body` parameter, 3.x a `requestBody`. */
  sends?: Json;
  /** Extra keys, e.g. `x-kubernetes-action`. */
  extra?: Json;
}

export interface DocumentSpec {
  /** Path → method → operation. */
  paths: Record<string, Record<string, OperationSpec>>;
  /** Named schemas; Kubernetes' `Status` and its parts when omitted (`{}` for none). */
  schemas?: Record<string, Json>;
  /** Shared responses, referred to by `ResponseSpec.ref`. */
  responses?: Record<string, ResponseSpec>;
  /** Declare a bearer scheme and require it for every operation. */
  secured?: boolean;
  /** Declare the scheme only, with no requirement (as Kubernetes' OpenAPI v3 does). */
  schemesOnly?: boolean;
  /** 2.0: the document's `produces`. */
  produces?: string[];
}

const schemaBase = (version: Version): string => (version === '2.0' ? '#/definitions/' : '#/components/schemas/');
const responseBase = (version: Version): string => (version === '2.0' ? '#/responses/' : '#/components/responses/');

/** `{ $ref: 'Error' }` → `{ $ref: '#/definitions/Error' }` (or components), at any depth. */
function spellRefs(value: unknown, version: Version): unknown {
  if (Array.isArray(value)) return value.map((v) => spellRefs(v, version));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' && !child.startsWith('#') ? `${schemaBase(version)}${child}` : spellRefs(child, version);
  }
  return out;
}

function spellResponse(response: ResponseSpec, version: Version): Json {
  if (response.ref) return { $ref: `${responseBase(version)}${response.ref}` };
  const out: Json = { description: response.description ?? 'A response' };
  if (response.headers) {
    out.headers = Object.fromEntries(Object.entries(response.headers).map(([name, schema]) => [name, version === '2.0' ? spellRefs(schema, version) : { schema: spellRefs(schema, version) }]));
  }
  if (response.schema) {
    const schema = spellRefs(response.schema, version);
    if (version === '2.0') out.schema = schema;
    else out.content = Object.fromEntries((response.mediaTypes ?? ['application/json']).map((type) => [type, { schema }]));
  } else if (response.mediaTypes && version !== '2.0') {
    out.content = Object.fromEntries(response.mediaTypes.map((type) => [type, {}]));
  }
  return out;
}

const requestBodyOf = (version: Version, schema: Json): Json =>
  version === '2.0' ? { parameters: [{ name: 'body', in: 'body', required: true, schema }] } : { requestBody: { content: { 'application/json': { schema } } } };

export function documentOf(version: Version, spec: DocumentSpec): Json {
  const paths: Json = {};
  for (const [path, operations] of Object.entries(spec.paths)) {
    const item: Json = {};
    for (const [method, operation] of Object.entries(operations)) {
      const produces = version === '2.0' ? [...new Set(Object.values(operation.responses).flatMap((r) => r.mediaTypes ?? []))] : [];
      item[method] = {
        ...(produces.length > 0 ? { produces } : {}),
        ...(operation.security ? { security: operation.security } : {}),
        ...(operation.sends ? requestBodyOf(version, spellRefs(operation.sends, version) as Json) : {}),
        ...operation.extra,
        responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, spellResponse(response, version)])),
      };
    }
    paths[path] = item;
  }
  const schemes = spec.secured || spec.schemesOnly ? { bearer: version === '2.0' ? { type: 'apiKey', name: 'authorization', in: 'header' } : { type: 'http', scheme: 'bearer' } } : undefined;
  const named = spec.schemas ?? STATUS_SCHEMAS;
  const schemas = Object.keys(named).length > 0 ? spellRefs(named, version) : undefined;
  const responses = spec.responses ? Object.fromEntries(Object.entries(spec.responses).map(([name, r]) => [name, spellResponse(r, version)])) : undefined;
  const common = { info: { title: 'Test', version: '1' }, paths, ...(spec.secured ? { security: [{ bearer: [] }] } : {}) };
  if (version === '2.0') {
    return {
      swagger: '2.0',
      ...common,
      ...(spec.produces ? { produces: spec.produces } : {}),
      ...(schemes ? { securityDefinitions: schemes } : {}),
      ...(schemas ? { definitions: schemas } : {}),
      ...(responses ? { responses } : {}),
    };
  }
  const components = { ...(schemes ? { securitySchemes: schemes } : {}), ...(schemas ? { schemas } : {}), ...(responses ? { responses } : {}) };
  return { openapi: version === '3.0' ? '3.0.3' : '3.1.0', ...common, ...(Object.keys(components).length > 0 ? { components } : {}) };
}

export const specDocument = (version: Version, spec: DocumentSpec): SpecDocument => specDocumentOf(documentOf(version, spec), `test-${version}.json`);

/** Run a check on one operation (`GET /pets`) of a document, or on the document for document checks. */
export function runOn(check: SpecCheck, document: SpecDocument, operationTitle?: string, profileName = 'kubernetes'): CheckResult {
  const context = documentContext(document, resolveProfile(profileName));
  if (check.given === 'document') return runSpecCheck(check, context);
  const operations = [...document.operations()];
  const operation = operationTitle ? operations.find((o) => o.title === operationTitle) : operations[0];
  if (!operation) throw new Error(`no operation ${operationTitle}`);
  return runSpecCheck(check, { ...context, operation });
}

/** Where the version keeps a named schema: `/definitions/Error` or `/components/schemas/Error`. */
export const schemaPointer = (version: Version, name: string): string => `${schemaBase(version).slice(1)}${name}`;
export const responsePointer = (version: Version, name: string): string => `${responseBase(version).slice(1)}${name}`;

/** A `Status` schema as Kubernetes publishes it, in the spelling of `documentOf`. */
export const STATUS_SCHEMA: Json = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    apiVersion: { type: 'string' },
    status: { type: 'string' },
    message: { type: 'string' },
    reason: { type: 'string' },
    details: { $ref: 'StatusDetails' },
    code: { type: 'integer', format: 'int32' },
  },
};

export const STATUS_DETAILS_SCHEMA: Json = {
  type: 'object',
  properties: { name: { type: 'string' }, causes: { type: 'array', items: { $ref: 'StatusCause' } } },
};

export const STATUS_CAUSE_SCHEMA: Json = { type: 'object', properties: { reason: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } };

export const STATUS_SCHEMAS = { Status: STATUS_SCHEMA, StatusDetails: STATUS_DETAILS_SCHEMA, StatusCause: STATUS_CAUSE_SCHEMA };

export const statusResponse = (description = 'An error'): ResponseSpec => ({ description, schema: { $ref: 'Status' } });
