// A target that redirects elsewhere: statuslint never follows it, so credentials never leave the target's origin.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, it } from 'node:test';
import { findingsOfItem } from '../../conformance/results.js';
import { DEFAULT_PROBE_OPTIONS, runProbes } from '../../conformance/runner.js';
import { builtinProfile } from '../../schemas/index.js';

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

let other: Server;
let target: Server;
let otherUrl = '';
let targetUrl = '';
const seenElsewhere: IncomingHttpHeaders[] = [];

before(async () => {
  other = createServer((request, response) => {
    seenElsewhere.push(request.headers);
    response.end('{}');
  });
  otherUrl = await listen(other);
  // Every request is sent on to the other origin, as a misconfigured proxy might.
  target = createServer((request, response) => {
    response.writeHead(307, { location: `${otherUrl}${request.url}`, 'content-type': 'text/plain' });
    response.end('Temporary Redirect');
  });
  targetUrl = await listen(target);
});

after(() => {
  target.close();
  other.close();
});

it('records the 307 and never sends the Authorization header (or anything) to the other origin', async () => {
  const results = await runProbes(
    { server: targetUrl, tls: { rejectUnauthorized: true }, authHeaders: { authorization: 'Bearer s3cr3t' } },
    { ...DEFAULT_PROBE_OPTIONS, profile: builtinProfile('kubernetes'), filter: {}, probeIds: [], allowWrites: false },
  );
  assert.deepEqual(seenElsewhere, []);
  const unknownGroup = results.items.find((i) => i.probeId === 'unknown-group')!;
  assert.equal(unknownGroup.response?.status, 307);
  assert.deepEqual(findingsOfItem(unknownGroup).map((f) => [f.checkId, f.expected, f.received]), [['status-code-expected', '404', '307']]);
  assert.doesNotMatch(JSON.stringify(results), /s3cr3t/);
  assert.ok(results.discovery!.problems.length > 0, 'discovery reports that the target listed nothing');
});
