// The defaults of each run, in a module of their own: the command line shows them in its help
// without loading the runners (and the HTTP and Kubernetes client libraries they import).

export const DEFAULT_PROBE_OPTIONS = {
  namespace: 'default',
  concurrency: 4,
  timeoutMs: 15_000,
  maxBodyBytes: 1024 * 1024,
  unprivilegedUser: 'statuslint:unprivileged-probe',
} as const;

/** `spec --from-cluster`: documents fetched at once, and the time each may take. */
export const DEFAULT_CLUSTER_OPTIONS = { concurrency: 4, timeoutMs: 60_000 } as const;

/** `probe --openapi`: the body size an API is taken to refuse when its document states none. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * `probe --openapi`: the largest body limit statuslint probes (`x-statuslint-body-limit`,
 * `--body-limit`). Real limits are 100 KiB to 32 MiB (Express, Fastify, nginx, API gateways); each
 * probe sends one byte more, so a larger limit means gigabytes sent and held per operation.
 */
export const MAX_BODY_LIMIT = 64 * 1024 * 1024;

/** The allowed body limits, as messages about `x-statuslint-body-limit` and `--body-limit` state them. */
export const BODY_LIMIT_RANGE = `a whole number of bytes from 1 to ${MAX_BODY_LIMIT} (64 MiB)`;

/**
 * What loading one OpenAPI document may read. A document parses to several times its text in
 * memory, and the largest real ones (the Kubernetes API in one document) are a few MiB, so these
 * only stop a runaway or hostile server; `concurrency` is how many `$ref`s are read at once.
 */
export const DOCUMENT_LIMITS = {
  /** A document fetched from a URL, and each file or URL a `$ref` names. */
  maxDocumentBytes: 50 * 1024 * 1024,
  /** All the files and URLs the `$ref`s of one document name, together. */
  maxReferencedBytes: 100 * 1024 * 1024,
  /** How many files and URLs the `$ref`s of one document may name. */
  maxReferencedFiles: 10_000,
  concurrency: 8,
  /** Redirects followed for a document or a `$ref`. */
  maxRedirects: 5,
} as const;
