/**
 * The credentials a target sends, in every form a server may echo them and a reader could decode:
 * one place that knows the forms, and one scrubber the HTTP client runs over every string a server
 * controls before anything else sees it.
 */
import { isCredentialHeader, isCredentialParam, REDACTED } from './results.js';

/**
 * A string to find, and whether letters match in either case. A token echoed upper-case (hex tokens
 * often are, `strings.ToUpper` in a log line) or lower-case (a header name) still gives it away, so the
 * secret's own text folds case; its base64 forms do not, since changing their case changes the bytes.
 */
export interface SecretForm {
  text: string;
  foldCase: boolean;
}

/** Letters-and-digits secrets shorter than this may be ordinary words or numbers; see `compileSecrets`. */
const WORD_LIKE_BELOW = 8;
/** base64 fragments shorter than this would match any base64 text; a secret that short is covered by its whole encoding. */
const MIN_BASE64_FRAGMENT = 4;
/** A body cut at the size cap that ends with this much of a secret's start has that start replaced too. */
const MIN_CUT_PREFIX = 3;

const base64url = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The secret's base64 where it starts at byte offset 0, 1 or 2 of a longer encoded string (a server
 * that base64-encodes `Bearer <token>` or `user:password@host`), each trimmed to the characters that
 * only the secret's bits decide: the edge characters depend on the neighbouring bytes.
 */
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const fragment = encoded.slice(start, end);
    if (fragment.length >= MIN_BASE64_FRAGMENT) fragments.push(fragment);
  }
  // Too short for fragments: the whole encoding, padded, as a server would echo the secret alone.
  if (fragments.length === 0) fragments.push(bytes.toString('base64'));
  return fragments;
}

/**
 * Every form of one secret to look for: its text (matched in either case), and its base64 and
 * base64url at each alignment. Escaped spellings of each form (`\/`, `\u0021`, `%21`, `%2521`,
 * `&#x21;`, `&amp;`, `+` for a space) are matched character by character by the scrubber, so they
 * are not listed here.
 */
export function secretForms(secret: string): SecretForm[] {
  if (secret === '') return [];
  const encoded = base64Fragments(secret).flatMap((fragment) => [fragment, base64url(fragment)]).filter((text) => text.length >= MIN_BASE64_FRAGMENT && text !== secret);
  return [{ text: secret, foldCase: true }, ...[...new Set(encoded)].map((text) => ({ text, foldCase: false }))];
}

/**
 * The secrets in a target's authentication headers: each header's value and its credential (the part
 * after the scheme), and for basic auth also `user:password` and the password. The user
 * name alone is not a secret: servers name the user in their answers (`User "jane" cannot list pods`).
 * Client certificates and keys are not here: the key never leaves this process, and the certificate
 * is public by design (the server holds it, and sees it in the clear before TLS 1.3).
 */
export function credentialSecrets(authHeaders: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(authHeaders)) {
    // A kubeconfig's `as:` becomes `Impersonate-User`: a user name, which answers name too.
    if (/^impersonate-/i.test(name)) continue;
    const scheme = /^([A-Za-z][\w.+-]*)\s+(\S.*)$/.exec(value.trim());
    const credential = scheme ? scheme[2]!.trim() : value.trim();
    // The whole value too: an echoed header then reads `[redacted]`, not `Bearer [redacted]`.
    secrets.push(value.trim(), credential);
    if (scheme?.[1]!.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credential, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) secrets.push(decoded, decoded.slice(colon + 1));
    }
  }
  return [...new Set(secrets.filter((s) => s !== ''))];
}

/** A request with more is no browser's: the first ones are searched for, and the search stays quick to build. */
const MAX_REQUEST_SECRETS = 64;

const safelyDecoded = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const nameValues = (list: unknown): Array<{ name: string; value: string }> =>
  Array.isArray(list) ? list.filter((p): p is { name: string; value: string } => typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.value === 'string') : [];

/**
 * The secrets a recorded request (a HAR entry's `request`) sent: its credential headers, as a target's
 * are read ({@link credentialSecrets}), each cookie's value, and the values of credential query
 * parameters and URL user info. A server may echo any of them in its answer, which a report shows.
 */
