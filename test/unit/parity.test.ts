// The ESLint rules and the live checks judge the same responses by one catalog, so they must give the
// same answer. Before the retry guidance was asked of the catalog in one place, a `504 Timeout` or a
// `500 ServerTimeout` Status without `Retry-After` was reported by the rule and passed by `validate`,
// and a user's code marked `retryAfter: expected` reached only the rule.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import { BUILTIN_PROFILES, builtinProfile, httpStatusEntries, indexOf, loadProfileFile, validate, validateResponse, viewOfText } from '../../conformance/index.js';
import plugin from '../../rules/index.js';
import { fieldPath } from '../../schemas/body-fields.js';
import type { CatalogEntry, Profile } from '../../schemas/types.js';

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-parity-'));
/** A user's profile: its codes ask for guidance at statuses that do not ask by themselves. */
const userProfilePath = join(scratch, 'acme.json');
writeFileSync(
  userProfilePath,
  JSON.stringify({
    name: 'acme',
    extends: 'envelope',
    body: { kind: 'envelope', codeField: 'error', messageField: 'message', requestIdField: 'requestId', requestIdRequired: true },
    entries: [
      { code: 'warming_up', appearsIn: 'envelope-error', httpStatus: 500, title: 'Warming up', recovery: 'retry-backoff', retryAfter: 'expected' },
      { code: 'quota_exhausted', appearsIn: 'envelope-error', httpStatus: 403, title: 'Quota exhausted', recovery: 'retry-after' },
    ],
  }),
);

interface Judged {
  profile: string;
  /** `validate`'s profile: a built-in name or a file. */
  profileOption: string;
  loaded: Profile;
}

const PROFILES: Judged[] = [
  ...BUILTIN_PROFILES.map((name) => ({ profile: name, profileOption: name, loaded: builtinProfile(name) })),
  { profile: 'a user profile', profileOption: userProfilePath, loaded: loadProfileFile(userProfilePath) },
];

const linter = new Linter({ configType: 'flat' });
const HEADERS = { 'content-type': 'application/json' };

/** Sets a member, or a nested one where the field is a JSON pointer (Stripe's `/error/code`). */
function place(body: Record<string, unknown>, field: string, value: unknown): void {
  const path = fieldPath(field);
  let parent = body;
  for (const segment of path.slice(0, -1)) parent = (parent[segment] ??= {}) as Record<string, unknown>;
  parent[path.at(-1)!] = value;
}

/** The profile's error body for a code at a status, as a server would send it. */
function bodyOf(profile: Profile, code: string, status: number): Record<string, unknown> {
  switch (profile.body.kind) {
    case 'kubernetes-status':
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the request failed', reason: code, details: {}, code: status };
    case 'envelope': {
      const body: Record<string, unknown> = {};
      place(body, profile.body.messageField, 'the request failed');
      // After the message: GitHub's code is its message.
      place(body, profile.body.codeField ?? 'error', code);
      if (profile.body.requestIdField) place(body, profile.body.requestIdField, 'req-1');
      return body;
    }
    default:
      return { type: code, title: 'The request failed', status, detail: 'the request failed' };
  }
}

/**
 * The rules' findings for an Express handler, linted with the config of the profile (as users set it).
 * `retry-after` asks of a bare 503 as `strict` does: `recommended` leaves those out by choice (most
 * are readiness probes), while the catalog's answer, which both sides ask, is the same.
 */
function lint(judged: Judged, handler: string): Linter.LintMessage[] {
  const recommended = plugin.configs.recommended;
  const rules: Linter.RulesRecord = { ...recommended.rules, 'statuslint/retry-after': ['warn', { statusAlone: true }] };
  const config = { ...recommended, rules, settings: { statuslint: { profile: judged.profileOption } } };
  const messages = linter.verify(handler, [config as Linter.Config], 'handler.js');
  const fatal = messages.find((m) => m.fatal);
  assert.equal(fatal, undefined, `${handler}: ${fatal?.message}`);
  return messages;
}

interface Case {
  what: string;
  handler: string;
  findings: () => ReturnType<typeof validate>;
  status: number;
  entry?: CatalogEntry;
}

