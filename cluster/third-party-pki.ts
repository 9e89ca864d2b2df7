// Certificates for a third-party server, signed by the cluster CA and reused while they stay valid:
// a serving certificate for its Service's DNS name, localhost and 127.0.0.1, and a client certificate
// for its upstream ServiceAccount user name, which upstream's RBAC binds.
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { defaultLog, type Log } from './log.js';
import { leafSection, makeLeaf, OPENSSL_PREAMBLE, type PkiPaths } from './pki.js';
import { serviceDnsNameOf, type ThirdPartySpec } from './third-party-servers.js';

export interface ThirdPartyPki {
  servingCert: string;
  servingKey: string;
  clientCert: string;
  clientKey: string;
}

const MINIMUM_REMAINING_MS = 24 * 3600 * 1000;

const sansOf = (spec: ThirdPartySpec): string[] => [`DNS:${serviceDnsNameOf(spec)}`, 'DNS:localhost', 'IP:127.0.0.1'];

const opensslCnf = (spec: ThirdPartySpec): string => [OPENSSL_PREAMBLE, leafSection('serving', 'serverAuth', sansOf(spec)), leafSection('client', 'clientAuth')].join('');

/**
 * The certificates in `<pki>/third-party/<name>-*`, made first when any is missing, about to expire, not
 * signed by the current cluster CA, or lacking a name. ensurePki remakes the whole folder with a new CA.
 */
export async function ensureThirdPartyPki(pki: PkiPaths, spec: ThirdPartySpec, log: Log = defaultLog): Promise<ThirdPartyPki> {
  const dir = path.join(pki.dir, 'third-party');
  const paths: ThirdPartyPki = {
    servingCert: path.join(dir, `${spec.name}-serving.crt`),
    servingKey: path.join(dir, `${spec.name}-serving.key`),
    clientCert: path.join(dir, `${spec.name}-client.crt`),
    clientKey: path.join(dir, `${spec.name}-client.key`),
  };
  if (isUsable(pki, spec, paths)) return paths;
  log(`creating certificates for ${spec.name} in ${dir}`);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const cnf = path.join(dir, `${spec.name}-openssl.cnf`);
  await fsp.writeFile(cnf, opensslCnf(spec));
  const issuer = { caCert: pki.caCert, caKey: pki.caKey };
  await Promise.all([
    makeLeaf(cnf, issuer, paths.servingCert, paths.servingKey, `/CN=${serviceDnsNameOf(spec)}`, 'serving'),
    makeLeaf(cnf, issuer, paths.clientCert, paths.clientKey, `/CN=${spec.user}`, 'client'),
  ]);
  if (!isUsable(pki, spec, paths)) throw new Error(`certificates for ${spec.name} in ${dir} failed verification after creation`);
  return paths;
}

function isUsable(pki: PkiPaths, spec: ThirdPartySpec, paths: ThirdPartyPki): boolean {
  try {
    const ca = new X509Certificate(fs.readFileSync(pki.caCert));
    const serving = new X509Certificate(fs.readFileSync(paths.servingCert));
    const client = new X509Certificate(fs.readFileSync(paths.clientCert));
    const validUntilAtLeast = Date.now() + MINIMUM_REMAINING_MS;
    const lasts = (certificate: X509Certificate): boolean =>
      new Date(certificate.validTo).getTime() >= validUntilAtLeast && certificate.verify(ca.publicKey);
    const names = serving.subjectAltName ?? '';
    const namesCovered = sansOf(spec).every((san) => names.includes(san.replace('IP:', 'IP Address:')));
    const keysPresent = [paths.servingKey, paths.clientKey].every((file) => fs.statSync(file).size > 0);
    return lasts(serving) && lasts(client) && client.subject.includes(`CN=${spec.user}`) && namesCovered && keysPresent;
  } catch {
    return false;
  }
}
