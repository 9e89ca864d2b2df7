import { BUILTIN_PROFILES } from './builtin-profiles.js';
import { APPEARS_IN, OPERATION_CONDITIONS, OPERATION_VERBS, RECOVERY_CLASSES, REQUEST_ERRORS } from './types.js';

export const SCHEMA_BASE = 'https://statuslint.dev/schemas/';

/** The JSON Schema of a profile file: the built-in catalog files and users' own profiles alike. */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}profile.schema.json`,
    title: 'statuslint profile',
    description: 'A catalog of error codes and the shape of the error bodies that carry them.',
    type: 'object',
    required: ['name', 'body'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Short name, used with --profile.' },
      title: { type: 'string' },
      description: { type: 'string' },
      reference: { type: 'string', format: 'uri' },
      extends: {
        enum: [...BUILTIN_PROFILES],
        description: 'A built-in profile whose entries this one adds to.',
      },
      body: { $ref: '#/$defs/body' },
      contentTypes: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9.+-]+/[a-z0-9.+-]+$' } },
      requestErrors: {
        type: 'object',
        description:
          'The HTTP status the API gives each request error: `validation` (a body that fails its schema), `parameter` (a required parameter missing), `malformedBody` (a body that is not JSON), `mediaType` (a media type the operation does not take). Unset ones come from what the profile extends, else 400, 400, 400 and 415.',
        additionalProperties: false,
        properties: Object.fromEntries(REQUEST_ERRORS.map((error) => [error, { type: 'integer', minimum: 400, maximum: 499 }])),
      },
      entries: { type: 'array', items: { $ref: '#/$defs/entry' } },
    },
    $defs: {
      body: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['kubernetes-status', 'envelope', 'problem', 'none'] } },
        if: { properties: { kind: { const: 'envelope' } } },
        then: {
          required: ['kind', 'messageField'],
          additionalProperties: false,
          properties: {
            kind: true,
            codeField: { $ref: '#/$defs/field', description: 'The member holding the error code. Without one, the HTTP status is the only code.' },
            codeRequired: { type: 'boolean', description: '`false`: bodies may leave the code out. Default `true`.' },
            messageField: { $ref: '#/$defs/field', description: 'The member holding the message.' },
            messageList: {
              type: 'object',
              description: 'The message may also be a non-empty list: of strings, or with `itemField`, of objects whose `itemField` is a string (FastAPI: `{"detail": [{"loc", "msg", "type"}]}`).',
              additionalProperties: false,
              properties: { itemField: { type: 'string', minLength: 1, pattern: '^[^/]' } },
            },
            requestIdField: { type: 'string', minLength: 1, pattern: '^[^/]', description: 'A top-level member.' },
            requestIdRequired: { type: 'boolean' },
            requestIdHeader: { type: 'string', pattern: '^[A-Za-z0-9-]+$' },
            documentationField: { type: 'string', minLength: 1, pattern: '^[^/]', description: "A top-level member linking to the error's documentation (GitHub: `documentation_url`)." },
            documentationRequired: { type: 'boolean', description: '`true`: every body has the documentation field. Default `false`.' },
            statusField: { $ref: '#/$defs/field', description: 'The member that repeats the HTTP status, if any.' },
            statusRequired: { type: 'boolean', description: '`true`: every body has the status field. Default `false`.' },
          },
        },
        else: { additionalProperties: false, properties: { kind: true } },
      },
      field: {
        type: 'string',
        minLength: 1,
        pattern: '^([^/].*|(/([^~/]|~[01])*)+)$',
        description: 'A top-level member (`error`) or a JSON pointer (RFC 6901) to a nested one (`/error/code`).',
      },
      entry: {
        type: 'object',
        required: ['code', 'appearsIn', 'httpStatus', 'title', 'recovery'],
        additionalProperties: false,
        properties: {
          code: { type: 'string' },
          appearsIn: { enum: [...APPEARS_IN] },
          httpStatus: { type: ['integer', 'null'], minimum: 100, maximum: 599 },
          title: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          recovery: { enum: [...RECOVERY_CLASSES] },
          advice: { type: 'string' },
          retryAfter: { enum: ['expected'] },
          operations: {
            type: 'object',
            description: 'The API operations that can meet this HTTP status, so their documents should declare it. Read on the shared HTTP status table.',
            required: ['why'],
            additionalProperties: false,
            properties: {
              verbs: {
                type: 'array',
                items: { enum: [...OPERATION_VERBS] },
                minItems: 1,
                uniqueItems: true,
                description: 'The verbs that can meet it; every operation when omitted.',
              },
              when: {
                enum: [...OPERATION_CONDITIONS],
                description: 'What else the operation must do: authenticate its callers, authorize them, name an object or its parent in its path, or document its errors only as a `default` response.',
              },
              why: { type: 'string', minLength: 1 },
            },
          },
          source: { type: 'string' },
          clientPredicate: { type: 'string' },
          misspellings: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
        },
      },
    },
  };
}
