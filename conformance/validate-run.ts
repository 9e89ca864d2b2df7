import type { Profile } from '../schemas/types.js';
import type { RecordedResponse } from './recorded.js';
import { resultsHeader, type Results } from './results.js';
import { checkResponse, compiledProfileOf } from './validate.js';

/** Judge recorded responses (files given to `statuslint validate`) and gather the results model. */
export function validateRecorded(responses: readonly RecordedResponse[], profile: Profile): Results {
  const startedAt = new Date().toISOString();
  const compiled = compiledProfileOf(profile);
  const items = responses.map((recorded, i) => ({
    id: `response-${i + 1}`,
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
  }));
  return {
    ...resultsHeader('validate', profile.name, startedAt),
    items,
  };
}
