import { INVALID_TOKEN, isCredentialHeader, type ResultItem, type Results } from './results.js';
import { visible } from './untrusted.js';

/**
 * The request of a probe as a `curl` command a user can paste into a POSIX shell to see the failure
 * again. Credentials are never in it: statuslint does not record them, and the command names them as
 * shell variables (`"$TOKEN"`) the user sets. Every word is single-quoted, so nothing a server or a
 * document wrote can run; what a terminal or a report would have to escape (control characters) is
 * left out with a note instead, since an escaped command would not send the same bytes.
 */

/** Longest command shown: a reproduction has to fit in a report line and a terminal's paste buffer. */
const LONGEST_COMMAND = 4000;
/** Longest body inlined; a longer one (or one cut when recorded) is read from a file the user writes. */
const LONGEST_BODY = 1000;

/** One POSIX shell word: single-quoted, each `'` closed, escaped and opened again. */
export const shellWord = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** Text a report would show escaped (control characters, log commands): not shown in a command at all. */
const changedWhenShown = (text: string): boolean => visible(text) !== text;

/** The shell variable a credential header is read from: `TOKEN` for a bearer token, else the header's name. */
export function credentialVariable(header: string, scheme: string): string {
  if (header.toLowerCase() === 'authorization') return scheme.toLowerCase() === 'basic' ? 'BASIC_AUTH' : 'TOKEN';
  return header.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'CREDENTIAL';
}

/** `-H 'Authorization: Bearer '"$TOKEN"`: the name and scheme quoted as data, the variable expanded by the shell. */
function credentialArguments(credentials: Readonly<Record<string, string>>): string[] {
  return Object.entries(credentials).flatMap(([header, scheme]) => {
    const variable = credentialVariable(header, scheme);
    // curl encodes `user:password` itself: the user sets BASIC_AUTH to that, not to base64.
    if (variable === 'BASIC_AUTH') return ['-u', `"$${variable}"`];
    return ['-H', `${shellWord(`${header}: ${scheme ? `${scheme} ` : ''}`)}"$${variable}"`];
  });
}

/** The files curl needs for the target's TLS, as variables; a client certificate only where credentials went. */
function tlsArguments(tls: NonNullable<Results['target']>['tls'], withCredentials: boolean): string[] {
  if (!tls) return [];
  return [
    ...(tls.clientCertificate && withCredentials ? ['--cert', '"$CLIENT_CERT"', '--key', '"$CLIENT_KEY"'] : []),
    ...(tls.ca ? ['--cacert', '"$CA_CERT"'] : []),
    ...(tls.insecure ? ['-k'] : []),
  ];
}

export type CurlCommand = { command: string; note?: string } | { note: string };

/** The `curl` command that sends `item`'s request again, or a note saying why there is none. */
export function curlCommand(results: Results, item: ResultItem): CurlCommand | undefined {
  const { request } = item;
  const server = item.via === 'direct' ? results.direct?.server : results.target?.server;
  if (results.command !== 'probe' || !request || !server) return undefined;
  const url = `${server.replace(/\/+$/, '')}${request.path}`;
  const headers = Object.entries(request.headers);
  // A results file may come from anywhere: the credential names and schemes it lists are checked too.
  const credentialWords = Object.entries(results.target?.credentials ?? {}).flat();
  if ([url, request.method, ...headers.flat(), ...credentialWords].some(changedWhenShown)) return { note: 'no curl command: the request line or a header holds characters a report shows escaped' };
  const words = ['curl', '-sS', '-i', '-X', shellWord(request.method), shellWord(url)];
  for (const [name, value] of headers) {
    // Never recorded with a value statuslint sent as a credential; shown as a variable all the same.
    words.push('-H', isCredentialHeader(name) ? `${shellWord(`${name}: `)}"$${credentialVariable(name, '')}"` : shellWord(`${name}: ${value}`));
  }
  if (request.credentials === 'invalid-token') words.push('-H', shellWord(`authorization: Bearer ${INVALID_TOKEN}`));
  else if (request.credentials === undefined && results.target?.credentials) words.push(...credentialArguments(results.target.credentials));
  words.push(...tlsArguments(results.target?.tls, request.credentials === undefined));
  let note: string | undefined;
  if (request.body !== undefined) {
    if (request.truncated || request.body.length > LONGEST_BODY || changedWhenShown(request.body)) {
      words.push('--data-binary', '@request-body');
      note = `the request body${request.truncated ? ', cut when recorded,' : ''} is not shown: write it to the file request-body`;
    } else {
      words.push('--data-binary', shellWord(request.body));
    }
  }
  const command = words.join(' ');
  if (command.length > LONGEST_COMMAND) return { note: `no curl command: it would be ${command.length} characters long` };
  return { command, ...(note ? { note } : {}) };
}