export function requestSecrets(request: unknown): string[] {
  if (typeof request !== 'object' || request === null) return [];
  const { headers, cookies, queryString, url } = request as Record<string, unknown>;
  const secrets: string[] = [];
  for (const { name, value } of nameValues(headers)) {
    if (!isCredentialHeader(name)) continue;
    if (name.toLowerCase() === 'cookie') {
      for (const pair of value.split(';')) secrets.push(pair.trim(), pair.slice(pair.indexOf('=') + 1).trim());
    } else secrets.push(...credentialSecrets({ [name]: value }));
  }
  for (const { value } of nameValues(cookies)) secrets.push(value);
  for (const { name, value } of nameValues(queryString)) if (isCredentialParam(name)) secrets.push(value);
  if (typeof url === 'string' && URL.canParse(url)) {
    const parsed = new URL(url);
    for (const [name, value] of parsed.searchParams) if (isCredentialParam(name)) secrets.push(value);
    // A user name alone is named in answers (`User "jane"`), unless it is all there is: a token as user.
    const userInfo = parsed.password || parsed.username;
    if (userInfo) secrets.push(userInfo, safelyDecoded(userInfo));
  }
  return [...new Set(secrets.filter((secret) => secret.trim() !== ''))].slice(0, MAX_REQUEST_SECRETS);
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Hex digits as a pattern that takes either case: `2F` → `2[fF]`. */
const anyCaseHex = (hex: string): string => [...hex].map((d) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d)).join('');

/**
 * How deep an escape may be nested (JSON in a JSON string, a percent-encoded query inside another):
 * a bound, so that a body of a million backslashes costs a linear scan, not a quadratic one.
 */
const DEPTH = 3;
const BACKSLASHES = `{1,${2 ** (DEPTH + 1) - 1}}`;

const HTML_NAMED: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

/**
 * One character of a form and each spelling of it a decoder turns back into it: itself, a JSON escape
 * (`\/`, `\"`, `\\`, `\u0021`, surrogate pairs; more backslashes for JSON inside a JSON string), a
 * percent escape of each UTF-8 byte (either case, `%25` repeated for double encoding, `+` for a space)
 * and an HTML character reference (numeric, named, `&amp;` repeated for double escaping).
 *
 * ASCII letters and digits are matched as themselves only: no JSON, URL or HTML encoder escapes them,
 * and a pattern of plain characters is what keeps the scan fast (a server bent on hiding a token it
 * echoes can always encode it some other way; the scrubber is for servers that echo, not ones that hide).
 */
function characterPattern(char: string, foldCase: boolean): string {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  const literal = foldCase && lower !== upper && [...lower].length === 1 && [...upper].length === 1 ? `[${escapeRegExp(lower)}${escapeRegExp(upper)}]` : escapeRegExp(char);
  if (/^[A-Za-z0-9]$/.test(char)) return literal;
  const codePoint = char.codePointAt(0)!;
  const spellings: string[] = [];
  // JSON may escape these by a backslash (`/` only some encoders, PHP's json_encode among them).
  if (char === '\\') spellings.push(`\\\\${BACKSLASHES}`);
  else if (char === '/' || char === '"') spellings.push(`(?:\\\\${BACKSLASHES})?${literal}`);
  else spellings.push(literal);
  const units = codePoint > 0xffff ? [char.charCodeAt(0), char.charCodeAt(1)] : [codePoint];
  spellings.push(units.map((unit) => `\\\\${BACKSLASHES}u${anyCaseHex(unit.toString(16).padStart(4, '0'))}`).join(''));
  spellings.push([...Buffer.from(char, 'utf8')].map((byte) => `%(?:25){0,${DEPTH}}${anyCaseHex(byte.toString(16).padStart(2, '0'))}`).join(''));
  if (char === ' ') spellings.push('\\+');
  const entity = `&(?:amp;){0,${DEPTH}}`;
  spellings.push(`${entity}#[xX]0{0,4}${anyCaseHex(codePoint.toString(16))};?`, `${entity}#0{0,4}${codePoint};?`);
  const named = HTML_NAMED[char];
  if (named) spellings.push(`${entity}${named};`);
  if (char === "'") spellings.push(`${entity}#0{0,4}39;?`);
  return `(?:${spellings.join('|')})`;
}

