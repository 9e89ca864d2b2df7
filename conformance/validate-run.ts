import type { CompiledProfile } from '../schemas/index.js';
import type { Profile } from '../schemas/types.js';
import type { RecordedResponse } from './recorded.js';
import type { ResponseView } from './exchange.js';
import { type RecordedResponseData, type ResultItem, resultsHeader, type Results } from './results.js';
import { checkResponse, compiledProfileOf } from './validate.js';

/**
 * One recorded response judged: the `index`-th (from 0) of the run. Built member by member, in the
 * order the results model writes them: this runs once per response, and spreads of optional members
 * cost three times as much.
 */
export function itemOf(recorded: RecordedResponse, index: number, compiled: CompiledProfile): ResultItem {
  // `checks` is set last, after the members only some items have, as the spreads placed it.
  const item = { id: `response-${index + 1}`, title: recorded.label, location: recorded.location } as ResultItem;
  // An entry with nothing to judge (a HAR request that got no response) says why, and is not judged.
  if (recorded.skipped !== undefined) item.error = recorded.skipped;
  const view = recorded.view;
  if (view.status !== undefined) item.response = recordedResponseOf(view, view.status);
  item.checks = recorded.skipped !== undefined ? [] : checkResponse(view, compiled);
  return item;
}

/** The response as the results keep it: its status, a copy of its headers, and its text when there was one. */
function recordedResponseOf(view: ResponseView, status: number): RecordedResponseData {
  const response: RecordedResponseData = { status, headers: { ...view.headers } };
  if (view.bodyText !== undefined) response.body = view.bodyText;
  return response;
}

/** Judge recorded responses (files given to `statuslint validate`) and gather the results model. */
export function validateRecorded(responses: readonly RecordedResponse[], profile: Profile): Results {
  const startedAt = new Date().toISOString();
  const compiled = compiledProfileOf(profile);
  return {
    ...resultsHeader('validate', profile.name, startedAt),
    items: responses.map((recorded, i) => itemOf(recorded, i, compiled)),
  };
}
