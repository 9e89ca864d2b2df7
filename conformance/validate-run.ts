import type { CompiledProfile } from '../schemas/index.js';
import type { Profile } from '../schemas/types.js';
import type { RecordedResponse } from './recorded.js';
import { type ResultItem, resultsHeader, type Results } from './results.js';
import { checkResponse, compiledProfileOf } from './validate.js';

/** One recorded response judged: the `index`-th (from 0) of the run. */
export function itemOf(recorded: RecordedResponse, index: number, compiled: CompiledProfile): ResultItem {
  return {
    id: `response-${index + 1}`,
    title: recorded.label,
    location: recorded.location,
    // An entry with nothing to judge (a HAR request that got no response) says why, and is not judged.
    ...(recorded.skipped !== undefined ? { error: recorded.skipped } : {}),
    ...(recorded.view.status !== undefined
      ? {
          response: {
            status: recorded.view.status,
            headers: { ...recorded.view.headers },
            ...(recorded.view.bodyText !== undefined ? { body: recorded.view.bodyText } : {}),
          },
        }
      : {}),
    checks: recorded.skipped !== undefined ? [] : checkResponse(recorded.view, compiled),
  };
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
