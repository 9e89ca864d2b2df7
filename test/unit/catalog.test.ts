import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  BUILTIN_PROFILES,
  builtinProfile,
  checkProfileDocument,
  httpStatusEntries,
  indexOf,
  readCatalogDocument,
  suggestClosest,
} from '../../schemas/index.js';

describe('catalog files', () => {
  for (const name of [...BUILTIN_PROFILES, 'http'] as const) {
    it(`${name}.json is valid against the profile schema`, () => {
      assert.doesNotThrow(() => checkProfileDocument(readCatalogDocument(name), `${name}.json`));
    });
    it(`${name}.json has each code once per place`, () => {
      const keys = (readCatalogDocument(name).entries ?? []).map((e) => `${e.appearsIn}:${e.code}`);
      assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
    });
  }

  it('every entry with an HTTP status names a status the HTTP table knows', () => {
    const known = new Set(httpStatusEntries().map((e) => e.httpStatus));
    for (const name of BUILTIN_PROFILES) {
      for (const entry of builtinProfile(name).entries) {
        if (entry.httpStatus !== null) assert.ok(known.has(entry.httpStatus), `${name}:${entry.code} → ${entry.httpStatus}`);
      }
    }
  });

  it('knows every apimachinery CauseType', () => {
    const causes = indexOf(builtinProfile('kubernetes')).entries('status-cause-reason').map((e) => e.code);
    assert.equal(causes.length, 13);
  });
});

/**
 * The reasons and cause types exactly as k8s.io/apimachinery v0.37.2 defines them, read from the
 * module source (the version the local kube-apiserver is built from), not from memory.
 */
describe('catalog agrees with k8s.io/apimachinery source', () => {
  const moduleDir = (): string => {
    const out = execFileSync('go', ['mod', 'download', '-json', 'k8s.io/apimachinery@v0.37.2'], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    return (JSON.parse(out) as { Dir: string }).Dir;
  };
  const typesGo = (): string => readFileSync(join(moduleDir(), 'pkg', 'apis', 'meta', 'v1', 'types.go'), 'utf8');

  it('has every StatusReason with the code its comment names, and no other', () => {
    const source = typesGo();
    const found = new Map<string, number>();
    // Each constant's comment block ends with "Status code NNN" right above it.
    for (const match of source.matchAll(/Status code (\d{3})[^\n]*\n\s*(StatusReason\w+) StatusReason = "([^"]*)"/g)) {
      found.set(match[3]!, Number(match[1]));
    }
    assert.ok(found.size >= 20, `parsed ${found.size} reasons`);
    const catalog = indexOf(builtinProfile('kubernetes'));
    for (const [reason, code] of found) assert.equal(catalog.errorCode(reason)?.httpStatus, code, `reason "${reason}"`);
    const ours = catalog.entries('status-reason').map((e) => e.code).sort();
    assert.deepEqual(ours, [...found.keys()].sort());
  });

  it('has every CauseType string', () => {
    const strings = [...typesGo().matchAll(/CauseType\w* CauseType = "([^"]+)"/g)].map((m) => m[1]!).sort();
    const ours = indexOf(builtinProfile('kubernetes')).entries('status-cause-reason').map((e) => e.code).sort();
    assert.deepEqual(ours, strings);
  });
});

describe('did you mean', () => {
  it('suggests across case and small typos', () => {
    assert.deepEqual(suggestClosest('Notfound', ['NotFound', 'Forbidden']), ['NotFound']);
    assert.deepEqual(suggestClosest('AlredyExists', ['AlreadyExists', 'Conflict']), ['AlreadyExists']);
    assert.deepEqual(suggestClosest('Zebra', ['NotFound', 'Forbidden']), []);
  });
  it('uses recorded misspellings first', () => {
    assert.deepEqual(indexOf(builtinProfile('kubernetes')).suggest('Unauthorised'), ['Unauthorized']);
  });
});
