// Small loopback servers for tests: listen on 127.0.0.1, pass requests on, close at once.
import { type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Pass a request on to `backend` (a base URL) and its answer back; a failed upstream resets the client. */
export function forward(req: IncomingMessage, res: ServerResponse, backend: string, headers: IncomingMessage['headers'] = req.headers): void {
  const upstream = httpRequest(`${backend}${req.url ?? '/'}`, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** Listen on a free loopback port; `close` also drops the connections still open. */
export async function listenLocal(server: Server | HttpsServer, scheme: 'http' | 'https' = 'http'): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
