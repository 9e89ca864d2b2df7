import { defineApiProbe, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'valid-read',
  title: 'A valid read',
  description:
    "GET the operation with every required parameter set from the document's examples (or values built from the schemas): the documented success status. A read that fails anyway shows the errors the API gives when something behind it is down, and those are judged too.",
  safety: 'read',
  appliesTo: (operation) => (operation.method === 'get' ? true : 'only reads'),
  request: (context) => requestFor(context),
  expect: (operation) => {
    const success = operation.responses.map((r) => Number(r.status)).find((s) => s >= 200 && s < 300);
    return { status: success ?? 200, codes: [] };
  },
});
