/**
 * `DurableObjectSharedState` against `SharedStateObject`s run in this process (one object per
 * name, as Cloudflare does), two states standing for two isolates. Miniflare runs the same code in
 * workerd in `durable-state.miniflare.test.ts`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SharedStateObject } from './durable-object.js';
import { DurableObjectSharedState, type DurableObjectNamespaceLike } from './durable-state.js';
import { ResilientSharedState } from './resilient-state.js';
import { loadShared } from './shared-load.js';

const ADA = 'email:ada@example.com';
const BOB = 'referralCode:bob2024';

/** A namespace whose objects live in this process; it records which object each call went to. */
function localNamespace(clock: () => number) {
  const objects = new Map<string, SharedStateObject>();
  const calls: string[] = [];
  const namespace: DurableObjectNamespaceLike<string> = {
    idFromName: (name) => name,
    get: (id) => ({
      fetch: async (url, init) => {
        calls.push(id);
        let object = objects.get(id);
        if (object === undefined) objects.set(id, (object = new SharedStateObject(undefined, undefined, clock)));
        return object.fetch(new Request(url, init));
      },
    }),
  };
  return { namespace, objects, calls };
}

function twoIsolates() {
  let now = 1_000_000;
  const time = { clock: () => now, advance: (ms: number) => void (now += ms) };
  const local = localNamespace(time.clock);
  const a = new DurableObjectSharedState(local.namespace, { clock: time.clock });
  const b = new DurableObjectSharedState(local.namespace, { clock: time.clock });
  return { a, b, time, ...local };
}

