import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSharedState, readSharedStateConfig } from './index.js';
import { Keyspace } from './keyspace.js';
import { MemorySharedState } from './memory-state.js';
import { loadShared } from './shared-load.js';

const ADA = 'email:ada@example.com';
const BOB = 'referralCode:bob2024';

describe('memory shared state (one instance, no Redis)', () => {
  const at = (start: number) => {
    let now = start;
    return { clock: () => now, advance: (ms: number) => void (now += ms) };
  };

  test('entries expire after their own TTL', async () => {
    const time = at(1_000);
    const state = new MemorySharedState({ clock: time.clock });
    await state.cache.set({ kind: 'stats', member: ADA, key: 'All' }, { referrals: 1 }, 30_000);
    time.advance(29_999);
    assert.deepEqual(await state.cache.get({ kind: 'stats', member: ADA, key: 'All' }), { referrals: 1 });
    time.advance(1);
    assert.equal(await state.cache.get({ kind: 'stats', member: ADA, key: 'All' }), undefined);
  });

  test("invalidating a member drops exactly that member's entries (of the kind asked)", async () => {
    const state = new MemorySharedState();
    const names = [
      { kind: 'stats', member: ADA, key: 'All' },
      { kind: 'stats', member: ADA, key: 'Month' },
      { kind: 'links', member: ADA, key: 'links' },
      { kind: 'stats', member: BOB, key: 'All' },
      { kind: 'programs', key: 'list' },
    ];
    for (const name of names) await state.cache.set(name, name.key, 60_000);
    await state.cache.invalidateMember(ADA, 'stats');
    const left = await Promise.all(names.map((name) => state.cache.get(name)));
    assert.deepEqual(left, [undefined, undefined, 'links', 'All', 'list']);
  });

  test('the in-memory bucket: capacity, then refused with a retry time', async () => {
    const state = new MemorySharedState();
    const rule = { capacity: 3, perMinute: 3 };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await state.rateLimits.take('member:ada', rule, 0));
    assert.deepEqual(answers.map((answer) => answer.allowed), [true, true, true, false]);
    assert.ok(answers[3]!.retryAfterMs > 0);
    assert.equal((await state.rateLimits.take('member:ada', rule, answers[3]!.retryAfterMs)).allowed, true);
  });

  test('a lease is exclusive until released by its token or expired', async () => {
    const time = at(0);
    const state = new MemorySharedState({ clock: time.clock });
    const token = await state.leases.acquire('k', 1000);
    assert.ok(token);
    assert.equal(await state.leases.acquire('k', 1000), null);
    await state.leases.release('k', 'other');
    assert.equal(await state.leases.acquire('k', 1000), null);
    time.advance(1000);
    assert.ok(await state.leases.acquire('k', 1000), 'an expired lease is free');
  });

  test('loadShared on memory: a second miss while the first loads waits for it', async () => {
    const state = new MemorySharedState();
    const name = { kind: 'stats', member: ADA, key: 'All' };
    let calls = 0;
    let finish!: (value: number) => void;
    let started!: () => void;
    const loading = new Promise<void>((resolve) => (started = resolve));
    const first = loadShared({ state, name, ttlMs: 1000, load: () => ((calls += 1), started(), new Promise<number>((resolve) => (finish = resolve))) });
    await loading;
    const second = loadShared({ state, name, ttlMs: 1000, load: async () => ((calls += 1), -1), sleep: async () => (finish(42), void (await first)) });
    assert.deepEqual(await second, { value: 42, source: 'waited' });
    assert.equal(calls, 1);
  });

  test('without REDIS_URL, createSharedState is memory and needs no Redis', async () => {
    const { config, errors } = readSharedStateConfig({});
    assert.deepEqual(errors, []);
    const state = await createSharedState({ config, log: () => assert.fail('nothing to log') });
    assert.equal(state.status(), 'memory');
    assert.equal(state.spansInstances, false, 'this process alone: a cache in front keeps its own copies only');
    await state.close();
  });
});

describe('shared-state configuration and key layout', () => {
  test('REDIS_URL, REDIS_PREFIX and REDIS_TIMEOUT_MS are checked, each mistake one line, the URL never echoed', () => {
    const good = readSharedStateConfig({ REDIS_URL: 'rediss://:pw@redis.internal:6380/2', REDIS_PREFIX: 'shop-a:', REDIS_TIMEOUT_MS: '75' });
    assert.deepEqual(good, { config: { redisUrl: 'rediss://:pw@redis.internal:6380/2', prefix: 'shop-a:', deadlineMs: 75 }, errors: [] });

    const bad = readSharedStateConfig({ REDIS_URL: 'http://user:hunter2@x', REDIS_PREFIX: 'a b', REDIS_TIMEOUT_MS: '0' });
    assert.equal(bad.errors.length, 3);
    assert.doesNotMatch(bad.errors.join('\n'), /hunter2/);
  });

  test('identifiers are hashed in keys, per prefix; a member shares one tag across its entries', async () => {
    const keys = new Keyspace('shop-a:');
    const stats = await keys.entry({ kind: 'stats', member: ADA, key: 'All' });
    const links = await keys.entry({ kind: 'links', member: ADA, key: 'links' });
    for (const key of [stats.entry, stats.group!, links.entry, await keys.bucket(`member:${ADA}`), await keys.lease(ADA)]) {
      assert.ok(key.startsWith('shop-a:'), key);
      assert.doesNotMatch(key, /ada|example/i);
    }
    assert.equal(stats.memberTag, links.memberTag);
    assert.ok(stats.entry.includes(`{${stats.memberTag}}`), 'the member tag is the hash tag (one cluster slot)');
    assert.notEqual(stats.memberTag, (await new Keyspace('shop-b:').entry({ kind: 'stats', member: ADA, key: 'All' })).memberTag);
    await assert.rejects(keys.entry({ kind: 'Stats*', key: 'x' }), TypeError);
  });

  test('an entry kind may not be a word the keyspace uses itself (a flush of kind "member" would scan away every member group)', async () => {
    const keys = new Keyspace('shop-a:');
    for (const kind of ['member', 'rate', 'lease', 'kinds', 'invalidate']) await assert.rejects(keys.entry({ kind, key: 'x' }), TypeError, kind);
    await assert.rejects(new MemorySharedState().cache.invalidateKind('member'), TypeError);
  });
});
