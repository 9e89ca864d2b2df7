import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';

export default defineCheck({
  id: 'condition-expected',
  title: 'The object reports the expected condition',
  level: 'MUST',
  scope: 'probe',
  description:
    'An object the probe reads must report the condition it expects in `status.conditions`, e.g. an APIService `Available: True`; otherwise its reason and message say why it is not.',
  example: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    expectation: { status: 200, condition: { type: 'Available', status: 'True' } },
    body: {
      kind: 'APIService',
      apiVersion: 'apiregistration.k8s.io/v1',
      metadata: { name: 'v1alpha1.wardle.example.com' },
      status: { conditions: [{ type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck', message: 'failing or missing response from https://localhost:8443/apis/wardle.example.com/v1alpha1' }] },
    },
  },
  run({ expectation, response }) {
    const wanted = expectation!.condition;
    if (!wanted) return skip('the probe expects no condition');
    if (response.status !== 200) return skip('no object (see status-code-expected)');
    const body = response.body as { status?: { conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }> } } | undefined;
    const condition = body?.status?.conditions?.find((c) => c.type === wanted.type);
    if (condition?.status === wanted.status) return pass;
    const received = condition ? `${wanted.type}: ${condition.status}${condition.reason ? ` (${condition.reason})` : ''}` : `no ${wanted.type} condition`;
    return [
      {
        pointer: '/status/conditions',
        expected: `${wanted.type}=${wanted.status}`,
        received: condition ? `${wanted.type}=${String(condition.status)}` : 'nothing',
        message: receivedExpected(`\`${received}\`${condition?.message ? `: ${condition.message}` : ''}`, `\`${wanted.type}: ${wanted.status}\``),
        hint: 'Check that the aggregated server runs, that its Service resolves, and that the APIService caBundle matches its certificate.',
      },
    ];
  },
});