describe('shared state through Durable Objects (objects in process)', () => {
  test("one member's entries live in one object, named by a hash: no identifier reaches an object name", async () => {
    const { a, calls } = twoIsolates();
    await a.cache.set({ kind: 'stats', member: ADA, key: 'All' }, { referrals: 1 }, 60_000);
    await a.cache.set({ kind: 'links', member: ADA, key: 'links' }, { shareUrl: 'x' }, 60_000);
    await a.cache.set({ kind: 'stats', member: BOB, key: 'All' }, { referrals: 2 }, 60_000);
    const entryObjects = new Set(calls.filter((name) => !name.endsWith('kinds')));
    assert.equal(entryObjects.size, 2, 'one object for Ada, one for Bob');
    for (const name of calls) assert.doesNotMatch(name, /ada|bob|example/i);
    assert.ok([...entryObjects].includes(`referral-share:member:{${await a.memberTag(ADA)}}`));
  });

  test("an isolate reads what another stored; a member's invalidation on one isolate is a miss on the other at once", async () => {
    const { a, b } = twoIsolates();
    const stats = { kind: 'stats', member: ADA, key: 'All' };
    const links = { kind: 'links', member: ADA, key: 'links' };
    await a.cache.set(stats, { referrals: 1 }, 60_000);
    await a.cache.set(links, { shareUrl: 'x' }, 60_000);
    assert.deepEqual(await b.cache.get(stats), { referrals: 1 });

    await a.cache.invalidateMember(ADA, 'stats');
    assert.equal(await b.cache.get(stats), undefined);
    assert.deepEqual(await b.cache.get(links), { shareUrl: 'x' }, 'other kinds stay');
  });

  test('several members invalidated of several kinds at once: one call to each member’s object, other kinds kept', async () => {
    const { a, b, calls } = twoIsolates();
    for (const member of [ADA, BOB]) {
      for (const kind of ['stats', 'referrals', 'links']) await a.cache.set({ kind, member, key: '' }, `${kind} of ${member}`, 60_000);
    }
    calls.length = 0;
    await a.cache.invalidateMembers([ADA, BOB], ['stats', 'referrals']);
    assert.equal(calls.length, 2, calls.join(' '));
    for (const member of [ADA, BOB]) {
      assert.deepEqual(await b.cache.getMany(['stats', 'referrals', 'links'].map((kind) => ({ kind, member, key: '' }))), [undefined, undefined, `links of ${member}`]);
    }
  });

  test('a value whose load started before an invalidation on another isolate is not stored', async () => {
    const { a, b, time } = twoIsolates();
    const stats = { kind: 'stats', member: ADA, key: 'All' };
    const loadStartedAt = time.clock();
    time.advance(5);
    await b.cache.invalidateMember(ADA);
    time.advance(5);
    await a.cache.set(stats, { referrals: 'before the webhook' }, 60_000, { loadStartedAt });
    assert.equal(await b.cache.get(stats), undefined);
    await a.cache.set(stats, { referrals: 'after' }, 60_000, { loadStartedAt: time.clock() });
    assert.deepEqual(await b.cache.get(stats), { referrals: 'after' });
  });

  test('entries expire after their own TTL', async () => {
    const { a, time } = twoIsolates();
    const name = { kind: 'alias', key: 'referralCode:ADA2024' };
    await a.cache.set(name, ADA, 1000);
    time.advance(999);
    assert.equal(await a.cache.get(name), ADA);
    time.advance(1);
    assert.equal(await a.cache.get(name), undefined);
  });

  test('a kind-wide invalidation is at once on its isolate, and on the others within kindsRefreshMs', async () => {
    const { a, b, time } = twoIsolates();
    const adaStats = { kind: 'stats', member: ADA, key: 'All' };
    const bobStats = { kind: 'stats', member: BOB, key: 'All' };
    const adaLinks = { kind: 'links', member: ADA, key: 'links' };
    for (const name of [adaStats, bobStats, adaLinks]) await a.cache.set(name, name.kind, 60_000);
    assert.equal(await b.cache.get(bobStats), 'stats', 'b has read the kinds table');
    const loadStartedAt = time.clock();
    time.advance(1);

    await a.cache.invalidateKind('stats');
    assert.equal(await a.cache.get(adaStats), undefined);
    time.advance(1000);
    assert.equal(await b.cache.get(bobStats), undefined);
    assert.equal(await b.cache.get(adaLinks), 'links');
    await b.cache.set(adaStats, 'loaded before', 60_000, { loadStartedAt });
    assert.equal(await a.cache.get(adaStats), undefined, 'a load that began before it is not stored');
  });

  test('a bucket is exact across isolates, even for concurrent takes', async () => {
    const { a, b, time } = twoIsolates();
    const rule = { capacity: 5, perMinute: 5 };
    const now = time.clock();
    const answers = await Promise.all([...Array(12).keys()].map((i) => (i % 2 ? a : b).rateLimits.take(`member:${ADA}`, rule, now)));
    assert.equal(answers.filter((answer) => answer.allowed).length, 5);
    const refused = answers.find((answer) => !answer.allowed)!;
    assert.equal(refused.retryAfterMs, 12_000);
    assert.equal((await a.rateLimits.take(`member:${BOB}`, rule, now)).allowed, true, 'another key has its own bucket');
  });

  test('a lease is exclusive across isolates until released or expired', async () => {
    const { a, b, time } = twoIsolates();
    const token = await a.leases.acquire('stats|ada', 1000);
    assert.ok(token);
    assert.equal(await b.leases.acquire('stats|ada', 1000), null);
    await b.leases.release('stats|ada', 'not the token');
    assert.equal(await b.leases.acquire('stats|ada', 1000), null);
    await a.leases.release('stats|ada', token);
    const second = await b.leases.acquire('stats|ada', 1000);
    assert.ok(second);
    time.advance(1000);
    assert.ok(await a.leases.acquire('stats|ada', 1000), 'an expired lease is free');
  });

  test('loadShared: two isolates missing at once make one upstream call', async () => {
    const { a, b } = twoIsolates();
    const name = { kind: 'stats', member: ADA, key: 'All' };
    let upstreamCalls = 0;
    let answer!: (value: { referrals: number }) => void;
    let holderStarted!: () => void;
    const started = new Promise<void>((resolve) => (holderStarted = resolve));
    const load = () => ((upstreamCalls += 1), holderStarted(), new Promise<{ referrals: number }>((resolve) => (answer = resolve)));

    const first = loadShared({ state: a, name, ttlMs: 60_000, load });
    await started;
    const second = loadShared({ state: b, name, ttlMs: 60_000, load, sleep: async () => (answer({ referrals: 3 }), void (await first)) });
    assert.deepEqual(await first, { value: { referrals: 3 }, source: 'loaded' });
    assert.deepEqual(await second, { value: { referrals: 3 }, source: 'waited' });
    assert.equal(upstreamCalls, 1);
  });

  test('it says what it is: no broadcast between isolates, its own invalidations heard', async () => {
    const { a, b } = twoIsolates();
    assert.equal(a.status(), 'durable-object');
    assert.equal(a.hearsEveryInvalidation, false);
    assert.equal(a.spansInstances, true);
    const heardOnA: unknown[] = [];
    const heardOnB: unknown[] = [];
    a.onInvalidate((invalidation) => heardOnA.push(invalidation));
    b.onInvalidate((invalidation) => heardOnB.push(invalidation));
    await a.cache.invalidateMember(ADA, 'stats');
    assert.deepEqual(heardOnA, [{ memberTag: await a.memberTag(ADA), kind: 'stats' }]);
    assert.deepEqual(heardOnB, []);
    await assert.rejects(a.cache.invalidateMember(ADA, 'Stats*'), TypeError);
  });
});

