/**
 * The example sections several kinds share. Each shows what the code really does with the unit's
 * example (the findings a check gives, the request a probe sends), so a page cannot drift from it.
 */
import type { CheckResult } from '../../conformance/check.js';
import { findingsAsText } from '../../conformance/findings.js';
import { profileFromDocument, resolveProfile } from '../../schemas/index.js';
import type { Profile, ProfileDocument } from '../../schemas/types.js';
import { fence } from './markdown.js';
import type { Block } from './page.js';

/** The profile an example names: built in, a document of its own, or by default `kubernetes`. */
export const exampleProfile = (profile: string | ProfileDocument | undefined): Profile =>
  typeof profile === 'object' ? profileFromDocument(profile, 'example') : resolveProfile(profile ?? 'kubernetes');

/** What a failed example gives: the findings as `stylish` prints them, and the first one as JSON. */
export function findingsSections(result: CheckResult, pointer: string): Block[] {
  if (result.outcome !== 'fail') throw new Error(`the example of ${result.checkId} does not fail it (${result.outcome})`);
  return [
    'gives:',
    fence('text', findingsAsText(result.findings)),
    `In JSON (\`--format json\`) each finding is data: \`checkId\`, \`level\`, ${pointer}, \`expected\`, \`received\`, \`message\`, \`hint\`:`,
    fence('json', [JSON.stringify(result.findings[0], null, 2)]),
  ];
}

export interface ShownRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** What the request carries for credentials, when the page says. */
  credentials?: string;
  body?: string;
}

/** A body too long to read is cut, with its size: the padding of a size-limit probe says nothing. */
export function shortBody(body: string, max: number, keep: number): string {
  return body.length > max ? `${body.slice(0, keep)}… (${Buffer.byteLength(body)} bytes)` : body;
}

export function requestFence(request: ShownRequest): string {
  return fence('http', [
    `${request.method} ${request.path}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    ...(request.credentials !== undefined ? [request.credentials] : []),
    ...(request.body !== undefined ? ['', request.body] : []),
  ]);
}
