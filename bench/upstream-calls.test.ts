/** The upstream-calls figure of `npm run bench`, run small: it must keep working as config rules tighten. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { measureUpstreamCalls } from './upstream-calls.js';

it('counts three upstream calls per member (lookup, links, stats) and two per program (program, rules) however many loads', async () => {
  const report = await measureUpstreamCalls({ loads: 60, members: 20 });
  assert.equal(report.failedLoads, 0);
  assert.equal(report.upstreamCalls, 62);
  assert.deepEqual(report.byEndpoint, {
    'GET /api/members': 20,
    'POST /api/memberaccessurls': 20,
    'GET /api/memberstats/getsingle': 20,
    'GET /api/programs': 1,
    'GET /api/rewardrules': 1,
  });
});
