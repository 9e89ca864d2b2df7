/** Where a catalog code appears: an API `Status.reason`, a pod or container field, an HTTP status line, an envelope. */
export const APPEARS_IN = [
  'status-reason',
  'status-cause-reason',
  'container-waiting-reason',
  'container-terminated-reason',
  'pod-status-reason',
  'pod-condition-reason',
  'pod-phase',
  'http-status',
  'envelope-error',
  'problem-type',
] as const;
export type AppearsIn = (typeof APPEARS_IN)[number];

/** What a client should do when it receives the code. */
export const RECOVERY_CLASSES = [
  'retry-backoff',
  'retry-after',
  'refetch-and-retry',
  'relist',
  'fix-request',
  'fix-auth',
  'follow-redirect',
  'increase-timeout',
  'none',
] as const;
export type RecoveryClass = (typeof RECOVERY_CLASSES)[number];

/** What each recovery class asks of a client, in one sentence. */
export const RECOVERY_MEANING: Readonly<Record<RecoveryClass, string>> = {
  'retry-backoff': 'Retry the same request with exponential backoff and jitter.',
  'retry-after': 'Wait as long as `Retry-After` (or `details.retryAfterSeconds`) says, then retry.',
  'refetch-and-retry': 'Read the object again, reapply the change and retry with the fresh `resourceVersion`.',
  relist: 'Re-list to get a current `resourceVersion`, then watch again from it.',
  'fix-request': 'Do not retry: the request itself must change.',
  'fix-auth': 'Do not retry as is: fix the credentials or the permissions.',
  'follow-redirect': 'Follow the `Location` header.',
  'increase-timeout': 'Retry with a larger `timeout` parameter, with backoff.',
  none: 'Nothing for a client to do (success, or not an API error).',
};


/** Pod and container reasons: real Kubernetes reasons, but never valid as an API `Status.reason`. */
export const WORKLOAD_APPEARS_IN: ReadonlySet<AppearsIn> = new Set([
  'container-waiting-reason',
  'container-terminated-reason',
  'pod-status-reason',
  'pod-condition-reason',
  'pod-phase',
]);

/** How firmly a code asks a server to say when to retry (`Retry-After`, or `details.retryAfterSeconds` in a `Status`). */
export type RetryGuidance = 'required' | 'expected';

/** What an API operation does, in the words of Kubernetes' `x-kubernetes-action` (other APIs are read by method). */
export const OPERATION_VERBS = ['read', 'list', 'watch', 'create', 'replace', 'patch', 'delete', 'delete-collection', 'connect'] as const;
export type OperationVerb = (typeof OPERATION_VERBS)[number];

/**
 * What else an operation must do to meet a status: authenticate its callers (`401`), authorize them
 * (`403`), name an object or its parent in its path (`404`), or document its errors only as a
 * `default` response, which names none of the statuses clients act on (`429`).
 */
export const OPERATION_CONDITIONS = ['authentication', 'authorization', 'names-object', 'default-error-only'] as const;
export type OperationCondition = (typeof OPERATION_CONDITIONS)[number];

/** The operations that can meet an HTTP status, and so should document it. */
export interface StatusOperations {
  /** The verbs that can meet it; every operation when omitted. */
  verbs?: OperationVerb[];
  when?: OperationCondition;
  /** Why such an operation can meet it, as a clause: "a write can carry an invalid object". */
  why: string;
}

export interface CatalogEntry {
  code: string;
  appearsIn: AppearsIn;
  /** The HTTP status the code goes with; null where the code has no HTTP status of its own. */
  httpStatus: number | null;
  title: string;
  description: string;
  recovery: RecoveryClass;
  /** Imperative advice for a client or a server author. */
  advice: string;
  /**
   * `expected`: clients wait as long as `Retry-After` (or `details.retryAfterSeconds`) says when the
   * server sends it, so servers should. The `retry-after` recovery class requires it outright.
   */
  retryAfter?: 'expected';
  /** On HTTP status entries: the operations that can meet the status. */
  operations?: StatusOperations;
  source?: string;
  clientPredicate?: string;
  /** Spellings seen in the wild that mean this code. */
  misspellings?: string[];
}

export type BodyShape =
  | { kind: 'kubernetes-status' }
  | {
      kind: 'envelope';
      /**
       * The member holding the code: a top-level name (`error`) or a JSON pointer (`/error/code`).
       * Without one the HTTP status is the only code (FastAPI's `{"detail": …}`).
       */
      codeField?: string;
      /** `false`: bodies may leave the code out (NestJS omits `error` from the errors it makes itself). Default `true`. */
      codeRequired?: boolean;
      /** The member holding the message: a name or a JSON pointer, as `codeField`. */
      messageField: string;
      /**
       * The message may also be a non-empty list: of strings (NestJS's validation messages), or with
       * `itemField`, of objects whose `itemField` is a string (FastAPI's `[{loc, msg, type}]`).
       */
      messageList?: { itemField?: string };
      requestIdField?: string;
      requestIdRequired?: boolean;
      /** A top-level member linking to the error's documentation (GitHub's `documentation_url`); with `documentationRequired`, every body has it. */
      documentationField?: string;
      documentationRequired?: boolean;
      /** Header that must echo the body's request id, if the API promises one. */
      requestIdHeader?: string;
      /** Body field that repeats the HTTP status, if any (e.g. Fastify's `statusCode`): a name or a JSON pointer. */
      statusField?: string;
      /** `true`: every body has the status field (NestJS writes `statusCode` on every error). Default `false`. */
      statusRequired?: boolean;
    }
  | { kind: 'problem' }
  | { kind: 'none' };

export type BodyKind = BodyShape['kind'];

/**
 * Request errors whose HTTP status is the API's choice: RFC 9110 allows `400` or `422` for a body that
 * fails validation, and frameworks differ (Kubernetes and FastAPI answer `422`; FastAPI also answers a
 * body that is not JSON, a missing parameter and a foreign media type with `422`).
 */
export const REQUEST_ERRORS = ['validation', 'parameter', 'malformedBody', 'mediaType'] as const;
export type RequestError = (typeof REQUEST_ERRORS)[number];

/** Which status each request error gets: a profile's own, over what it extends, over the shared HTTP table's. */
export type RequestErrorStatuses = Partial<Record<RequestError, number>>;

/** A profile file as written on disk (built in or a user's). */
export interface ProfileDocument {
  $schema?: string;
  name: string;
  title?: string;
  description?: string;
  reference?: string;
  extends?: string;
  body: BodyShape;
  contentTypes?: string[];
  requestErrors?: RequestErrorStatuses;
  entries?: CatalogEntry[];
}

/** A loaded profile: entries merged with what it extends and with the shared HTTP statuses. */
export interface Profile {
  name: string;
  title: string;
  description: string;
  reference?: string;
  body: BodyShape;
  contentTypes: string[];
  /** The statuses this profile (or what it extends) gives request errors; see `requestErrorStatus`. */
  requestErrors?: RequestErrorStatuses;
  /** The profile's own codes (for `kubernetes`: reasons, cause reasons and workload reasons). */
  entries: CatalogEntry[];
  /** Where the profile came from: `builtin` or a file path. */
  origin: string;
}

export type Level = 'MUST' | 'SHOULD';
