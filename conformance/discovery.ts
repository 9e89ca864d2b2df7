import type { HttpClient, HttpExchange } from './http.js';

export interface ApiResource {
  /** `""` for the core group. */
  group: string;
  version: string;
  groupVersion: string;
  /** Plural resource name, e.g. `configmaps`. */
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  /** Served by an aggregated API server (an APIService with `spec.service`). */
  aggregated: boolean;
  /** `namespace/name` of the aggregated server's Service. */
  service?: string;
}

export interface GroupVersionInfo {
  group: string;
  version: string;
  groupVersion: string;
  aggregated: boolean;
  service?: string;
  /** Why its resources could not be listed, if they could not. */
  error?: string;
}

/** An APIService that hands a group-version to an aggregated API server (one with `spec.service`). */
export interface ApiServiceInfo {
  /** `v1beta1.metrics.k8s.io`. */
  name: string;
  group: string;
  version: string;
  /** `namespace/name` of the server's Service. */
  service: string;
}

export interface Discovery {
  serverVersion?: string;
  groupVersions: GroupVersionInfo[];
  resources: ApiResource[];
  /** The aggregated APIServices of the selected groups, every version, whether or not their servers answer. */
  apiServices: ApiServiceInfo[];
  /** The group-versions of the selected groups (with `--resource`: those holding a selected resource), whether or not their resources could be listed. */
  selectedGroupVersions: GroupVersionInfo[];
  /** Problems met while discovering (a group that would not list, APIServices not readable). */
  problems: string[];
}

export interface DiscoveryOptions {
  /** The server is an aggregated API server probed at its own address: no core group, no APIServices. */
  direct?: boolean;
  /** Probe these group-versions rather than each group's preferred one (to compare like with like). */
  groupVersions?: string[];
}

