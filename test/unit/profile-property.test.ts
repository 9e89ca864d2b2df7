// A user's profile file is input like any other: whatever it holds, loading it gives a profile or one
// InputError naming the file and the place in it (a JSON pointer, or a line for broken syntax), never
// another exception: in the CLI's loader and in the ESLint plugin's `settings.statuslint.profile`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { validate } from '../../conformance/validate.js';
import plugin from '../../rules/index.js';
import { BUILTIN_PROFILES, compileProfile, InputError, loadProfileFile, resolveProfile } from '../../schemas/index.js';
import { APPEARS_IN, RECOVERY_CLASSES } from '../../schemas/types.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-profile-'));
let written = 0;
type Format = 'json' | 'yaml' | 'yml';
const serialize = (document: unknown, format: Format): string => (format === 'json' ? JSON.stringify(document, null, 2) : toYaml(document));
/** Each run its own file: the plugin keeps the last profile it loaded per path. */
const writeProfile = (text: string, format: Format): string => {
  const path = join(scratch, `profile-${written++}.${format}`);
  writeFileSync(path, text);
  return path;
};

const seed = process.env.STATUSLINT_FC_SEED ? Number(process.env.STATUSLINT_FC_SEED) : 20260101;

/** What loading threw, or the profile it returned; anything but an InputError fails the test. */
function load(path: string): InputError | ReturnType<typeof loadProfileFile> {
  try {
    return loadProfileFile(path);
  } catch (error) {
    assert.ok(error instanceof InputError, `not an InputError: ${(error as Error)?.stack ?? String(error)}`);
    return error;
  }
}

function expectInputError(path: string): InputError {
  const result = load(path);
  assert.ok(result instanceof InputError, `loaded: ${JSON.stringify(result).slice(0, 200)}`);
  return result;
}

/** The member a JSON pointer names, if the document has it. */
function hasPointer(document: unknown, pointer: string): boolean {
  if (pointer === '/') return true;
  let current = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/** `invalid profile: <pointer> <problem>` → the pointer. */
function reportedPointer(error: InputError): string {
  const match = /^invalid profile: (\/\S*) \S/.exec(error.message);
  assert.ok(match, `no JSON pointer in "${error.message}"`);
  return match[1] as string;
}

// --- valid documents -----------------------------------------------------------------------------

const memberName = fc.oneof(fc.constantFrom('error', 'message', 'code', 'requestId', 'statusCode', 'detail', '__proto__', 'a/b', '~0'), fc.string({ minLength: 1, maxLength: 8 }).filter((name) => !name.startsWith('/')));
/** A member name, or a JSON pointer to a nested member (code, message and status fields). */
const fieldName = fc.oneof(memberName, fc.constantFrom('/error/code', '/error/message', '/a~1b/~0c', '/__proto__/x'));
/** Profile documents the schema accepts; `full`: every optional member present too. */
function documentArbitrary(full: boolean) {
  const bodyShape = fc.oneof(
    fc.constantFrom({ kind: 'kubernetes-status' }, { kind: 'problem' }, { kind: 'none' }),
    fc.record(
      {
        kind: fc.constant('envelope'),
        codeField: fieldName,
        codeRequired: fc.boolean(),
        messageField: fieldName,
        messageList: fc.oneof(fc.constant({}), fc.record({ itemField: memberName })),
        requestIdField: memberName,
        requestIdRequired: fc.boolean(),
        requestIdHeader: fc.constantFrom('X-Request-Id', 'Request-Id'),
        statusField: fieldName,
        statusRequired: fc.boolean(),
      },
      full ? {} : { requiredKeys: ['kind', 'messageField'] },
    ),
  );
  const entry = fc.record(
    {
      code: fc.oneof(fc.constantFrom('NotFound', 'not_found', 'quota_exceeded', '', '__proto__'), fc.string({ maxLength: 10 })),
      appearsIn: fc.constantFrom(...APPEARS_IN),
      httpStatus: fc.oneof(fc.constant(null), fc.integer({ min: 100, max: 599 })),
      title: fc.string({ minLength: 1, maxLength: 8 }),
      description: fc.string({ maxLength: 8 }),
      recovery: fc.constantFrom(...RECOVERY_CLASSES),
      advice: fc.string({ maxLength: 8 }),
      source: fc.string({ maxLength: 4 }),
      clientPredicate: fc.string({ maxLength: 4 }),
      misspellings: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 2 }),
    },
    full ? {} : { requiredKeys: ['code', 'appearsIn', 'httpStatus', 'title', 'recovery'] },
  );
  return fc.record(
    {
      name: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/),
      title: fc.string({ maxLength: 8 }),
      description: fc.string({ maxLength: 8 }),
      reference: fc.constantFrom('https://example.com/errors', 'urn:x:y'),
      extends: fc.constantFrom(...BUILTIN_PROFILES),
      body: bodyShape,
      contentTypes: fc.array(fc.constantFrom('application/json', 'application/problem+json', 'application/vnd.x+json'), { maxLength: 2 }),
      entries: fc.array(entry, { maxLength: 4 }),
    },
    full ? {} : { requiredKeys: ['name', 'body'] },
  );
}
const validDocument = documentArbitrary(false);

