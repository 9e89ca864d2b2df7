/**
 * What ignores and waivers match a response by: its resource, its API group, its operation and its
 * paths, read the same way whichever command made it (probe, probe --openapi, validate, spec).
 */
import type { ResultItem } from '../results.js';

/** `apps/v1` → `apps`; `v1` → `core`, as `--group` names the core group. */
export const groupOfVersion = (groupVersion: string): string => (groupVersion.includes('/') ? groupVersion.slice(0, groupVersion.indexOf('/')) : 'core');

/** The request line of a recorded or probed response: `GET /api/v1/…` (without the query), if known. */
export function requestLineOf(item: ResultItem): string | undefined {
  if (item.request) return `${item.request.method} ${item.request.path.replace(/\?.*$/, '')}`;
  // validate keeps a HAR entry's request in its title: `GET /path → 404`.
  const titled = /^([A-Z]+) (\/\S*) → /.exec(item.title);
  return titled ? `${titled[1]} ${titled[2]!.replace(/\?.*$/, '')}` : undefined;
}

/** A resource as a user names it: in full (`widgets.example.dev`), or by its plural alone (`widgets`). */
export const resourceMatches = (resource: string | undefined, named: string): boolean =>
  resource !== undefined && (resource === named || resource.startsWith(`${named}.`));

/** `/paths/~1users~1{id}/get` → `GET /users/{id}`: the operation a spec item stands for. */
function specOperationOf(item: ResultItem): string | undefined {
  if (item.document === undefined) return undefined;
  const match = /^\/paths\/([^/]+)\/([a-z]+)$/.exec(item.location);
  if (!match) return undefined;
  const path = match[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  return `${match[2]!.toUpperCase()} ${path}`;
}

/** The operation, `METHOD /path`: probe --openapi records it, spec has it in its location. */
export const operationOf = (item: ResultItem): string | undefined => item.operation ?? specOperationOf(item);

/** Every path a response can be named by: its operation's path template and the path requested. */
export function pathsOf(item: ResultItem): string[] {
  const paths: string[] = [];
  for (const line of [operationOf(item), requestLineOf(item)]) {
    if (line === undefined) continue;
    const path = line.slice(line.indexOf(' ') + 1);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

const globCache = new Map<string, RegExp>();

/** `/admin/*` matches one segment (or part of one) where `*` stands, `/admin/**` any run of segments. */
export function globMatches(pattern: string, text: string): boolean {
  let regex = globCache.get(pattern);
  if (!regex) {
    const source = pattern
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[\\^$.+?()[\]{}|]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`);
    globCache.set(pattern, regex);
  }
  return regex.test(text);
}

/** `get /users/{id}` and `GET  /users/{id}` name the same operation; the path part may hold globs. */
export function operationMatches(item: ResultItem, named: string): boolean {
  const operation = operationOf(item);
  if (operation === undefined) return false;
  const [method = '', ...rest] = named.trim().split(/\s+/);
  const [itemMethod = '', itemPath = ''] = [operation.slice(0, operation.indexOf(' ')), operation.slice(operation.indexOf(' ') + 1)];
  return method.toUpperCase() === itemMethod.toUpperCase() && globMatches(rest.join(' '), itemPath);
}

/** What an ignore or a waiver says about a response's subject: resource, group, path, operation. */
export interface SubjectMatchers {
  resource?: string;
  group?: string;
  path?: string;
  operation?: string;
}

/** Every matcher given holds for the response. */
export function subjectMatches(item: ResultItem, matchers: SubjectMatchers): boolean {
  if (matchers.resource !== undefined && !resourceMatches(item.resource, matchers.resource)) return false;
  if (matchers.group !== undefined && (item.groupVersion === undefined || groupOfVersion(item.groupVersion) !== matchers.group)) return false;
  if (matchers.path !== undefined && !pathsOf(item).some((path) => globMatches(matchers.path!, path))) return false;
  if (matchers.operation !== undefined && !operationMatches(item, matchers.operation)) return false;
  return true;
}
