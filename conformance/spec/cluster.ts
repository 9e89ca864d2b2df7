import { InputError } from '../../schemas/errors.js';
import type { Profile } from '../../schemas/types.js';
import { HttpClient, isInterrupted, TransportError } from '../http.js';
import type { Results } from '../results.js';
import type { Target } from '../target.js';
import type { SpecCheck } from './check.js';
import { isObject } from './document.js';
import { parseDocumentText, prepareDocument, SpecSourceUnreachableError } from './load.js';
import { checkDocument, groupVersionOfPath, type SpecResultItem, specResults } from './run.js';

export interface ClusterSpecOptions {
  profile: Profile;
  /** OpenAPI v3 documents fetched and checked at once; each is dropped once checked. */
  concurrency: number;
  timeoutMs: number;
  checks?: readonly SpecCheck[];
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
}

export { DEFAULT_CLUSTER_OPTIONS } from '../defaults.js';

// The whole Kubernetes API in one v2 document is a few MiB, tens with hundreds of CRDs; this only
// stops a runaway answer, below the longest string V8 makes (512 MiB less 24 bytes) with room to spare.
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

interface ClusterDocument {
  /** What to request. */
  path: string;
  /** What results call it. */
  source: string;
  openapi: 'v2' | 'v3';
  groupVersion?: string;
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function serverVersion(client: HttpClient): Promise<string | undefined> {
  let exchange;
  try {
    exchange = await client.sendWithRetry({ method: 'GET', path: '/version' });
  } catch (error) {
    if (error instanceof TransportError && !isInterrupted(error)) throw new SpecSourceUnreachableError(`${client.target.server} did not answer: ${error.message} (${error.code})`);
    throw error;
  }
  const body = exchange.status === 200 ? parseJsonBody(exchange.bodyText) : undefined;
  return isObject(body) && typeof body.gitVersion === 'string' ? body.gitVersion : undefined;
}

/** Group-versions whose APIService names a service: served by an aggregated API server. */
async function aggregatedGroupVersions(client: HttpClient): Promise<Set<string>> {
  const found = new Set<string>();
  const exchange = await client.sendWithRetry({ method: 'GET', path: '/apis/apiregistration.k8s.io/v1/apiservices' });
  const body = exchange.status === 200 ? parseJsonBody(exchange.bodyText) : undefined;
  if (!isObject(body) || !Array.isArray(body.items)) return found; // not allowed to read them: nothing is marked
  for (const item of body.items) {
    if (isObject(item) && isObject(item.spec) && isObject(item.spec.service)) found.add(item.spec.group ? `${String(item.spec.group)}/${String(item.spec.version)}` : String(item.spec.version));
  }
  return found;
}

/** The documents `/openapi/v3` lists, one per group-version (and per discovery path). */
async function v3Documents(client: HttpClient): Promise<ClusterDocument[] | { error: string }> {
  const exchange = await client.sendWithRetry({ method: 'GET', path: '/openapi/v3' });
  if (exchange.status === 401 || exchange.status === 403) throw new InputError(`reading /openapi/v3 was refused (HTTP ${exchange.status}); check the credentials`, client.target.server);
  if (exchange.status !== 200) return { error: `/openapi/v3 answered HTTP ${exchange.status}` };
  const index = parseJsonBody(exchange.bodyText);
  if (!isObject(index) || !isObject(index.paths)) return { error: '/openapi/v3 did not list its documents' };
  // Not the index's `?hash=` URLs: a document that changed since the index was read (an APIService
  // registering, a CRD) answers its old hash with a redirect, which the aggregator turns into a 502.
  return Object.keys(index.paths)
    .map((key) => {
      const source = `/openapi/v3/${key}`;
      const groupVersion = groupVersionOfPath(`/${key}`);
      return { path: source, source, openapi: 'v3' as const, ...(groupVersion ? { groupVersion } : {}) };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
}

function errorItem(document: ClusterDocument, error: string): SpecResultItem {
  return {
    id: `${document.source}#`,
    title: `OpenAPI ${document.openapi} document`,
    location: document.source,
    document: document.source,
    ...(document.groupVersion ? { groupVersion: document.groupVersion } : {}),
    error,
    checks: [],
  };
}

/** Run `work` on every item, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * Check the OpenAPI documents a cluster serves: every `/openapi/v3/<group-version>` (those of
 * aggregated API servers included), a few at a time, then `/openapi/v2`, the whole API in one
 * document, on its own. Each document is parsed, checked and dropped before the next is taken, so
 * memory holds at most `concurrency` documents and the results.
 */
export async function checkCluster(target: Target, options: ClusterSpecOptions): Promise<Results> {
  const startedAt = new Date();
  const client = new HttpClient(target, { timeoutMs: options.timeoutMs, maxBodyBytes: MAX_DOCUMENT_BYTES, ...(options.signal ? { signal: options.signal } : {}) });
  const header = (version?: string): Parameters<typeof specResults>[0] => ({
    profile: options.profile,
    target: { server: target.server, ...(target.context ? { context: target.context } : {}), ...(version ? { version } : {}) },
    startedAt,
    items: [],
  });
  try {
    let version: string | undefined;
    let aggregated: Set<string>;
    let listed: Awaited<ReturnType<typeof v3Documents>>;
    try {
      version = await serverVersion(client);
      aggregated = await aggregatedGroupVersions(client);
      listed = await v3Documents(client);
    } catch (error) {
      // Ctrl-C before the documents were listed: nothing was checked, and the report says it was interrupted.
      if (!isInterrupted(error)) throw error;
      return { ...specResults(header(version)), interrupted: true };
    }
    const v2: ClusterDocument = { path: '/openapi/v2', source: '/openapi/v2', openapi: 'v2' };
    const documents = 'error' in listed ? [] : listed;
    const total = documents.length + 1;
    let done = 0;

    const checkOne = async (document: ClusterDocument): Promise<SpecResultItem[]> => {
      let exchange;
      try {
        exchange = await client.sendWithRetry({ method: 'GET', path: document.path });
      } catch (error) {
        if (isInterrupted(error)) return []; // cut short by Ctrl-C: not checked, rather than not answered
        if (error instanceof TransportError) return [errorItem(document, `no answer: ${error.message} (${error.code})`)];
        throw error;
      }
      if (document.openapi === 'v2' && (exchange.status === 401 || exchange.status === 403)) {
        throw new InputError(`reading /openapi/v2 was refused (HTTP ${exchange.status}); check the credentials`, client.target.server);
      }
      if (exchange.status !== 200) return [errorItem(document, `HTTP ${exchange.status}: ${exchange.bodyText.slice(0, 200).trim()}`)];
      if (exchange.truncated) return [errorItem(document, `larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`)];
      try {
        const data = parseDocumentText(exchange.bodyText, document.source, 'json');
        exchange = undefined; // the text is not needed once parsed
        // A cluster's documents are whole: a `$ref` to anything outside one is refused, never read or fetched.
        const parsed = await prepareDocument(data, document.source, `${target.server}${document.source}`, { timeoutMs: options.timeoutMs, externalRefs: 'none' });
        return checkDocument(parsed, {
          profile: options.profile,
          ...(options.checks ? { checks: options.checks } : {}),
          label: {
            ...(document.groupVersion ? { groupVersion: document.groupVersion } : {}),
            aggregatedGroupVersions: aggregated,
            titleSuffix: ` (OpenAPI ${document.openapi})`,
          },
        });
      } catch (error) {
        if (error instanceof InputError) return [errorItem(document, error.toLine())];
        throw error;
      }
    };

    const perDocument: SpecResultItem[][] = [];
    if ('error' in listed) perDocument.push([errorItem({ path: '/openapi/v3', source: '/openapi/v3', openapi: 'v3' }, listed.error)]);
    const v3Items: SpecResultItem[][] = new Array(documents.length);
    await forEachLimited(
      documents,
      options.concurrency,
      async (document, index) => {
        v3Items[index] = await checkOne(document);
        options.onProgress?.({ done: ++done, total });
      },
      options.signal,
    );
    perDocument.push(...v3Items.filter(Boolean));
    // v2 repeats every operation of the v3 documents in one large document: checked alone, after them.
    if (!options.signal?.aborted) {
      perDocument.push(await checkOne(v2));
      options.onProgress?.({ done: ++done, total });
    }
    const results = specResults({ ...header(version), items: perDocument.flat() });
    if (options.signal?.aborted) results.interrupted = true;
    return results;
  } finally {
    await client.close();
  }
}
