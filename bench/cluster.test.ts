/** `npm run bench:cluster`, run small (servers in this process, a real redis-server): what it checks holds. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { haveRedisServer } from '../server/state/redis-test-helpers.js';
import { clusterChecks, runCluster } from './cluster.js';

it('two instances sharing one Redis at the default REDIS_TIMEOUT_MS: upstream calls per member as one instance, a webhook seen everywhere, one member limit, Redis killed and back without a failed request', { skip: !haveRedisServer() && 'no redis-server' }, async () => {
  const report = await runCluster({ members: 6, loads: 24, instances: 2, processes: false, memberLimit: 30, concurrency: 4, deadlineMs: 60_000 });
  assert.deepEqual(clusterChecks(report), []);
  assert.equal(report.upstream.perMemberInMemory > report.upstream.perMemberWithRedis, true, 'without Redis each instance calls upstream itself');
  assert.equal(report.memberLimit.allowedInMemory > report.memberLimit.allowedWithRedis, true, 'without Redis each instance has its own bucket');
});
