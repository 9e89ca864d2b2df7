/** A Status as kube-apiserver writes it, with overrides. */
export function statusBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'pods "web" not found',
    reason: 'NotFound',
    details: { name: 'web', kind: 'pods' },
    code: 404,
    ...overrides,
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;