/** Every error code of the profile at its own status, and every error status of the HTTP table with a plain-text body. */
function casesOf(judged: Judged): Case[] {
  const index = indexOf(judged.loaded);
  const coded = index.entries(index.errorPlace()).filter((e): e is CatalogEntry & { httpStatus: number } => e.httpStatus !== null && e.httpStatus >= 400);
  const cases: Case[] = coded.map((entry) => {
    const body = bodyOf(judged.loaded, entry.code, entry.httpStatus);
    return {
      what: `${entry.httpStatus} \`${entry.code}\``,
      handler: `app.get('/', (req, res) => res.status(${entry.httpStatus}).json(${JSON.stringify(body)}));`,
      findings: () => validate(body, { profile: judged.profileOption, httpStatus: entry.httpStatus, headers: HEADERS }),
      status: entry.httpStatus,
      entry,
    };
  });
  for (const { httpStatus } of httpStatusEntries()) {
    if (httpStatus === null || httpStatus < 400) continue;
    cases.push({
      what: `${httpStatus} as plain text`,
      handler: `app.get('/', (req, res) => res.status(${httpStatus}).type('text/plain').send('the request failed'));`,
      findings: () => validateResponse(viewOfText('the request failed', httpStatus, { 'content-type': 'text/plain' }), { profile: judged.profileOption }),
      status: httpStatus,
    });
  }
  return cases;
}

for (const judged of PROFILES) {
  describe(`rules and checks agree, ${judged.profile}`, () => {
    const cases = casesOf(judged);

    it('on whether a response without Retry-After must say when to retry', () => {
      const disagreements: string[] = [];
      let asked = 0;
      for (const { what, handler, findings } of cases) {
        const rule = lint(judged, handler).find((m) => m.ruleId === 'statuslint/retry-after');
        const check = findings().find((f) => f.checkId === 'retry-guidance');
        if (Boolean(rule) !== Boolean(check)) disagreements.push(`${what}: rule ${rule ? rule.messageId : 'silent'}, check ${check ? 'retry-guidance' : 'silent'}`);
        if (rule && check) asked++;
      }
      assert.deepEqual(disagreements, []);
      // Not agreement by silence: both sides ask it of some responses.
      assert.ok(asked > 0, 'no case asks for retry guidance');
    });

    it('and the rule says "must" exactly where the catalog requires it, "should" where it expects it', () => {
      const index = indexOf(judged.loaded);
      for (const { what, handler, status, entry } of cases) {
        const rule = lint(judged, handler).find((m) => m.ruleId === 'statuslint/retry-after');
        const guidance = index.retryGuidance(status, entry);
        assert.equal(rule?.messageId, guidance && { required: 'missingRetryAfter', expected: 'retryAfterRecommended' }[guidance], what);
      }
    });

    if (judged.loaded.body.kind === 'problem') return;
    it('on whether an error code goes with the status it is sent with', () => {
      const index = indexOf(judged.loaded);
      const disagreements: string[] = [];
      for (const entry of index.entries(index.errorPlace())) {
        if (entry.httpStatus === null || entry.httpStatus < 400 || entry.code === '') continue;
        // Its own status, and one it does not go with.
        for (const status of [entry.httpStatus, entry.httpStatus === 400 ? 409 : 400]) {
          const body = bodyOf(judged.loaded, entry.code, status);
          const handler = `app.get('/', (req, res) => res.status(${status}).json(${JSON.stringify(body)}));`;
          const rule = lint(judged, handler).find((m) => ['statuslint/reason-code-match', 'statuslint/http-status-matches-body', 'statuslint/envelope-code-match'].includes(m.ruleId ?? ''));
          const check = validate(body, { profile: judged.profileOption, httpStatus: status, headers: HEADERS }).find((f) => f.checkId === 'reason-code-match');
          if (Boolean(rule) !== Boolean(check)) disagreements.push(`${status} \`${entry.code}\`: rule ${rule ? `${rule.ruleId} ${rule.messageId}` : 'silent'}, check ${check ? 'reason-code-match' : 'silent'}`);
          assert.equal(Boolean(check), status !== entry.httpStatus, `${status} \`${entry.code}\``);
        }
      }
      assert.deepEqual(disagreements, []);
    });
  });
}
