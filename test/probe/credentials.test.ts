/**
 * Credentials given to `statuslint probe` are used and never shown: a bearer token and a client
 * certificate go to a local HTTPS stand-in for kube-apiserver (the broken-server fixture behind a TLS
 * front that demands both), and every output of the run is scanned for them: each report format
 * written to a file, standard output, standard error and the progress line. The server's certificate
 * is verified unless the user opts out, and no credential reaches a server that fails verification.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { INVALID_TOKEN } from '../../conformance/http.js';
import type { Results } from '../../conformance/results.js';
import { REPORTERS } from '../../conformance/reporters/index.js';
import { type BrokenServer, GOOD_TOKEN, startBrokenServer } from '../fixtures/broken-server/server.js';
import { type CliRun, runNode } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';
import { forward, listenLocal } from '../helpers/servers.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-credentials-'));
const file = (name: string): string => join(scratch, name);

// An opaque bearer token; lower-case letters and digits, so the control run can also use it as a namespace.
const TOKEN = `sltoken${randomBytes(20).toString('hex')}`;
const CLIENT_CN = 'statuslint-prober';

// --- certificates --------------------------------------------------------------------------------

const openssl = (args: string[]): Promise<unknown> => promisify(execFile)('openssl', args);

async function makeCa(name: string): Promise<void> {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.crt`), '-subj', `/CN=${name}`, '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

async function makeLeaf(name: string, ca: string, subject: string, extensions: string): Promise<void> {
  writeFileSync(file(`${name}.ext`), extensions);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject]);
  await openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.crt`), '-CAkey', file(`${ca}.key`), '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-days', '2', '-sha256', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`)]);
}

// --- the target: TLS in front of the broken-server fixture -----------------------------------------

interface Seen {
  requests: number;
  /** Requests that came with the token and a client certificate the CA signed. */
  withBoth: number;
  withToken: number;
  withClientCert: number;
  /** Requests that came with statuslint's invalid token and no client certificate (the unauthenticated probe). */
  withInvalidTokenOnly: number;
}

interface Front {
  url: string;
  seen: Seen;
  close(): Promise<void>;
}

/**
 * An HTTPS server that asks for a client certificate and passes each request on to the fixture,
 * authenticated there only when it came with both the token and a certificate for CLIENT_CN.
 */
async function startFront(backend: BrokenServer, cert: string): Promise<Front> {
  const seen: Seen = { requests: 0, withBoth: 0, withToken: 0, withClientCert: 0, withInvalidTokenOnly: 0 };
  const server: Server = createHttpsServer(
    // Not rejecting unauthorised clients at the handshake: the unauthenticated probe sends no certificate.
    {
      key: readFileSync(file(`${cert}.key`)),
      cert: readFileSync(file(`${cert}.crt`)),
      ca: readFileSync(file('client-ca.crt')),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const token = req.headers.authorization === `Bearer ${TOKEN}`;
      const clientCert = socket.authorized && socket.getPeerCertificate().subject?.CN === CLIENT_CN;
      seen.requests++;
      if (token) seen.withToken++;
      if (clientCert) seen.withClientCert++;
      if (token && clientCert) seen.withBoth++;
      if (req.headers.authorization === `Bearer ${INVALID_TOKEN}` && socket.getPeerCertificate().subject === undefined) seen.withInvalidTokenOnly++;
      const headers = { ...req.headers };
      delete headers.authorization;
      if (token && clientCert) headers.authorization = `Bearer ${GOOD_TOKEN}`;
      forward(req, res, backend.url, headers);
    },
  );
  return { ...(await listenLocal(server, 'https')), seen };
}

// --- running the CLI -----------------------------------------------------------------------------

/**
 * Run the built bin as `runCli` does, with standard error taken for a terminal so that the
 * progress line is written (it is only ever shown on one).
 */
function probe(args: readonly string[]): Promise<CliRun> {
  return runNode(['--import', 'data:text/javascript,process.stderr.isTTY=true', cliPath, 'probe', ...args], { env: { NO_COLOR: '1', KUBECONFIG: '' } });
}

const FORMATS = [...REPORTERS.keys()];

/** `-f stylish -o out.stylish -f json -o out.json …` for every format, and stylish again on standard output. */
function everyFormat(prefix: string): { args: string[]; files: Map<string, string> } {
  const files = new Map(FORMATS.map((format) => [format, file(`${prefix}.${format}`)]));
  return { args: [...[...files].flatMap(([format, path]) => ['-f', format, '-o', path]), '-f', 'stylish'], files };
}

