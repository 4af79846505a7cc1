/** `npm run bench:cluster`: prints the figures of `runCluster` and checks them (exit code 1 on a failed check). */
import { clusterChecks, runCluster } from './cluster.js';

/** `BENCH_REDIS_TIMEOUT_MS` sets the instances' REDIS_TIMEOUT_MS (unset: their default, 50 ms). */
const redisTimeoutText = process.env.BENCH_REDIS_TIMEOUT_MS;
const report = await runCluster({
  members: 100, loads: 3000, instances: 3, processes: true, deadlineMs: 420_000,
  redisTimeoutMs: redisTimeoutText ? Number(redisTimeoutText) : undefined,
});
const { upstream, memberLimit, redisStopped, redisBack, warm } = report;
const lines = [
  `bench:cluster — ${report.instances} instances (child processes) + one redis-server, ${report.members} members, ${report.loads} loads per cluster, loopback, REDIS_TIMEOUT_MS ${redisTimeoutText ?? '50 (default)'}`,
  `client errors (whole run):              ${report.clientErrors}`,
  `upstream calls per member, Redis:       ${upstream.perMemberWithRedis}   (one instance makes 3; without Redis: ${upstream.perMemberInMemory})`,
  `  by endpoint, Redis:                   ${JSON.stringify(upstream.byEndpointWithRedis)}`,
  `webhook to #1 seen on #2 after:         ${report.webhookVisibleAfterMs ?? 'never'} ms`,
  `member limit ${memberLimit.limit}/min, ${memberLimit.sent} sent:   ${memberLimit.allowedWithRedis} allowed with Redis, ${memberLimit.allowedInMemory} without`,
  `Redis killed mid-run:                   ${redisStopped.failed} failed of ${redisStopped.requests}; fallback logged once per instance: ${redisStopped.fallbackLoggedOncePerInstance}`,
  `Redis restarted:                        all instances back on Redis after ${redisBack.allOnRedisAfterMs ?? 'never'} ms; upstream calls per new member after: ${redisBack.perMemberAfter}`,
  `warm /v1/me round trip, Redis:          p50 ${warm.withRedis.p50} ms, p99 ${warm.withRedis.p99} ms (${warm.withRedis.count} loads)`,
  `warm /v1/me round trip, in memory:      p50 ${warm.inMemory.p50} ms, p99 ${warm.inMemory.p99} ms (${warm.inMemory.count} loads)`,
];
console.log(lines.join('\n'));
const failed = clusterChecks(report);
console.log(failed.length === 0 ? 'all checks passed' : `FAILED:\n  ${failed.join('\n  ')}`);
process.exit(failed.length === 0 ? 0 : 1);
