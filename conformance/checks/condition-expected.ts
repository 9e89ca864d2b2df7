import { defineCheck, pass, skip } from '../check.js';
import { isObject } from '../context.js';
import { asText, receivedExpected } from '../findings.js';

/** The condition of a type in `status.conditions`, read from whatever the server sent. */
function conditionOf(body: unknown, type: string): Record<string, unknown> | undefined {
  const conditions = isObject(body) && isObject(body.status) ? body.status.conditions : undefined;
  return Array.isArray(conditions) ? conditions.find((c): c is Record<string, unknown> => isObject(c) && c.type === type) : undefined;
}

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
      status: { conditions: [{
        type: 'Available',
        status: 'False',
        reason: 'FailedDiscoveryCheck',
        message: 'failing or missing response from https://localhost:8443/apis/wardle.example.com/v1alpha1',
      }] },
    },
  },
  run({ expectation, response }) {
    const wanted = expectation!.condition;
    if (!wanted) return skip('the probe expects no condition');
    if (response.status !== 200) return skip('no object (see status-code-expected)');
    const condition = conditionOf(response.body, wanted.type);
    if (condition?.status === wanted.status) return pass;
    const received = condition ? `${wanted.type}: ${asText(condition.status)}${condition.reason ? ` (${asText(condition.reason)})` : ''}` : `no ${wanted.type} condition`;
    return [
      {
        pointer: '/status/conditions',
        expected: `${wanted.type}=${wanted.status}`,
        received: condition ? `${wanted.type}=${asText(condition.status)}` : 'nothing',
        message: receivedExpected(`\`${received}\`${condition?.message ? `: ${asText(condition.message)}` : ''}`, `\`${wanted.type}: ${wanted.status}\``),
        hint: 'Check that the aggregated server runs, that its Service resolves, and that the APIService caBundle matches its certificate.',
      },
    ];
  },
});