// --- malformed documents: a valid one with exactly one thing broken -------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Set a member as data, so that `__proto__` is a key like any other. */
function setMember(object: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Mutation {
  /** Where the document is now wrong. */
  pointer: string;
  /** For a missing or extra member: its name, which the message must give. */
  member?: string;
  apply(document: Record<string, Json>): void;
}

const at = (document: Json, pointer: string): Record<string, Json> => {
  let current = document;
  for (const key of pointer.split('/').slice(1)) current = (current as Record<string, Json>)[key] as Json;
  return current as Record<string, Json>;
};

/** Paths to every object of a document that the schema closes: the root, the body and each entry. */
function closedObjects(document: Record<string, Json>): string[] {
  return ['', '/body', ...((document.entries as Json[] | undefined) ?? []).map((_, i) => `/entries/${i}`)];
}

const REQUIRED: Record<string, (document: Record<string, Json>) => string[]> = {
  '': () => ['name', 'body'],
  '/body': (d) => ((d.body as Record<string, Json>).kind === 'envelope' ? ['kind', 'messageField'] : ['kind']),
  entry: () => ['code', 'appearsIn', 'httpStatus', 'title', 'recovery'],
};

/** Values the schema refuses at a member, by member name. */
const WRONG_VALUES: Record<string, Json[]> = {
  name: [42, true, null, [], {}, '', 'Teams', 'a b', '-x', 'ü'],
  title: [1, false, ['t']],
  description: [{}, 0],
  reference: ['not a uri', 7],
  extends: ['kube', 'Kubernetes', null, 1],
  body: ['envelope', 3, null, []],
  contentTypes: ['application/json', [1], ['json'], ['application/json; charset=utf-8']],
  entries: [{}, 'x', [null], [1]],
  kind: ['Envelope', 'status', null, 1],
  codeField: ['', 1, null, '/a~2', '/x~'],
  codeRequired: ['no', 0],
  messageList: [true, 'msg', { itemField: '' }],
  messageField: ['', false],
  requestIdField: ['', [], '/error/id'],
  requestIdRequired: ['yes', 1, null],
  requestIdHeader: ['X Request Id', 'x_id', ''],
  statusField: ['', 404, '/status~'],
  statusRequired: [1, 'yes'],
  code: [404, null, true],
  appearsIn: ['status', 'envelope', null, 1],
  httpStatus: ['404', 99, 600, 404.5, true, -1],
  recovery: ['retry', 'Retry-After', null],
  advice: [1, null],
  source: [[], 2],
  clientPredicate: [{}],
  misspellings: ['x', [''], [1], ['dup', 'dup']],
};

function mutationArbitrary(document: Record<string, Json>): fc.Arbitrary<Mutation> {
  const objects = closedObjects(document);
  const missing = fc.constantFrom(...objects).chain((parent) => {
    const required = (parent.startsWith('/entries/') ? REQUIRED.entry : REQUIRED[parent])?.(document) ?? [];
    return fc.constantFrom(...required).map(
      (member): Mutation => ({ pointer: parent || '/', member, apply: (d) => void delete at(d, parent)[member] }),
    );
  });
  const extra = fc.tuple(fc.constantFrom(...objects), fc.constantFrom('entires', 'Name', 'code ', 'extend', '__proto__', 'x-vendor', ''), fc.jsonValue() as fc.Arbitrary<Json>).map(
    ([parent, member, value]): Mutation => ({ pointer: parent || '/', member, apply: (d) => setMember(at(d, parent), member, value) }),
  );
  const leaves = objects.flatMap((parent) => Object.keys(at(document, parent)).filter((key) => key in WRONG_VALUES).map((key) => `${parent}/${key}`));
  const wrong = fc.constantFrom(...leaves).chain((pointer) => {
    const key = pointer.split('/').pop() as string;
    return fc.constantFrom(...(WRONG_VALUES[key] as Json[])).map(
      (value): Mutation => ({
        pointer,
        apply: (d) => setMember(at(d, pointer.slice(0, pointer.lastIndexOf('/'))), key, value),
      }),
    );
  });
  return fc.oneof(missing, extra, wrong);
}

/** A valid document, every optional member present, and one thing broken in it. */
const malformed = documentArbitrary(true)
  .map((d) => d as unknown as Record<string, Json>)
  .chain((document) => fc.tuple(fc.constant(document), mutationArbitrary(document)))
  .map(([document, mutation]) => {
    const broken = structuredClone(document);
    mutation.apply(broken);
    return { document: broken, mutation };
  });

/** Two pointers on one path: the same member, or one inside the other. */
const onOnePath = (a: string, b: string): boolean => {
  const [x, y] = [a === '/' ? '' : a, b === '/' ? '' : b];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
};

// --- the properties ------------------------------------------------------------------------------

describe('loadProfileFile on malformed profiles', () => {
  it('one InputError naming the file, and the JSON pointer (and member) of the one thing wrong; the same for JSON and YAML', () => {
    fc.assert(
      fc.property(malformed, ({ document, mutation }) => {
        const lines = (['json', 'yaml', 'yml'] as const).map((format) => {
          const path = writeProfile(serialize(document, format), format);
          const error = expectInputError(path);
          assert.equal(error.where, path, 'the error names the file');
          assert.equal(error.toLine(), `${path}: ${error.message}`);
          const pointer = reportedPointer(error);
          assert.ok(hasPointer(document, pointer), `${pointer} is not in the document: ${error.message}`);
          // The place reported is the one broken, the object holding it, or a member of the wrong value put there.
          assert.ok(onOnePath(pointer, mutation.pointer), `${error.message} (broken: ${mutation.pointer})`);
          if (mutation.member !== undefined && mutation.pointer === pointer) assert.ok(error.message.includes(`'${mutation.member}'`), `${error.message} does not name '${mutation.member}'`);
          assert.doesNotMatch(error.message, /\n/);
          return error.message;
        });
        assert.equal(new Set(lines).size, 1, `JSON and YAML disagree: ${lines.join(' | ')}`);
      }),
      { numRuns: 300, seed },
    );
  });

  it('any JSON value: a profile, or an InputError whose pointer is in the document', () => {
    const profileish = fc.dictionary(fc.constantFrom('name', 'body', 'entries', 'extends', 'title', 'contentTypes', 'reference', 'x'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), profileish), fc.constantFrom<Format>('json', 'yaml'), (document, format) => {
        const path = writeProfile(serialize(document, format), format);
        const result = load(path);
        if (!(result instanceof InputError)) return;
        assert.equal(result.where, path);
        assert.ok(hasPointer(document, reportedPointer(result)), result.message);
      }),
      { numRuns: 400, seed },
    );
  });

  it('any text, broken syntax included: an InputError naming the file (and line for YAML), labelled by the file type', () => {
    const base = serialize(fc.sample(validDocument, { numRuns: 1, seed })[0], 'json');
    const cut = fc.nat().map((n) => base.slice(0, n % base.length));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), cut, cut.map((t) => toYaml(t)), fc.constantFrom('', '\uFEFF{}', '---\n---\n', 'a: &a [*a]', 'name: !!binary aGk=\nbody: {kind: none}', '{"name": "a", "name": "b", "body": {"kind": "none"}}'));
    fc.assert(
      fc.property(text, fc.constantFrom<Format>('json', 'yaml', 'yml'), (content, format) => {
        const path = writeProfile(content, format);
        const result = load(path);
        if (!(result instanceof InputError)) return;
        assert.ok(result.where === path || result.where?.startsWith(`${path}:`), `where: ${result.where}`);
        assert.match(result.message, format === 'json' ? /^invalid (JSON|profile): / : /^invalid (YAML|profile): /);
        assert.doesNotMatch(result.message, /\n/);
      }),
      { numRuns: 400, seed },
    );
  });

  it('names a misspelt member, and says YAML for a YAML file whatever the YAML parser refused', () => {
    const misspelt = expectInputError(writeProfile('{"name": "a", "body": {"kind": "none"}, "entires": []}', 'json'));
    assert.equal(misspelt.message, "invalid profile: / must NOT have additional property 'entires'");
    // Too many aliases is refused by the parser, but not as a syntax error.
    const aliases = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');
    assert.match(expectInputError(writeProfile(aliases, 'yaml')).message, /^invalid YAML: .*alias/);
  });

  it('a file that cannot be read, or a name that is no profile', () => {
    assert.equal(expectInputError(join(scratch, 'missing.yaml')).toLine(), `${join(scratch, 'missing.yaml')}: profile file not found`);
    assert.equal(expectInputError(scratch).toLine(), `${scratch}: cannot read profile file (EISDIR)`);
    assert.throws(() => resolveProfile('kubernets'), (e) => e instanceof InputError && e.toLine() === `--profile: unknown profile "kubernets" (use ${BUILTIN_PROFILES.join(', ')} or a file path)`);
  });

  it('resolveProfile() on any string: a profile or an InputError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...BUILTIN_PROFILES, 'Kubernetes', 'kubernets', '.', '..', '/', 'x.yaml', 'a\u0000b', '~/p.yaml')), (name) => {
        try {
          resolveProfile(name);
        } catch (error) {
          assert.ok(error instanceof InputError, `${JSON.stringify(name)}: ${(error as Error).stack}`);
          assert.ok(name === '' || error.toLine().length > error.message.length, `${JSON.stringify(name)}: "${error.toLine()}" names nothing`);
        }
      }),
      { numRuns: 300, seed },
    );
  });
});

