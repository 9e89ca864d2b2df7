/** The fixed results models every reporter test renders, and a copy laced with credentials. */
import { readFileSync } from 'node:fs';
import type { Results } from '../../conformance/results.js';
import { fixture } from '../helpers/paths.js';

/** `statuslint probe --allow-writes` against the broken server: 31 responses, MUST and SHOULD findings, one aggregated group-version. */
export const brokenServerResults = (): Results => JSON.parse(readFileSync(fixture('results', 'broken-server.json'), 'utf8')) as Results;

/** `statuslint validate` of test/fixtures/recorded/mixed.har: 13 responses, 8 with findings. */
export const validateResults = (): Results => JSON.parse(readFileSync(fixture('results', 'validate-mixed.json'), 'utf8')) as Results;

/** Values that must appear in no report, whatever the model holds. */
export const SECRETS = {
  bearer: 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.Zm9yZ2VkLXNpZ25hdHVyZQ',
  cookie: 'session=c00k1e-s3cr3t-v4lu3',
  apiKey: 'ak_live_5f3c9e1d7b2a4c6e',
  proxy: 'Basic cHJveHk6cHJveHktcGFzc3dvcmQ=',
  customToken: 'x-tok-9d8c7b6a5e4f',
  setCookie: 'sid=s3t-c00k1e-fr0m-s3rv3r',
  queryToken: 'qt-1a2b3c4d5e6f',
  userInfo: 'admin:hunter2-userinfo',
  secretData: 'c3VwZXItc2VjcmV0LWRhdGE=',
} as const;

/** The fixture as a careless tool might have written it: credentials in headers, URLs and a Secret body. */
export function withCredentials(results: Results): Results {
  const copy = JSON.parse(JSON.stringify(results)) as Results;
  if (copy.target) copy.target.server = copy.target.server.replace('://', `://${SECRETS.userInfo}@`);
  copy.items.forEach((item, i) => {
    if (item.request) {
      Object.assign(item.request.headers, {
        authorization: `Bearer ${SECRETS.bearer}`,
        cookie: SECRETS.cookie,
        'x-api-key': SECRETS.apiKey,
        'proxy-authorization': SECRETS.proxy,
        'x-auth-token': SECRETS.customToken,
      });
    }
    if (item.response) item.response.headers['set-cookie'] = SECRETS.setCookie;
    if (i === 0 && item.request) {
      item.request.path += `${item.request.path.includes('?') ? '&' : '?'}access_token=${SECRETS.queryToken}`;
      item.location = `${item.request.method} ${item.request.path}`;
      item.request.body = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: SECRETS.secretData } });
    }
  });
  return copy;
}
