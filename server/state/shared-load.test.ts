import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectRedis } from './redis-connection.js';
import { RedisSharedState } from './redis-state.js';
import { haveRedisServer, startRedisServer, type RedisTestServer } from './redis-test-helpers.js';
import { leaseKeyOf, loadShared } from './shared-load.js';
import { deferred } from '../test-helpers.js';

const MEMBER = 'email:ada@example.com';


describe('single flight across two instances on a real redis-server', { skip: !haveRedisServer() && 'no /usr/bin/redis-server' }, () => {
  let redis: RedisTestServer;
  let prefixCount = 0;
  const opened: RedisSharedState[] = [];
  const twoInstances = async () => {
    const prefix = `load${(prefixCount += 1)}:`;
    const pair = [0, 1].map(() => new RedisSharedState(connectRedis({ url: redis.url }), { prefix }));
    opened.push(...pair);
    await Promise.all(pair.map((state) => state.subscribed));
    return pair as [RedisSharedState, RedisSharedState];
  };

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await Promise.all(opened.map((state) => state.close()));
    await redis.stop();
  });

  test('one instance loads while the other waits and gets its value', async () => {
    const [a, b] = await twoInstances();
    const name = { kind: 'stats', member: MEMBER, key: 'All' };
    let upstreamCalls = 0;
    const holderStarted = deferred<void>();
    const upstreamAnswer = deferred<{ referrals: number }>();
    const load = () => {
      upstreamCalls += 1;
      holderStarted.resolve();
      return upstreamAnswer.promise;
    };

    const first = loadShared({ state: a, name, load, ttlMs: 60_000 });
    await holderStarted.promise;
    // The waiter's first pause is when the holder's upstream answers.
    const second = loadShared({
      state: b,
      name,
      load,
      ttlMs: 60_000,
      sleep: async () => {
        upstreamAnswer.resolve({ referrals: 7 });
        await first;
      },
    });

    assert.deepEqual(await first, { value: { referrals: 7 }, source: 'loaded' });
    assert.deepEqual(await second, { value: { referrals: 7 }, source: 'waited' });
    assert.equal(upstreamCalls, 1);
    // Lease given back: the next miss on this name takes it at once.
    assert.ok(await b.leases.acquire(`stats\u0000${MEMBER}\u0000All`, 1000));
  });

  test('a holder that crashed (lease never released) costs the waiter a bounded wait, then it loads itself', async () => {
    const [a, b] = await twoInstances();
    const name = { kind: 'stats', member: MEMBER, key: 'All' };
    // The crashed holder: took the lease and will never store nor release it.
    assert.ok(await a.leases.acquire(leaseKeyOf(name), 10_000));
    let pauses = 0;
    let upstreamCalls = 0;

    const result = await loadShared({
      state: b,
      name,
      ttlMs: 60_000,
      waitMs: 100,
      pollMs: 25,
      sleep: async () => void (pauses += 1),
      load: async () => ((upstreamCalls += 1), { referrals: 1 }),
    });

    assert.deepEqual(result, { value: { referrals: 1 }, source: 'loaded' });
    assert.equal(upstreamCalls, 1);
    assert.equal(pauses, 100 / 25);
    assert.deepEqual(await a.cache.get(name), { referrals: 1 });
  });

  test("a holder whose load fails frees the lease: the waiter takes it and loads", async () => {
    const [a, b] = await twoInstances();
    const name = { kind: 'links', member: MEMBER, key: 'links' };
    const holderStarted = deferred<void>();
    const holderFails = deferred<never>();
    const first = loadShared({ state: a, name, ttlMs: 60_000, load: () => (holderStarted.resolve(), holderFails.promise) });
    await holderStarted.promise;

    const second = await loadShared({
      state: b,
      name,
      ttlMs: 60_000,
      sleep: async () => {
        holderFails.reject(new Error('upstream 503'));
        await first.catch(() => {});
      },
      load: async () => ({ shareUrl: 'https://example.com/r/ada' }),
    });

    await assert.rejects(first, /upstream 503/);
    assert.deepEqual(second, { value: { shareUrl: 'https://example.com/r/ada' }, source: 'loaded' });
  });

  test('a cached value that `accept` refuses (no longer fresh) is loaded again', async () => {
    const [a] = await twoInstances();
    const name = { kind: 'stats', member: MEMBER, key: 'Month' };
    await a.cache.set(name, { freshUntil: 0, referrals: 1 }, 60_000);
    const result = await loadShared({
      state: a,
      name,
      ttlMs: 60_000,
      accept: (entry) => entry.freshUntil > Date.now(),
      load: async () => ({ freshUntil: Date.now() + 30_000, referrals: 2 }),
    });
    assert.equal(result.source, 'loaded');
    assert.equal(result.value.referrals, 2);
  });
});