describe('profiles the schema accepts', () => {
  // Each of these made schema compilation throw ("internal error", exit 4) before.
  const regressions: Array<[string, unknown]> = [
    ['an envelope with no codes of its own', { name: 'a', body: { kind: 'envelope', codeField: 'error', messageField: 'message' } }],
    ['a Status profile with no reasons', { name: 'a', body: { kind: 'kubernetes-status' } }],
    ['one field as code and message', { name: 'a', extends: 'envelope', body: { kind: 'envelope', codeField: 'error', messageField: 'error', requestIdField: 'error', requestIdRequired: true } }],
    ['a field called __proto__', JSON.parse('{"name": "a", "body": {"kind": "envelope", "codeField": "error", "messageField": "message", "statusField": "__proto__"}}')],
  ];
  for (const [name, document] of regressions) {
    it(`load, compile and judge bodies: ${name}`, () => {
      const profile = loadProfileFile(writeProfile(JSON.stringify(document), 'json'));
      assert.doesNotThrow(() => compileProfile(profile));
      assert.ok(Array.isArray(validate({ error: 'x', message: 'm', kind: 'Status', reason: 'NotFound', code: 404 }, { profile, httpStatus: 404 })));
    });
  }

  it('every generated one loads, compiles and judges any body without throwing', () => {
    const body = fc.oneof(fc.jsonValue(), fc.record({ kind: fc.constant('Status'), reason: fc.string(), code: fc.integer({ min: 100, max: 599 }), error: fc.string(), message: fc.string() }, { requiredKeys: [] }));
    fc.assert(
      fc.property(validDocument, fc.constantFrom<Format>('json', 'yaml'), fc.array(body, { maxLength: 3 }), fc.integer({ min: 100, max: 599 }), (document, format, bodies, status) => {
        const result = load(writeProfile(serialize(document, format), format));
        assert.ok(!(result instanceof InputError), result instanceof InputError ? result.toLine() : '');
        compileProfile(result);
        for (const b of bodies) validate(b, { profile: result, httpStatus: status });
      }),
      { numRuns: 300, seed },
    );
  });
});

