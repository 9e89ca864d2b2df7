/**
 * A server may close an idle keep-alive connection at any moment (RFC 9112 §9.6), and a request
 * already on its way then meets a closed socket before any answer. That is the connection's fate,
 * not the server's answer: the client tries once more on a new connection, as browsers do. A server
 * that closes again before answering still gets the failure.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HttpClient, TransportError } from '../../conformance/http.js';

/** Serves the first request on each connection; resets the connection when a second one comes on it. */
function oneRequestPerConnection(): { server: Server; requests: () => number } {
  const served = new WeakMap<Socket, number>();
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    if (count > 1) {
      req.socket.resetAndDestroy();
      return;
    }
    // No `Connection: close`: the client keeps the connection for the next request.
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.keepAliveTimeout = 60_000;
  return { server, requests: () => requests };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientFor = (origin: string): HttpClient => new HttpClient({ server: origin, tls: { rejectUnauthorized: true }, authHeaders: {} }, { timeoutMs: 5000, maxBodyBytes: 65536 });

describe('a connection the server closes before answering', () => {
  const target = oneRequestPerConnection();
  let origin: string;
  before(async () => {
    origin = await listen(target.server);
  });
  after(() => target.server.close());

  for (const method of ['GET', 'POST'] as const) {
    it(`is tried once more on a new connection (${method})`, async () => {
      const client = clientFor(origin);
      try {
        for (let i = 0; i < 3; i++) {
          const exchange = await client.send({ method, path: '/items', ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
          assert.equal(exchange.status, 200);
        }
      } finally {
        await client.close();
      }
    });
  }
});

describe('a server that closes every connection before answering', () => {
  let requests = 0;
  const server = createServer((req) => {
    requests++;
    req.socket.resetAndDestroy();
  });
  let origin: string;
  before(async () => {
    origin = await listen(server);
  });
  after(() => server.close());

  it('still fails, after one more try', async () => {
    const client = clientFor(origin);
    try {
      await assert.rejects(client.send({ method: 'GET', path: '/' }), (error: unknown) => {
        assert.ok(error instanceof TransportError);
        assert.equal(error.failure.kind, 'connection-reset');
        assert.equal(error.failure.headersReceived, false);
        return true;
      });
      assert.equal(requests, 2);
    } finally {
      await client.close();
    }
  });
});
