import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED } from '../../conformance/results.js';
import { compileSecrets, credentialSecrets, scrubSecrets, secretForms } from '../../conformance/secrets.js';

const scrub = (text: string, secrets: readonly string[], cut = false): string => scrubSecrets(text, compileSecrets(secrets), { cut });

describe('secretForms', () => {
  it('gives the text and its base64 and base64url at each byte offset, trimmed of the characters neighbours decide', () => {
    const secret = 'Sl/t0ken+Value~1';
    const forms = secretForms(secret);
    assert.deepEqual(forms[0], { text: secret, foldCase: true });
    for (const prefix of ['', 'a', 'ab', 'abc', 'Bearer ']) {
      for (const suffix of ['', '!', '!!']) {
        const bytes = Buffer.from(`${prefix}${secret}${suffix}`);
        for (const encoding of ['base64', 'base64url'] as const) {
          const encoded = bytes.toString(encoding);
          assert.ok(forms.some((f) => !f.foldCase && encoded.includes(f.text)), `${encoding} of ${JSON.stringify(prefix + secret + suffix)}`);
        }
      }
    }
  });

  it('gives a secret too short for fragments its whole encoding', () => {
    assert.deepEqual(secretForms('ab').map((f) => f.text), ['ab', 'YWI=']);
  });
});

describe('credentialSecrets', () => {
  it('takes the credential after the scheme, and for basic auth `user:password` and the password, not a user name', () => {
    assert.deepEqual(credentialSecrets({ authorization: 'Bearer abc.def' }), ['Bearer abc.def', 'abc.def']);
    const basic = Buffer.from('jane:s3cret').toString('base64');
    assert.deepEqual(credentialSecrets({ authorization: `Basic ${basic}` }), [`Basic ${basic}`, basic, 'jane:s3cret', 's3cret']);
    assert.deepEqual(credentialSecrets({ 'x-api-key': 'k-123', 'impersonate-user': 'jane' }), ['k-123']);
  });
});

describe('scrubSecrets', () => {
  const token = 'Sl/t0ken+"Va\\lue~é';

  it('replaces each spelling an encoder produces', () => {
    const json = JSON.stringify(token).slice(1, -1);
    const spellings = [
      token,
      token.toUpperCase(),
      json,
      json.replace(/\//g, '\\/'),
      JSON.stringify(json.replace(/\//g, '\\/')).slice(1, -1),
      token.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      encodeURIComponent(token),
      encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()),
      encodeURIComponent(encodeURIComponent(token)),
      token.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\//g, '&#x2F;').replace(/é/g, '&#233;'),
      Buffer.from(token).toString('base64'),
      Buffer.from(token).toString('base64url'),
    ];
    for (const spelling of spellings) {
      // A whole base64 echo keeps its last character or two, which hold a few bits of the secret at most.
      const left = scrub(`<${spelling}>`, [token]);
      assert.match(left, spelling.startsWith('U2wv') ? /^<\[redacted\][\w=-]{0,3}>$/ : /^<\[redacted\]>$/, spelling);
    }
    for (const prefix of ['x', 'xy', 'Bearer ']) {
      const encoded = Buffer.from(`${prefix}${token}`).toString('base64');
      assert.ok(scrub(encoded, [token]).includes(REDACTED), `base64 after ${prefix}`);
    }
    assert.equal(scrub('\uD83D\uDE00-\\ud83d\\ude00', ['\uD83D\uDE00x'.slice(0, 2)]), `${REDACTED}-${REDACTED}`);
  });

  it('replaces a short word-like secret where it stands as a word, beside an escape too, and leaves it inside other words', () => {
    const cases: Array<[string, string]> = [
      ['admin', REDACTED],
      ['user "Admin" cannot', `user "${REDACTED}" cannot`],
      ['Bearer%20admin', `Bearer%20${REDACTED}`],
      ['"line\\nadmin"', `"line\\n${REDACTED}"`],
      ['Basic jane:admin', `Basic jane:${REDACTED}`],
      ['the administrators and a sysadmin', 'the administrators and a sysadmin'],
    ];
    for (const [text, expected] of cases) assert.equal(scrub(text, ['admin']), expected, text);
    assert.equal(scrub('{"code":12345,"pin":"1234"}', ['1234']), `{"code":12345,"pin":"${REDACTED}"}`);
  });

  it('replaces a secret whose every character is escaped, letters too, over all its escapes; other escapes stay', () => {
    const matcher = compileSecrets(['Tok3nSecretValue42']);
    const every = (escape: (code: number) => string): string => [...'Tok3nSecretValue42'].map((c) => escape(c.charCodeAt(0))).join('');
    const hex = (code: number): string => code.toString(16).padStart(2, '0');
    for (const escaped of [
      every((c) => `\\u00${hex(c)}`),
      every((c) => `\\\\u00${hex(c)}`),
      every((c) => `%${hex(c).toUpperCase()}`),
      every((c) => `%25${hex(c)}`),
      every((c) => `&#${c};`),
      every((c) => `&amp;#x${hex(c)};`),
      `Tok3n${every((c) => `%${hex(c)}`).slice('Tok3n'.length * 3)}`,
    ]) {
      assert.equal(scrubSecrets(`{"m":"a%20\\u0041 ${escaped}&#33; %41"}`, matcher), `{"m":"a%20\\u0041 ${REDACTED}&#33; %41"}`, escaped);
    }
    assert.equal(scrubSecrets('%54%6F%6B %41', matcher), '%54%6F%6B %41');
  });

  it('replaces a short secret with other characters everywhere', () => {
    assert.equal(scrub('aZq7!xa zq7%21X', ['Zq7!x']), `a${REDACTED}a ${REDACTED}`);
  });

  it('replaces the start of a secret at the end of a cut text, and only of a cut one', () => {
    assert.equal(scrub('body ends with Sl/t0', [token], true), `body ends with ${REDACTED}`);
    assert.equal(scrub('body ends with Sl/t0', [token], false), 'body ends with Sl/t0');
    assert.equal(scrub('body ends with Sl', [token], true), 'body ends with Sl');
  });

  it('replaces an echoed header whole', () => {
    const matcher = compileSecrets(credentialSecrets({ authorization: 'Bearer abc.def.ghi' }));
    assert.equal(scrubSecrets('you sent Bearer abc.def.ghi, and abc.def.ghi alone', matcher), `you sent ${REDACTED}, and ${REDACTED} alone`);
  });

  it('finds nothing when there are no secrets', () => {
    assert.equal(compileSecrets([]), undefined);
    assert.equal(scrubSecrets('text', undefined), 'text');
  });
});