const formPattern = (text: string, foldCase: boolean): string => [...text].map((char) => characterPattern(char, foldCase)).join('');

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const WORD_LIKE = /^[\p{L}\p{N}]+$/u;
/** Escapes that end in a letter or digit and are still an edge: `%20`, `\u0020`, `\n`. */
const ESCAPE_BEFORE = /(?:%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\[nrtbf])$/;

/** The match is glued to letters or digits: part of an ordinary word or number. */
function insideWord(whole: string, offset: number, length: number): boolean {
  const before = whole[offset - 1];
  const after = whole[offset + length];
  const gluedBefore = before !== undefined && WORD_CHARACTER.test(before) && !ESCAPE_BEFORE.test(whole.slice(Math.max(0, offset - 6), offset));
  const gluedAfter = after !== undefined && WORD_CHARACTER.test(after);
  return gluedBefore || gluedAfter;
}

/** Characters of each form the fast search looks for; the whole form is then checked where they are found. */
const ANCHOR_CHARACTERS = 12;

interface CompiledForm {
  /** The whole form and its escaped spellings, matched at one position (sticky). */
  whole: RegExp;
  /** Replaced only where it stands as a word of its own (see `compileSecrets`). */
  wordLike: boolean;
  /** Spellings whose start may end a cut text, lower-cased when the form folds case. */
  cutSpellings: string[];
  foldCase: boolean;
}

/** The compiled search for a set of secrets: built once per client, run over every server-controlled string. */
export interface SecretMatcher {
  /** The first characters of every form, in one expression: cheap to run over every response. */
  readonly anchor: RegExp;
  /** Longest first. */
  readonly forms: readonly CompiledForm[];
}

