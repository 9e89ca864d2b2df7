// Free loopback ports for each start, so several clusters (tests in parallel, cluster:up) can run at once.
import * as net from 'node:net';

/** `count` distinct ports that were free a moment ago on 127.0.0.1. */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  // All listeners stay open until every port is known, so the kernel cannot hand out one twice.
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}