// --- the scan ------------------------------------------------------------------------------------

interface Needle {
  what: string;
  text: string;
}

/** What must never show: the token, each line of the key, the key as kubeconfig embeds it, the certificate. */
function credentialNeedles(): Needle[] {
  const keyPem = readFileSync(file('client.key'), 'utf8');
  const certPem = readFileSync(file('client.crt'), 'utf8');
  const bodyLines = (pem: string): string[] => pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
  return [
    { what: 'the token', text: TOKEN },
    ...bodyLines(keyPem).map((text, i) => ({ what: `line ${i + 2} of the client key`, text })),
    { what: 'the client key as base64 (kubeconfig client-key-data)', text: Buffer.from(keyPem).toString('base64') },
    { what: 'a private key header', text: 'PRIVATE KEY-----' },
    { what: 'the client certificate body', text: bodyLines(certPem).join('') },
    ...bodyLines(certPem).map((text, i) => ({ what: `line ${i + 2} of the client certificate`, text })),
  ];
}

function leaks(outputs: ReadonlyMap<string, string>, needles: readonly Needle[]): string[] {
  const found: string[] = [];
  for (const [where, text] of outputs) for (const needle of needles) if (text.includes(needle.text)) found.push(`${needle.what} in ${where}`);
  return found;
}

/** Every output of a run: the report files, standard output, and standard error with the progress line. */
function outputsOf(run: CliRun, files: ReadonlyMap<string, string>): Map<string, string> {
  const outputs = new Map<string, string>([['stdout', run.stdout], ['stderr (progress included)', run.stderr]]);
  for (const [format, path] of files) outputs.set(`${format} file`, readFileSync(path, 'utf8'));
  return outputs;
}

// --- the tests -----------------------------------------------------------------------------------

let backend: BrokenServer;
let front: Front;