describe('the ESLint plugin with a malformed settings.statuslint.profile', () => {
  const linter = new Linter({ configType: 'flat' });
  const lint = (profile: string): void => {
    linter.verify('res.status(404).json({ kind: "Status", reason: "NotFound", code: 404 });', [{ ...(plugin.configs.strict as Linter.Config), settings: { statuslint: { profile } } }], 'input.js');
  };

  it('fails the lint with the loader\'s one line (file and pointer), never another exception', () => {
    fc.assert(
      fc.property(malformed, fc.constantFrom<Format>('json', 'yaml'), ({ document }, format) => {
        const path = writeProfile(serialize(document, format), format);
        const expected = expectInputError(path).toLine();
        assert.throws(
          () => lint(path),
          (error: unknown) => {
            assert.ok(error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError), String(error));
            assert.ok(error.message.includes(`statuslint: settings.statuslint.profile "${path}": ${expected}`), error.message);
            return true;
          },
        );
      }),
      { numRuns: 60, seed },
    );
  });

  it('names an unknown profile, and lints with a valid one', () => {
    assert.throws(() => lint('kubernets'), /settings\.statuslint\.profile "kubernets": unknown profile/);
    assert.throws(() => lint(join(scratch, 'missing.json')), /settings\.statuslint\.profile ".*missing\.json": .*missing\.json: profile file not found/);
    assert.doesNotThrow(() => lint(writeProfile(JSON.stringify({ name: 'a', body: { kind: 'envelope', codeField: 'error', messageField: 'message' } }), 'json')));
  });
});
