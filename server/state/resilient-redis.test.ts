import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LogEntry } from '../http/logging.js';
import { createSharedState, readSharedStateConfig } from './index.js';
import { until } from '../test-helpers.js';
import { freePort, haveRedisServer, startRedisServer, type RedisTestServer } from './redis-test-helpers.js';
import type { Invalidation, SharedState } from './types.js';

const ADA = 'email:ada@example.com';
const stats = { kind: 'stats', member: ADA, key: 'All' };
const rule = { capacity: 10, perMinute: 10 };
const UNAVAILABLE = 'shared state unavailable, using memory';
const BACK = 'shared state back on redis';

function nextInvalidation(state: SharedState): Promise<Invalidation> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no invalidation within 5 s')), 5000);
    const stop = state.onInvalidate((invalidation) => (clearTimeout(timer), stop(), resolve(invalidation)));
  });
}

describe('Redis away and back, with a real redis-server, two instances', { skip: !haveRedisServer() && 'no /usr/bin/redis-server' }, () => {
  let redis: RedisTestServer;
  let a: SharedState;
  let b: SharedState;
  const logs: { a: LogEntry[]; b: LogEntry[] } = { a: [], b: [] };
  const count = (entries: LogEntry[], msg: string) => entries.filter((entry) => entry.msg === msg).length;

  before(async () => {
    redis = await startRedisServer();
    // A generous deadline: this shared machine is slow at times, and a killed Redis fails calls at once anyway.
    const { config, errors } = readSharedStateConfig({ REDIS_URL: redis.url, REDIS_PREFIX: 'resilience:', REDIS_TIMEOUT_MS: '1000' });
    assert.deepEqual(errors, []);
    a = await createSharedState({ config, log: (entry) => logs.a.push(entry), probeEveryMs: 50 });
    b = await createSharedState({ config, log: (entry) => logs.b.push(entry), probeEveryMs: 50 });
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  test('shared while Redis answers', async () => {
    assert.equal(a.status(), 'redis');
    await a.cache.set(stats, { referrals: 1 }, 60_000);
    assert.deepEqual(await b.cache.get(stats), { referrals: 1 });
  });

  test('Redis killed: every operation still answers, from memory, without a throw; logged once per instance', async () => {
    await redis.kill();
    for (let i = 0; i < 20; i++) {
      await a.cache.get(stats);
      await a.cache.set({ kind: 'links', member: ADA, key: 'links' }, { shareUrl: 'u' }, 60_000);
      await a.rateLimits.take('member:ada', rule, Date.now());
      const token = await a.leases.acquire('stats|ada', 1000);
      if (token) await a.leases.release('stats|ada', token);
      // b's read may come from its one-second local copy; its bucket is in Redis.
      await b.cache.get(stats);
      await b.rateLimits.take('member:ada', rule, Date.now());
    }
    await a.cache.invalidateMember(ADA, 'stats');
    assert.deepEqual(await a.cache.get({ kind: 'links', member: ADA, key: 'links' }), { shareUrl: 'u' });
    assert.equal(a.status(), 'memory-fallback');
    assert.equal(b.status(), 'memory-fallback');
    assert.equal(count(logs.a, UNAVAILABLE), 1);
    assert.equal(count(logs.b, UNAVAILABLE), 1);
  });

  test('Redis back: both instances return to it by themselves, and share again', async () => {
    await redis.restart();
    await until(() => a.status() === 'redis' && b.status() === 'redis', { what: 'both instances back on redis' });
    assert.equal(count(logs.a, BACK), 1);
    assert.equal(count(logs.b, BACK), 1);

    await a.cache.set(stats, { referrals: 2 }, 60_000);
    assert.deepEqual(await b.cache.get(stats), { referrals: 2 });
    let allowed = 0;
    for (let i = 0; i < 3 * rule.capacity; i++) if ((await (i % 2 ? a : b).rateLimits.take('member:bob', rule, 1_800_000_000_000)).allowed) allowed += 1;
    assert.equal(allowed, rule.capacity);

    // The invalidation channel was subscribed again after the restart.
    const heard = nextInvalidation(b);
    await a.cache.invalidateMember(ADA);
    await heard;
    assert.equal(await b.cache.get(stats), undefined);
  });

  test('Redis stalled (SIGSTOP): calls end at the deadline and answer from memory; an unanswered ping moves to memory; back after SIGCONT', async () => {
    redis.pause();
    try {
      await a.cache.set(stats, { referrals: 3 }, 60_000);
      await until(() => a.status() === 'memory-fallback', { what: 'on memory once a ping went unanswered' });
      assert.deepEqual(await a.cache.get(stats), { referrals: 3 });
    } finally {
      redis.resume();
    }
    await until(() => a.status() === 'redis', { what: 'back on redis after SIGCONT' });
    assert.equal(count(logs.a, UNAVAILABLE), 2);
  });
});

test('an instance that starts while Redis is down starts on memory, answers, and closes without waiting for Redis', { timeout: 20_000 }, async () => {
  const logs: LogEntry[] = [];
  const { config } = readSharedStateConfig({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_TIMEOUT_MS: '200' });
  const state = await createSharedState({ config, log: (entry) => logs.push(entry) });
  assert.equal(state.status(), 'memory-fallback');
  assert.equal(state.spansInstances, true, 'still a shared state, on its stand-in for now: caches keep treating it as one');
  await state.cache.set(stats, { referrals: 4 }, 60_000);
  assert.deepEqual(await state.cache.get(stats), { referrals: 4 });
  assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, true);
  assert.equal(logs.filter((entry) => entry.msg === UNAVAILABLE).length, 1);
  await state.close();
});
