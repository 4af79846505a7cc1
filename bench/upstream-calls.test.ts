/** The upstream-calls figure of `npm run bench`, run small: it must keep working as config rules tighten. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { measureUpstreamCalls } from './upstream-calls.js';

it('counts three upstream calls per member (lookup, links, stats) however many loads', async () => {
  const report = await measureUpstreamCalls({ loads: 60, members: 20 });
  assert.equal(report.failedLoads, 0);
  assert.equal(report.upstreamCalls, 60);
  assert.deepEqual(Object.values(report.byEndpoint), [20, 20, 20]);
});