before(async () => {
  await Promise.all([makeCa('server-ca'), makeCa('client-ca'), makeCa('unknown-ca')]);
  await Promise.all([
    makeLeaf('server', 'server-ca', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'),
    makeLeaf('elsewhere', 'server-ca', '/CN=elsewhere.invalid', 'subjectAltName=DNS:elsewhere.invalid\nextendedKeyUsage=serverAuth\n'),
    makeLeaf('client', 'client-ca', `/CN=${CLIENT_CN}`, 'extendedKeyUsage=clientAuth\n'),
  ]);
  // A few defects, so that the reports hold findings, hints and response bodies, not just passes.
  backend = await startBrokenServer({ defects: ['wrong-code-for-reason', 'html-error-page', 'no-message'] });
  front = await startFront(backend, 'server');
});

after(async () => {
  await front?.close();
  await backend?.close();
});

/** Every request carried the token and the certificate, except the unauthenticated probe's, which carried an invalid token and no certificate. */
function assertCredentialsUsed(before: Seen, results: Results): void {
  const count = (key: keyof Seen): number => front.seen[key] - before[key];
  const anonymous = results.items.filter((i) => i.probeId === 'unauthenticated' && i.response !== undefined).length;
  assert.ok(anonymous >= 1 && count('requests') > 20, `${count('requests')} requests, ${anonymous} anonymous`);
  assert.equal(count('withBoth'), count('requests') - anonymous, 'requests without the token and the certificate');
  assert.equal(count('withToken'), count('withBoth'), 'the token without the certificate');
  assert.equal(count('withClientCert'), count('withBoth'), 'the certificate without the token');
  assert.equal(count('withInvalidTokenOnly'), anonymous, 'the unauthenticated probe sent an invalid token and nothing else');
}

const credentialFlags = (): string[] => ['--token', TOKEN, '--cert', file('client.crt'), '--key', file('client.key')];

describe('statuslint probe with a token and a client certificate', () => {
  it('the scan finds each credential where it is written, so finding none below means something', () => {
    const needles = credentialNeedles();
    assert.ok(needles.length > 20, `${needles.length} needles`);
    const keyFile = readFileSync(file('client.key'), 'utf8');
    const certFile = readFileSync(file('client.crt'), 'utf8');
    const kubeconfigStyle = `client-key-data: ${Buffer.from(keyFile).toString('base64')}\nclient-certificate-data: ${Buffer.from(certFile).toString('base64')}`;
    for (const needle of needles) {
      const haystack = new Map([['the key and certificate files', keyFile + certFile + TOKEN], ['a kubeconfig', kubeconfigStyle], ['the certificate as one line', new X509Certificate(certFile).raw.toString('base64')]]);
      assert.ok(leaks(haystack, [needle]).length > 0, `${needle.what} would not be found`);
    }
  });

  it('uses both credentials and shows neither in any format, standard output, standard error or progress', async () => {
    const before = { ...front.seen };
    const { args, files } = everyFormat('flags');
    const run = await probe(['--server', front.url, '--ca', file('server-ca.crt'), ...credentialFlags(), ...args]);
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(readFileSync(files.get('json')!, 'utf8')) as Results;
    assertCredentialsUsed(before, results);
    const statusOf = (probeId: string): number | undefined => results.items.find((i) => i.probeId === probeId && i.resource === 'configmaps')?.response?.status;
    assert.equal(statusOf('get-missing'), 404);
    assert.equal(statusOf('unauthenticated'), 401);
    // Everything was written: each format, the stylish report and the progress line.
    for (const [format, path] of files) assert.ok(readFileSync(path, 'utf8').length > 200, `${format} is nearly empty`);
    assert.match(run.stdout, /not conformant/);
    assert.match(run.stderr, new RegExp(`probing ${front.url.replace(/\./g, '\\.')}: \\d+/\\d+`));
    assert.deepEqual(leaks(outputsOf(run, files), credentialNeedles()), []);
  });

  it('the same through a kubeconfig that embeds them (token, client-certificate-data, client-key-data)', async () => {
    const base64 = (name: string): string => readFileSync(file(name)).toString('base64');
    const kubeconfig = file('kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${front.url}", certificate-authority-data: ${base64('server-ca.crt')} } }]
users: [{ name: u, user: { token: "${TOKEN}", client-certificate-data: ${base64('client.crt')}, client-key-data: ${base64('client.key')} } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`,
    );
    const before = { ...front.seen };
    const { args, files } = everyFormat('kubeconfig');
    const run = await probe(['--kubeconfig', kubeconfig, ...args]);
    assert.equal(run.code, 1, run.stderr);
    assertCredentialsUsed(before, JSON.parse(readFileSync(files.get('json')!, 'utf8')) as Results);
    assert.deepEqual(leaks(outputsOf(run, files), credentialNeedles()), []);
  });

  it('a password in the server URL shows neither in the progress line nor in a "did not answer" error', async () => {
    const password = `pw${randomBytes(12).toString('hex')}`;
    const withPassword = (url: string): string => url.replace('https://', `https://prober:${password}@`);
    const { args, files } = everyFormat('userinfo');
    const run = await probe(['--server', withPassword(front.url), '--ca', file('server-ca.crt'), ...credentialFlags(), '--resource', 'configmaps', '--probe', 'get-missing', ...args]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stderr, /probing https:\/\/127\.0\.0\.1:\d+: \d+\/\d+/);
    const refused = await probe(['--server', withPassword('https://127.0.0.1:1'), ...credentialFlags()]);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /did not answer/);
    const outputs = outputsOf(run, files);
    outputs.set('stderr of the refused run', refused.stderr);
    assert.deepEqual(leaks(outputs, [{ what: 'the URL password', text: password }, ...credentialNeedles()]), []);
  });

  it('a certificate or key TLS cannot use is a configuration error (exit 2) naming the file, not an unreachable target', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--cert', file('client.key'), '--key', file('client.key')], /^statuslint: --cert: .*client\.key is not a PEM certificate\n$/],
      [['--cert', file('client.crt'), '--key', file('client.crt')], /^statuslint: --key: .*client\.crt is not a usable PEM private key \(\w+\)\n$/],
      [['--cert', file('client.crt'), '--key', file('server.key')], /^statuslint: --key: .*server\.key is not the key of .*client\.crt\n$/],
    ];
    const runs = await Promise.all(cases.map(([flags]) => probe(['--server', front.url, '--ca', file('server-ca.crt'), '--token', TOKEN, ...flags])));
    runs.forEach((run, i) => {
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, cases[i]![1]);
      assert.deepEqual(leaks(new Map([['stderr', run.stderr]]), credentialNeedles()), []);
    });
    const kubeconfig = file('kubeconfig-mismatch');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${front.url}", certificate-authority: ${file('server-ca.crt')} } }]
users: [{ name: u, user: { client-certificate: ${file('client.crt')}, client-key: ${file('server.key')} } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`,
    );
    const mismatch = await probe(['--kubeconfig', kubeconfig]);
    assert.equal(mismatch.code, 2, mismatch.stderr);
    assert.equal(mismatch.stderr, `statuslint: ${kubeconfig} (context "ctx"): client-key is not the key of client-certificate\n`);
  });

  it('control: a value the reports do show (the namespace) is found by the same scan', async () => {
    // The token doubles as the namespace here; request paths name the namespace in the reports.
    const { args, files } = everyFormat('control');
    const run = await probe(['--server', front.url, '--ca', file('server-ca.crt'), ...credentialFlags(), '--namespace', TOKEN, '--resource', 'configmaps', '--probe', 'get-missing', ...args]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const found = leaks(outputsOf(run, files), [{ what: 'the namespace', text: TOKEN }]);
    assert.ok(found.includes('the namespace in json file') && found.includes('the namespace in html file'), found.join(', '));
  });
});

describe('server certificate verification', () => {
  it('refuses a server whose CA it was not given (exit 3, one line), and sends it no credential', async () => {
    const before = { ...front.seen };
    const run = await probe(['--server', front.url, ...credentialFlags(), '--format', 'json']);
    assert.equal(run.code, 3, run.stderr);
    // The terminal's progress line is cleared first; then one line.
    assert.match(run.stderr.replace(/^\r\u001b\[2K/, ''), new RegExp(`^statuslint: ${front.url.replace(/\./g, '\\.')} did not answer: .*(certificate|UNABLE_TO_VERIFY|SELF_SIGNED).*\\n$`, 'i'));
    assert.equal(run.stdout, '');
    assert.equal(front.seen.requests - before.requests, 0, 'a request reached the unverified server');
    assert.deepEqual(leaks(new Map([['stderr', run.stderr]]), credentialNeedles()), []);
  });

  it('refuses it with the wrong CA, and a certificate for another name even with the right CA', async () => {
    const elsewhere = await startFront(backend, 'elsewhere');
    try {
      const [wrongCa, wrongName] = await Promise.all([
        probe(['--server', front.url, '--ca', file('unknown-ca.crt'), ...credentialFlags()]),
        probe(['--server', elsewhere.url, '--ca', file('server-ca.crt'), ...credentialFlags()]),
      ]);
      assert.equal(wrongCa.code, 3, wrongCa.stderr);
      assert.equal(wrongName.code, 3, wrongName.stderr);
      assert.match(wrongName.stderr, /did not answer: .*(altnames|ERR_TLS_CERT_ALTNAME_INVALID)/i);
      assert.equal(elsewhere.seen.requests, 0);
    } finally {
      await elsewhere.close();
    }
  });

  it('probes it when the user opts out, with --insecure-skip-tls-verify or the kubeconfig\'s insecure-skip-tls-verify', async () => {
    const kubeconfig = (name: string, insecure: boolean): string => {
      const path = file(name);
      writeFileSync(
        path,
        `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${front.url}"${insecure ? ', insecure-skip-tls-verify: true' : ''} } }]
users: [{ name: u, user: { token: "${TOKEN}", client-certificate: ${file('client.crt')}, client-key: ${file('client.key')} } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`,
      );
      return path;
    };
    const selection = ['--resource', 'configmaps', '--probe', 'get-missing', '--format', 'json'];
    const [flagged, configured, verified] = await Promise.all([
      probe(['--server', front.url, '--insecure-skip-tls-verify', ...credentialFlags(), ...selection]),
      probe(['--kubeconfig', kubeconfig('kubeconfig-insecure', true), ...selection]),
      // The same kubeconfig cluster without the opt-out is refused.
      probe(['--kubeconfig', kubeconfig('kubeconfig-verified', false), ...selection]),
    ]);
    for (const run of [flagged, configured]) {
      assert.equal(run.code, 0, run.stderr);
      assert.equal((JSON.parse(run.stdout) as Results).items.find((i) => i.probeId === 'get-missing')?.response?.status, 404);
    }
    assert.equal(verified.code, 3, verified.stderr);
  });
});
