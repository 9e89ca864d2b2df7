// Requests to the servers from Node itself, without kubectl: readiness checks and LocalCluster.request.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { PkiPaths } from './pki.js';

export type Identity = 'admin' | 'unprivileged' | 'anonymous';

export interface RequestOptions {
  /** which client certificate to present; 'anonymous' presents none */
  as?: Identity;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The CA and client certificates, read once per cluster rather than once per request. */
export interface TlsMaterial {
  ca: Buffer;
  certs: Record<Exclude<Identity, 'anonymous'>, { cert: Buffer; key: Buffer }>;
}

export function loadTls(pki: PkiPaths): TlsMaterial {
  return {
    ca: fs.readFileSync(pki.caCert),
    certs: {
      admin: { cert: fs.readFileSync(pki.adminCert), key: fs.readFileSync(pki.adminKey) },
      unprivileged: { cert: fs.readFileSync(pki.unprivilegedCert), key: fs.readFileSync(pki.unprivilegedKey) },
    },
  };
}

/** One HTTPS request to `server` as the chosen identity; any HTTP status resolves. */
export function apiRequest(server: string, tls: TlsMaterial, pathAndQuery: string, options: RequestOptions = {}): Promise<ApiResponse> {
  const url = new URL(pathAndQuery, server);
  const identity = options.as ?? 'admin';
  const clientCertificate = identity === 'anonymous' ? {} : tls.certs[identity];
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: tls.ca,
        ...clientCertificate,
        agent: false,
        headers: { accept: 'application/json', ...options.headers },
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`request to ${url.href} timed out`)));
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The status of a plain-HTTP GET (etcd's /health), or 0 when nothing answers. Never rejects. */
export function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}
