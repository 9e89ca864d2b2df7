// The cluster's certificates, made with the openssl CLI and reused while they stay valid.
import { X509Certificate, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { runCommandOrThrow } from './command.js';
import { defaultLog, type Log } from './log.js';
import { ADMIN_CONTEXT, UNPRIVILEGED_CONTEXT } from './names.js';

export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  unprivilegedCert: string;
  unprivilegedKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
  /** sample-apiserver's serving certificate, for `api.wardle.svc` (what the aggregator verifies) and 127.0.0.1 */
  wardleCert: string;
  wardleKey: string;
}

const OPENSSL = 'openssl';
const CERT_DAYS = '3650';
// A certificate that expires within this is made anew rather than let lapse during a run.
const MINIMUM_REMAINING_MS = 24 * 3600 * 1000;

const SERVING_SANS = [
  'IP:127.0.0.1',
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
];

/** How every openssl config of ours starts: our own, so that the system openssl.cnf defaults do not leak into the certificates. */
export const OPENSSL_PREAMBLE = '[req]\ndistinguished_name = dn\n[dn]\n';

/** An openssl config section for a leaf certificate: a server's, with the names it answers to, or a client's. */
export function leafSection(name: string, usage: 'serverAuth' | 'clientAuth', names?: readonly string[]): string {
  const lines = [
    `[${name}]`,
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage = ${usage}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    ...(names ? [`subjectAltName = ${names.join(',')}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

const CA_SECTION = '[ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier = hash\n';

const OPENSSL_CNF = [
  OPENSSL_PREAMBLE,
  CA_SECTION,
  leafSection('serving', 'serverAuth', SERVING_SANS),
  leafSection('wardle', 'serverAuth', ['DNS:api.wardle.svc', 'DNS:localhost', 'IP:127.0.0.1']),
  leafSection('client', 'clientAuth'),
].join('');

/** The certificates in `<stateDir>/pki`, made first when any is missing, broken or about to expire. */
export async function ensurePki(stateDir: string, log: Log = defaultLog): Promise<PkiPaths> {
  const pki = pkiPaths(stateDir);
  if (pkiIsUsable(pki)) return pki;
  log(`creating certificates in ${pki.dir}`);
  await createPki(pki);
  if (!pkiIsUsable(pki)) throw new Error(`certificates in ${pki.dir} failed verification after creation`);
  return pki;
}

function pkiPaths(stateDir: string): PkiPaths {
  const dir = path.join(stateDir, 'pki');
  const file = (name: string): string => path.join(dir, name);
  return {
    dir,
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    servingCert: file('apiserver.crt'),
    servingKey: file('apiserver.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    unprivilegedCert: file('unprivileged.crt'),
    unprivilegedKey: file('unprivileged.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPub: file('sa.pub'),
    frontProxyCaCert: file('front-proxy-ca.crt'),
    frontProxyCaKey: file('front-proxy-ca.key'),
    frontProxyClientCert: file('front-proxy-client.crt'),
    frontProxyClientKey: file('front-proxy-client.key'),
    wardleCert: file('wardle.crt'),
    wardleKey: file('wardle.key'),
  };
}

// ---------------------------------------------------------------- checking

/** True when every file exists, parses, is valid for another day and chains to its CA. */
function pkiIsUsable(pki: PkiPaths): boolean {
  try {
    return certificatesChainAndLast(pki) && servingCertificateCoversSans(pki) && keysAreNotEmpty(pki);
  } catch {
    return false;
  }
}

const loadCertificate = (file: string): X509Certificate => new X509Certificate(fs.readFileSync(file));

function certificatesChainAndLast(pki: PkiPaths): boolean {
  const ca = loadCertificate(pki.caCert);
  const frontProxyCa = loadCertificate(pki.frontProxyCaCert);
  const certificateAndIssuer: [X509Certificate, X509Certificate][] = [
    [ca, ca],
    [frontProxyCa, frontProxyCa],
    [loadCertificate(pki.servingCert), ca],
    [loadCertificate(pki.adminCert), ca],
    [loadCertificate(pki.unprivilegedCert), ca],
    [loadCertificate(pki.frontProxyClientCert), frontProxyCa],
    [loadCertificate(pki.wardleCert), ca],
  ];
  const validUntilAtLeast = Date.now() + MINIMUM_REMAINING_MS;
  return certificateAndIssuer.every(
    ([certificate, issuer]) => new Date(certificate.validTo).getTime() >= validUntilAtLeast && certificate.verify(issuer.publicKey),
  );
}

// A serving certificate that lacks any name the apiserver is reached by is made anew.
function servingCertificateCoversSans(pki: PkiPaths): boolean {
  const names = loadCertificate(pki.servingCert).subjectAltName ?? '';
  return SERVING_SANS.every((san) => names.includes(san.replace('IP:', 'IP Address:')));
}

// An interrupted openssl run leaves empty files behind.
function keysAreNotEmpty(pki: PkiPaths): boolean {
  const keys = [pki.caKey, pki.servingKey, pki.adminKey, pki.unprivilegedKey, pki.serviceAccountKey,
    pki.serviceAccountPub, pki.frontProxyCaKey, pki.frontProxyClientKey, pki.wardleKey];
  return keys.every((file) => fs.statSync(file).size > 0);
}

// ---------------------------------------------------------------- making

async function createPki(pki: PkiPaths): Promise<void> {
  await fsp.rm(pki.dir, { recursive: true, force: true });
  await fsp.mkdir(pki.dir, { recursive: true, mode: 0o700 });
  const cnf = path.join(pki.dir, 'openssl.cnf');
  await fsp.writeFile(cnf, OPENSSL_CNF);

  await makeCa(cnf, pki.caCert, pki.caKey, 'statuslint-ca');
  await makeCa(cnf, pki.frontProxyCaCert, pki.frontProxyCaKey, 'statuslint-front-proxy-ca');
  const signedByCa = { caCert: pki.caCert, caKey: pki.caKey };
  const signedByFrontProxyCa = { caCert: pki.frontProxyCaCert, caKey: pki.frontProxyCaKey };
  await Promise.all([
    makeLeaf(cnf, signedByCa, pki.servingCert, pki.servingKey, '/CN=kube-apiserver', 'serving'),
    // system:masters is allowed everything; the unprivileged user has no groups and no RBAC bindings.
    makeLeaf(cnf, signedByCa, pki.adminCert, pki.adminKey, `/O=system:masters/CN=${ADMIN_CONTEXT}`, 'client'),
    makeLeaf(cnf, signedByCa, pki.unprivilegedCert, pki.unprivilegedKey, `/CN=${UNPRIVILEGED_CONTEXT}`, 'client'),
    // The aggregator presents this when it proxies to an extension apiserver.
    makeLeaf(cnf, signedByFrontProxyCa, pki.frontProxyClientCert, pki.frontProxyClientKey, '/CN=front-proxy-client', 'client'),
    makeLeaf(cnf, signedByCa, pki.wardleCert, pki.wardleKey, '/CN=api.wardle.svc', 'wardle'),
    makeServiceAccountKeyPair(pki.serviceAccountKey, pki.serviceAccountPub),
  ]);
}

async function makeKey(keyFile: string): Promise<void> {
  await runCommandOrThrow(OPENSSL, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
  await fsp.chmod(keyFile, 0o600);
}

async function makeCa(cnf: string, cert: string, key: string, commonName: string): Promise<void> {
  await makeKey(key);
  await runCommandOrThrow(OPENSSL, [
    'req', '-x509', '-new', '-config', cnf, '-extensions', 'ca', '-key', key,
    '-subj', `/CN=${commonName}`, '-days', CERT_DAYS, '-sha256', '-out', cert,
  ]);
}

/** A key and a certificate signed by `issuer`, with the extensions of `profile` in `cnf` (also used by third-party-pki.ts). */
export async function makeLeaf(
  cnf: string,
  issuer: { caCert: string; caKey: string },
  cert: string,
  key: string,
  subject: string,
  /** a section of cnf */
  profile: string,
): Promise<void> {
  await makeKey(key);
  const csr = `${cert}.csr`;
  await runCommandOrThrow(OPENSSL, ['req', '-new', '-config', cnf, '-key', key, '-subj', subject, '-out', csr]);
  await runCommandOrThrow(OPENSSL, [
    'x509', '-req', '-in', csr, '-CA', issuer.caCert, '-CAkey', issuer.caKey,
    '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', CERT_DAYS, '-sha256',
    '-extfile', cnf, '-extensions', profile, '-out', cert,
  ]);
  await fsp.rm(csr, { force: true });
}

// kube-apiserver requires a service-account key pair even though nothing here uses tokens.
async function makeServiceAccountKeyPair(privateKey: string, publicKey: string): Promise<void> {
  await makeKey(privateKey);
  await runCommandOrThrow(OPENSSL, ['pkey', '-in', privateKey, '-pubout', '-out', publicKey]);
}