describe('shared state through Durable Objects when an object call fails', () => {
  /** Objects in process, in front of which `failures` decides, call by call, whether to throw. */
  function flakyIsolate(failures: (op: string) => Error | undefined) {
    const clock = () => 1_000_000;
    const local = localNamespace(clock);
    const fallbacks: unknown[] = [];
    const namespace: DurableObjectNamespaceLike<string> = {
      idFromName: (name) => name,
      get: (id) => ({
        fetch: async (url, init) => {
          const failure = failures(JSON.parse(String(init.body)).op);
          if (failure) throw failure;
          return local.namespace.get(id).fetch(url, init);
        },
      }),
    };
    const primary = new DurableObjectSharedState(namespace, { clock });
    return { state: new ResilientSharedState({ primary, log: () => {}, onFallback: (err) => fallbacks.push(err) }), fallbacks };
  }
  const retryable = () => Object.assign(new Error('Durable Object reset because its code was updated.'), { retryable: true });

  test('an error Cloudflare marks retryable is retried once, unseen by the caller', async () => {
    let failed = 0;
    const { state, fallbacks } = flakyIsolate((op) => (op === 'set' && failed++ === 0 ? retryable() : undefined));
    await state.cache.set({ kind: 'stats', member: ADA, key: 'All' }, 1, 60_000);
    assert.equal(await state.cache.get({ kind: 'stats', member: ADA, key: 'All' }), 1);
    assert.deepEqual(fallbacks, []);
  });

  test('objects down: a miss, no write, a lease and a bucket of its own, each reported; an invalidation fails', async () => {
    const overloaded = Object.assign(new Error('Durable Object is overloaded.'), { retryable: true, overloaded: true });
    const { state, fallbacks } = flakyIsolate(() => overloaded);
    const name = { kind: 'stats', member: ADA, key: 'All' };
    await state.cache.set(name, 1, 60_000);
    assert.equal(await state.cache.get(name), undefined);
    const token = await state.leases.acquire('stats|ada', 1000);
    assert.ok(token, 'it loads alone rather than wait on nobody');
    await state.leases.release('stats|ada', token);
    const rule = { capacity: 2, perMinute: 2 };
    const takes = [];
    for (let i = 0; i < 3; i++) takes.push((await state.rateLimits.take('ip:192.0.2.1', rule, 0)).allowed);
    assert.deepEqual(takes, [true, true, false], 'still limited, per isolate');
    await assert.rejects(state.cache.invalidateMember(ADA, 'stats'), /overloaded/);
    assert.ok(fallbacks.length >= 5 && fallbacks.every((err) => err === overloaded));
  });

  test('objects down after a bucket was used: it counts on from what the object last counted, never a fresh bucket', async () => {
    let down = false;
    const { state } = flakyIsolate(() => (down ? Object.assign(new Error('Durable Object is overloaded.'), { overloaded: true }) : undefined));
    const rule = { capacity: 2, perMinute: 2 };
    const take = async () => (await state.rateLimits.take('member:ada', rule, 0)).allowed;
    assert.deepEqual([await take(), await take()], [true, true]);
    down = true;
    assert.equal(await take(), false, 'the object had emptied it');
  });
});
