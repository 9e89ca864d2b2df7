import type { ApiResource } from '../conformance/discovery.js';
import type { ProbeContext, ProbeDefinition } from '../conformance/probe.js';
import { PROBES } from '../conformance/probes/index.js';

/** The resource every probe page shows its request for. */
export const EXAMPLE_RESOURCE: ApiResource = {
  group: 'example.dev',
  version: 'v1',
  groupVersion: 'example.dev/v1',
  name: 'widgets',
  kind: 'Widget',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  aggregated: false,
};

export const exampleContext = (probe: ProbeDefinition): ProbeContext => ({
  resource: probe.scope === 'target' ? undefined : EXAMPLE_RESOURCE,
  namespace: probe.safety === 'throwaway-namespace' ? 'statuslint-1a2b3c4d' : 'default',
  missingName: 'statuslint-missing-5e6f7a',
  sample: { metadata: { name: 'w1', namespace: 'default', resourceVersion: '4711' }, spec: { size: 3 } },
  unprivilegedUser: 'statuslint:unprivileged-probe',
});

const SAFETY: Record<ProbeDefinition['safety'], string> = {
  read: 'reads only',
  'dry-run': 'writes with `dryRun=All`: nothing persists',
  'throwaway-namespace': 'only with `--allow-writes`, inside the throwaway namespace statuslint creates and deletes',
};

export function probeDoc(probe: ProbeDefinition, notice: string): string {
  const context = exampleContext(probe);
  const request = probe.request(context);
  const expectation = probe.expect(context);
  let body = request.body === undefined ? undefined : String(request.body);
  if (body && body.length > 300) body = `${body.slice(0, 300)}… (${body.length} bytes)`;
  const headers = { ...request.headers, ...(request.unprivileged ? { 'impersonate-user': context.unprivilegedUser } : {}) };
  return [
    `<!-- ${notice} -->`,
    '',
    `# \`${probe.id}\`: ${probe.title}`,
    '',
    '| Runs | Safety | Default |',
    '|---|---|---|',
    `| ${probe.scope === 'resource' ? 'for each applicable resource' : probe.scope === 'group-version' ? 'once per group-version' : 'once per target'} | ${SAFETY[probe.safety]} | ${probe.optional ? 'optional: `--probe ' + probe.id + '`' : 'on'} |`,
    '',
    probe.description,
    '',
    `## Request (for \`${EXAMPLE_RESOURCE.name}.${EXAMPLE_RESOURCE.group}\`)`,
    '',
    '```http',
    `${request.method} ${request.path}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ...(request.anonymous ? ['(no credentials)'] : []),
    ...(body !== undefined ? ['', body] : []),
    '```',
    '',
    '## Expected',
    '',
    '```json',
    JSON.stringify(expectation, null, 2),
    '```',
    '',
    'Every response is also judged by the passive checks (see [docs/checks](../checks/README.md)).',
    '',
  ].join('\n');
}

export function probesIndex(notice: string): string {
  return [
    `<!-- ${notice} -->`,
    '',
    '# Probes',
    '',
    '`statuslint probe` sends these requests to elicit each error the API conventions define, then checks what comes back.',
    '',
    '| Probe | Runs | Expects |',
    '|---|---|---|',
    ...PROBES.map((p) => {
      const expectation = p.expect(exampleContext(p));
      return `| [\`${p.id}\`](${p.id}.md)${p.optional ? ' (optional)' : ''} | ${p.scope} | ${expectation.status}${expectation.reason ? ` \`${expectation.reason}\`` : ''} |`;
    }),
    '',
  ].join('\n');
}