/** The form's plain spellings a cut can end in: as is, JSON-escaped (with and without `\/`), percent-encoded. */
function cutSpellingsOf(form: SecretForm): string[] {
  const json = JSON.stringify(form.text).slice(1, -1);
  const spellings = [form.text, json, json.replace(/\//g, '\\/'), encodeURIComponent(form.text)];
  return [...new Set(form.foldCase ? spellings.map((s) => s.toLowerCase()) : spellings)];
}

/**
 * The search for every form of every secret: one expression finds where any form's first characters
 * stand (a small expression that compiles to fast code, however long the secrets: service-account
 * tokens run to a kilobyte), and each place found is checked against the whole forms, longest first.
 *
 * Secrets are replaced whatever their length: `[redacted]` in an ordinary word is a small price next
 * to a leaked credential. One exception keeps ordinary words and numbers intact: a short secret
 * (under 8 characters) made only of letters and digits, such as a password `admin` or `1234`, is
 * replaced where it stands as a word of its own, not inside a longer run of letters and digits
 * (`administrators`, `sysadmin`, `12345`), where it is part of another word or number and replacing
 * it would also break the JSON the checks read. Echoes keep the edges: servers and encoders put a
 * credential after a space, a quote, `=`, `:` or an escape (`%20`, `\u0020` and `\n` count as edges)
 * and never glue it to other letters. A short secret with any other character (`Zq7!x`) is no word,
 * and is replaced everywhere, as are the base64 forms of every secret, whose neighbours are other
 * base64 characters by nature.
 */
export function compileSecrets(secrets: readonly string[]): SecretMatcher | undefined {
  const unique = [...new Set(secrets.filter((s) => s !== ''))];
  if (unique.length === 0) return undefined;
  const forms: Array<SecretForm & { wordLike: boolean }> = [];
  for (const secret of unique) {
    const wordLike = [...secret].length < WORD_LIKE_BELOW && WORD_LIKE.test(secret);
    for (const form of secretForms(secret)) forms.push({ ...form, wordLike: wordLike && form.foldCase });
  }
  forms.sort((a, b) => b.text.length - a.text.length);
  const anchors = new Set(forms.map((form) => formPattern([...form.text].slice(0, ANCHOR_CHARACTERS).join(''), form.foldCase)));
  return {
    anchor: new RegExp([...anchors].join('|'), 'g'),
    forms: forms.map((form) => ({
      whole: new RegExp(formPattern(form.text, form.foldCase), 'y'),
      wordLike: form.wordLike,
      cutSpellings: cutSpellingsOf(form),
      foldCase: form.foldCase,
    })),
  };
}

/** Where the longest form that starts at `at` ends, or -1. */
function formEndingAt(text: string, at: number, forms: readonly CompiledForm[]): number {
  for (const form of forms) {
    form.whole.lastIndex = at;
    const found = form.whole.exec(text);
    if (found && !(form.wordLike && insideWord(text, at, found[0].length))) return at + found[0].length;
  }
  return -1;
}

/** Where the longest start of a form that the text ends with begins, or -1. */
function cutStartIn(text: string, forms: readonly CompiledForm[]): number {
  let earliest = -1;
  for (const form of forms) {
    for (const spelling of form.cutSpellings) {
      const from = Math.max(0, text.length - spelling.length + 1);
      for (let at = from; at <= text.length - MIN_CUT_PREFIX && (earliest < 0 || at < earliest); at++) {
        if ((form.foldCase ? text[at]!.toLowerCase() : text[at]) !== spelling[0]) continue;
        const tail = text.slice(at);
        if (spelling.startsWith(form.foldCase ? tail.toLowerCase() : tail)) {
          earliest = at;
          break;
        }
      }
    }
  }
  return earliest;
}

/** Where each form of a secret stands in the text, in order, as [start, end) ranges that do not overlap. */
function secretRanges(text: string, matcher: SecretMatcher): Array<[number, number]> {
  const { anchor, forms } = matcher;
  const ranges: Array<[number, number]> = [];
  anchor.lastIndex = 0;
  for (let found = anchor.exec(text); found !== null; found = anchor.exec(text)) {
    const end = formEndingAt(text, found.index, forms);
    if (end < 0) {
      anchor.lastIndex = found.index + 1;
      continue;
    }
    ranges.push([found.index, end]);
    anchor.lastIndex = end;
  }
  return ranges;
}

/** The text with `[redacted]` over each range, `at` mapping the ranges' offsets to the text's. */
function replaceRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>, at: (offset: number) => number = (offset) => offset): string {
  let replaced = '';
  let copied = 0;
  for (const [start, end] of ranges) {
    replaced += `${text.slice(copied, at(start))}${REDACTED}`;
    copied = at(end);
  }
  return replaced + text.slice(copied);
}

/**
 * An escape that spells an ASCII character: JSON `\u0054`, `%54`, `&#84;`, `&#x54;`, nested as the
 * forms' patterns allow (more backslashes, `%25`, `&amp;`). The forms' own
 * patterns match letters and digits only as themselves (no encoder escapes them); a server that
 * escapes every character of an echoed token is read again with these decoded (see `scrubSecrets`).
 */
const ASCII_ESCAPE = new RegExp(
  `\\\\${BACKSLASHES}u00([0-7][0-9a-fA-F])|%(?:25){0,${DEPTH}}([0-7][0-9a-fA-F])|&(?:amp;){0,${DEPTH}}#[xX]0{0,4}([0-7]?[0-9a-fA-F]);?|&(?:amp;){0,${DEPTH}}#0{0,4}([0-9]{1,3});?`,
  'g',
);

/** Not global: a test leaves no `lastIndex` behind for the decoding's search to start from. */
const HAS_ASCII_ESCAPE = new RegExp(ASCII_ESCAPE.source);

/**
 * The start of an escape that a cut at the size cap ended: `\u00`, `%2`, `&#x5`. Such a start decodes to
 * nothing, or to the wrong character, so it is left out when the end of a cut text is read decoded.
 */
const PARTIAL_ESCAPE_AT_END = new RegExp(`(?:\\\\${BACKSLASHES}(?:u[0-9a-fA-F]{0,3})?|%(?:25){0,${DEPTH}}[0-9a-fA-F]?|&(?:amp;){0,${DEPTH}}(?:a|am|amp|#[xX]?[0-9a-fA-F]{0,6}))$`);
/** Longer than any escape's start, so that the search for one looks at the end of the text only. */
const PARTIAL_ESCAPE_LOOKBACK = 48;

/**
 * A text with its ASCII escapes decoded once, and the way back to the text. Each escape is one
 * character of `decoded`: where they stand, and what they span in the text, is all the map holds, so
 * a big body with a few escapes costs a copy of itself and no table per character.
 */
interface DecodedView {
  decoded: string;
  /** The offset in the text of an offset in `decoded` (`decoded.length` for the text's end). */
  origin(offset: number): number;
}

function decodeAsciiEscapes(text: string): DecodedView {
  const parts: string[] = [];
  // Each decoded escape: its offset in `decoded`, and where it starts and ends in the text; in order.
  const at: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let copied = 0;
  let length = 0;
  ASCII_ESCAPE.lastIndex = 0;
  for (let escape = ASCII_ESCAPE.exec(text); escape !== null; escape = ASCII_ESCAPE.exec(text)) {
    const [, json, percent, hex, decimal] = escape;
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt((json ?? percent ?? hex)!, 16);
    if (code >= 0x80) continue;
    parts.push(text.slice(copied, escape.index), String.fromCharCode(code));
    length += escape.index - copied;
    at.push(length);
    from.push(escape.index);
    copied = escape.index + escape[0].length;
    to.push(copied);
    length += 1;
  }
  parts.push(text.slice(copied));
  const origin = (offset: number): number => {
    // The last escape at or before the offset: the characters after it map one to one.
    let low = 0;
    let high = at.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (at[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return offset;
    const last = low - 1;
    return offset === at[last] ? from[last]! : to[last]! + (offset - at[last]! - 1);
  };
  return { decoded: parts.join(''), origin };
}

/**
 * Where a secret's start that a cut text ends with begins, read with the text's escapes decoded (a
 * token escaped character by character and cut at the size cap); -1 when there is none. An escape the
 * cut broke off is left out of the reading and replaced with the rest.
 */
function escapedCutStart(text: string, forms: readonly CompiledForm[]): number {
  const partial = PARTIAL_ESCAPE_AT_END.exec(text.slice(-PARTIAL_ESCAPE_LOOKBACK));
  if (partial === null && !HAS_ASCII_ESCAPE.test(text)) return -1;
  const view = decodeAsciiEscapes(partial === null ? text : text.slice(0, text.length - partial[0].length));
  const start = cutStartIn(view.decoded, forms);
  return start < 0 ? -1 : view.origin(start);
}

/**
 * The text with every form of every secret replaced by `[redacted]`. Scrub a whole text, never its
 * chunks, so a secret split across two reads is still found. With `cut`, the text ended at a size
 * cap: a secret that starts before the cut and ends after it has its start replaced too.
 *
 * A text with escapes of ASCII characters in it is searched a second time with them decoded, and a
 * secret found there is replaced in the text over all its escapes: a token written as `\u0054\u006f…`
 * (or `%54%6F…`, `&#84;…`) is shown as itself by anything that decodes the body, such as a report
 * that pretty-prints it. Only such texts pay for the second search; a cut text's end is read decoded
 * too, so a token escaped that way and cut keeps none of its start either.
 */
export function scrubSecrets(text: string, matcher: SecretMatcher | undefined, options: { cut?: boolean } = {}): string {
  if (matcher === undefined || text === '') return text;
  let scrubbed = replaceRanges(text, secretRanges(text, matcher));
  if (options.cut) {
    const start = cutStartIn(scrubbed, matcher.forms);
    if (start >= 0) scrubbed = `${scrubbed.slice(0, start)}${REDACTED}`;
  }
  if (HAS_ASCII_ESCAPE.test(scrubbed)) {
    const { decoded, origin } = decodeAsciiEscapes(scrubbed);
    const hidden = secretRanges(decoded, matcher);
    if (hidden.length > 0) scrubbed = replaceRanges(scrubbed, hidden, origin);
  }
  if (options.cut) {
    // Read again after the replacements: a whole secret just replaced is no start of one.
    const start = escapedCutStart(scrubbed, matcher.forms);
    if (start >= 0) scrubbed = `${scrubbed.slice(0, start)}${REDACTED}`;
  }
  return scrubbed;
}