export interface DiscoveryFilter {
  /** Group names; `core` (or `""`) for the core group. */
  groups?: string[];
  /** Plural resource names, optionally `group/plural` or `plural.group`. */
  resources?: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(exchange: HttpExchange): unknown {
  try {
    return JSON.parse(exchange.bodyText);
  } catch {
    return undefined;
  }
}

/** The URL path of a resource collection or object. */
export function resourcePath(resource: Pick<ApiResource, 'group' | 'version' | 'name' | 'namespaced'>, namespace?: string, name?: string): string {
  const root = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${resource.name}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

export const qualifiedName = (resource: Pick<ApiResource, 'group' | 'name'>): string =>
  resource.group === '' ? resource.name : `${resource.name}.${resource.group}`;

/** `--group` names the core group `core` (or `""`). */
const groupSelected = (group: string, filter: DiscoveryFilter): boolean =>
  !filter.groups?.length || filter.groups.some((g) => g === group || (group === '' && (g === 'core' || g === '')));

function matchesFilter(resource: ApiResource, filter: DiscoveryFilter): boolean {
  if (!groupSelected(resource.group, filter)) return false;
  if (filter.resources && filter.resources.length > 0) {
    const names = [resource.name, qualifiedName(resource), `${resource.group}/${resource.name}`];
    if (!filter.resources.some((r) => names.includes(r))) return false;
  }
  return true;
}

/** Read `/version`, `/api`, `/apis`, each preferred group-version's resources, and APIServices. */
export async function discover(client: HttpClient, filter: DiscoveryFilter = {}, options: DiscoveryOptions = {}): Promise<Discovery> {
  const problems: string[] = [];
  const version = await client.sendWithRetry({ method: 'GET', path: '/version' });
  const versionBody = parseJson(version);
  const serverVersion = isObject(versionBody) && typeof versionBody.gitVersion === 'string' ? versionBody.gitVersion : undefined;

  const groupVersions: GroupVersionInfo[] = [];
  if (!options.direct) {
    const core = parseJson(await client.sendWithRetry({ method: 'GET', path: '/api' }));
    if (isObject(core) && Array.isArray(core.versions)) {
      for (const v of core.versions) if (typeof v === 'string') groupVersions.push({ group: '', version: v, groupVersion: v, aggregated: false });
    } else problems.push('`/api` did not list the core versions');
  }
  const apis = parseJson(await client.sendWithRetry({ method: 'GET', path: '/apis' }));
  if (isObject(apis) && Array.isArray(apis.groups)) {
    for (const group of apis.groups) {
      if (!isObject(group) || typeof group.name !== 'string' || !isObject(group.preferredVersion)) continue;
      const versions = (Array.isArray(group.versions) ? group.versions : []).filter(isObject);
      const chosen = options.groupVersions ? versions.filter((v) => options.groupVersions!.includes(String(v.groupVersion))) : [group.preferredVersion];
      for (const { groupVersion, version } of chosen) {
        if (typeof groupVersion === 'string' && typeof version === 'string') {
          groupVersions.push({ group: group.name, version, groupVersion, aggregated: false });
        }
      }
    }
  } else problems.push('`/apis` did not list the API groups');

  // Which group-versions come from aggregated API servers; probed directly, all of them do.
  if (options.direct) {
    for (const gv of groupVersions) Object.assign(gv, { aggregated: true, service: 'direct' });
  }
  const apiServices = options.direct ? [] : await readApiServices(client, problems);
  for (const apiService of apiServices) {
    const gv = groupVersions.find((g) => g.group === apiService.group && g.version === apiService.version);
    if (gv) Object.assign(gv, { aggregated: true, service: apiService.service });
    // A server that is down drops out of `/apis`, but its APIService still stands: a selected group must not vanish with it.
    else if (groupSelected(apiService.group, filter) && !groupVersions.some((g) => g.group === apiService.group)) {
      groupVersions.push({
        group: apiService.group,
        version: apiService.version,
        groupVersion: `${apiService.group}/${apiService.version}`,
        aggregated: true,
        service: apiService.service,
      });
      problems.push(`${apiService.group}/${apiService.version}: registered by APIService ${apiService.name} but not listed in \`/apis\``);
    }
  }

  const selected = groupVersions.filter((gv) => groupSelected(gv.group, filter));
  const resources: ApiResource[] = [];
  const lists = await Promise.all(
    selected.map(async (gv) => ({ gv, exchange: await client.sendWithRetry({ method: 'GET', path: gv.group === '' ? `/api/${gv.version}` : `/apis/${gv.groupVersion}` }) })),
  );
  for (const { gv, exchange } of lists) {
    const list = parseJson(exchange);
    if (exchange.status !== 200 || !isObject(list) || !Array.isArray(list.resources)) {
      gv.error = `HTTP ${exchange.status}`;
      problems.push(`${gv.groupVersion}: resources could not be listed (HTTP ${exchange.status})`);
      continue;
    }
    for (const r of list.resources) {
      if (!isObject(r) || typeof r.name !== 'string' || r.name.includes('/')) continue; // subresources are reached through their parent
      const resource: ApiResource = {
        group: gv.group,
        version: gv.version,
        groupVersion: gv.groupVersion,
        name: r.name,
        kind: typeof r.kind === 'string' ? r.kind : '',
        namespaced: r.namespaced === true,
        verbs: Array.isArray(r.verbs) ? r.verbs.filter((v): v is string => typeof v === 'string') : [],
        aggregated: gv.aggregated,
        ...(gv.service ? { service: gv.service } : {}),
      };
      if (matchesFilter(resource, filter)) resources.push(resource);
    }
  }
  resources.sort((a, b) => a.groupVersion.localeCompare(b.groupVersion) || a.name.localeCompare(b.name));
  const selectedApiServices = apiServices.filter((a) => groupSelected(a.group, filter) && (!filter.resources?.length || resources.some((r) => r.group === a.group)));
  const selectedGroupVersions = selected.filter((gv) => !filter.resources?.length || gv.error !== undefined || resources.some((r) => r.groupVersion === gv.groupVersion));
  return { ...(serverVersion ? { serverVersion } : {}), groupVersions, resources, apiServices: selectedApiServices, selectedGroupVersions, problems };
}

/** The aggregated APIServices (those with `spec.service`); none, with a problem noted, when they cannot be read. */
async function readApiServices(client: HttpClient, problems: string[]): Promise<ApiServiceInfo[]> {
  const exchange = await client.sendWithRetry({ method: 'GET', path: '/apis/apiregistration.k8s.io/v1/apiservices' });
  const list = parseJson(exchange);
  if (exchange.status !== 200 || !isObject(list) || !Array.isArray(list.items)) {
    problems.push(`APIServices could not be read (HTTP ${exchange.status}); aggregated group-versions are not marked`);
    return [];
  }
  const found: ApiServiceInfo[] = [];
  for (const item of list.items) {
    if (!isObject(item) || !isObject(item.metadata) || !isObject(item.spec) || !isObject(item.spec.service)) continue;
    const { group, version, service } = item.spec as { group?: unknown; version?: unknown; service: Record<string, unknown> };
    if (typeof group !== 'string' || typeof version !== 'string') continue;
    found.push({ name: String(item.metadata.name ?? `${version}.${group}`), group, version, service: `${String(service.namespace)}/${String(service.name)}` });
  }
  return found.sort((a, b) => a.group.localeCompare(b.group) || a.version.localeCompare(b.version));
}
