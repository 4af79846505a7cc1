import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { connectRedis } from './redis-connection.js';
import { RedisSharedState } from './redis-state.js';
import { UpstreamCache } from '../members/upstream-cache.js';
import { deferred, until } from '../test-helpers.js';
import { haveRedisServer, startRedisServer, type RedisTestServer } from './redis-test-helpers.js';
import type { Invalidation, SharedState } from './types.js';

const ADA = 'email:ada@example.com';
const BOB = 'externalId:bob-42';
const rule = { capacity: 10, perMinute: 10 };

/** Resolves on the next invalidation `state` hears (bounded: a lost message fails the test, not hangs it). */
function nextInvalidation(state: SharedState): Promise<Invalidation> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no invalidation within 5 s')), 5000);
    const stop = state.onInvalidate((invalidation) => {
      clearTimeout(timer);
      stop();
      resolve(invalidation);
    });
  });
}

describe('Redis shared state, two instances on one real redis-server', { skip: !haveRedisServer() && 'no /usr/bin/redis-server' }, () => {
  let redis: RedisTestServer;
  let prefixCount = 0;
  const opened: RedisSharedState[] = [];
  /** Two instances of one deployment, on a prefix of their own (tests do not see each other's keys). */
  const twoInstances = async (): Promise<[RedisSharedState, RedisSharedState, string]> => {
    const prefix = `t${(prefixCount += 1)}:`;
    const pair = [0, 1].map(() => new RedisSharedState(connectRedis({ url: redis.url }), { prefix }));
    opened.push(...pair);
    await Promise.all(pair.map((state) => state.subscribed));
    return [pair[0]!, pair[1]!, prefix];
  };
  const inspector = () => createClient({ url: redis.url });

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await Promise.all(opened.map((state) => state.close()));
    await redis.stop();
  });

  test('an entry written by one instance is read by the other; its key carries no identifier and it expires by itself', async () => {
    const [a, b, prefix] = await twoInstances();
    const stats = { referrals: 3, rewards: [{ amount: 5 }] };
    await a.cache.set({ kind: 'stats', member: ADA, key: 'All' }, stats, 30_000);

    assert.deepEqual(await b.cache.get({ kind: 'stats', member: ADA, key: 'All' }), stats);
    assert.equal(await b.cache.get({ kind: 'stats', member: ADA, key: 'Month' }), undefined);

    const client = await inspector().connect();
    const keys = await client.keys(`${prefix}*`);
    assert.ok(keys.length > 0 && keys.every((key) => key.startsWith(prefix)));
    assert.ok(keys.every((key) => !key.toLowerCase().includes('ada') && !key.includes('example')), keys.join(' '));
    const entry = keys.find((key) => key.startsWith(`${prefix}stats:`))!;
    const ttl = await client.pTTL(entry);
    assert.ok(ttl > 0 && ttl <= 30_000, `PTTL ${ttl}`);
    assert.deepEqual(JSON.parse((await client.get(entry))!), stats);
    client.destroy();
  });

  test('a member bucket shared by two instances lets capacity through, not twice that', async () => {
    const [a, b] = await twoInstances();
    const now = 1_800_000_000_000;
    let allowed = 0;
    for (let i = 0; i < 3 * rule.capacity; i++) {
      if ((await (i % 2 === 0 ? a : b).rateLimits.take('member:ada', rule, now)).allowed) allowed += 1;
    }
    assert.equal(allowed, rule.capacity);

    const refused = await a.rateLimits.take('member:ada', rule, now);
    assert.equal(refused.allowed, false);
    assert.ok(refused.retryAfterMs > 0);
    // After the announced wait, one token is back, on either instance.
    assert.equal((await b.rateLimits.take('member:ada', rule, now + refused.retryAfterMs)).allowed, true);
    // Another key is another bucket.
    assert.equal((await b.rateLimits.take('ip:192.0.2.1', rule, now)).allowed, true);
  });

  test('a lease is held by one instance at a time, released only by its holder, and expires by itself', async () => {
    const [a, b, prefix] = await twoInstances();
    const token = await a.leases.acquire('stats|ada', 5_000);
    assert.ok(token);
    assert.equal(await b.leases.acquire('stats|ada', 5_000), null);

    await b.leases.release('stats|ada', 'not-the-token');
    assert.equal(await b.leases.acquire('stats|ada', 5_000), null);

    const client = await inspector().connect();
    const [leaseKey] = await client.keys(`${prefix}lease:*`);
    const ttl = await client.pTTL(leaseKey!);
    assert.ok(ttl > 0 && ttl <= 5_000, `a crashed holder's lease still ends: PTTL ${ttl}`);
    client.destroy();

    await a.leases.release('stats|ada', token);
    assert.ok(await b.leases.acquire('stats|ada', 5_000));
  });

  test("invalidating one member on one instance drops exactly that member's entries, in Redis and for the other, which hears it", async () => {
    const [a, b] = await twoInstances();
    const adaStats = { kind: 'stats', member: ADA, key: 'All' };
    const adaLinks = { kind: 'links', member: ADA, key: 'links' };
    const bobStats = { kind: 'stats', member: BOB, key: 'All' };
    for (const name of [adaStats, adaLinks, bobStats]) await a.cache.set(name, { of: name.member, kind: name.kind }, 60_000);
    // b reads everything (as a cache in front of it would, before the drop).
    for (const name of [adaStats, adaLinks, bobStats]) assert.ok(await b.cache.get(name));

    const heard = nextInvalidation(b);
    await a.cache.invalidateMember(ADA, 'stats');
    assert.deepEqual(await heard, { memberTag: await b.memberTag(ADA), kind: 'stats' });

    assert.equal(await b.cache.get(adaStats), undefined);
    assert.equal(await a.cache.get(adaStats), undefined);
    assert.deepEqual(await b.cache.get(adaLinks), { of: ADA, kind: 'links' });
    assert.deepEqual(await b.cache.get(bobStats), { of: BOB, kind: 'stats' });

    const heardAll = nextInvalidation(b);
    await a.cache.invalidateMember(ADA);
    await heardAll;
    assert.equal(await b.cache.get(adaLinks), undefined);
    assert.ok(await b.cache.get(bobStats));
  });

  test('many members invalidated at once: each dropped everywhere and heard by every instance; many entries read and deleted at once', async () => {
    const [a, b] = await twoInstances();
    const members = Array.from({ length: 40 }, (_, i) => `memberId:${i}`);
    for (const member of members) {
      await a.cache.set({ kind: 'stats', member, key: 'All' }, member, 60_000);
      await a.cache.set({ kind: 'links', member, key: '' }, member, 60_000);
    }
    assert.deepEqual(await b.cache.getMany(members.map((member) => ({ kind: 'stats', member, key: 'All' }))), members);

    const heard: Invalidation[] = [];
    b.onInvalidate((invalidation) => heard.push(invalidation));
    await a.cache.invalidateMembers(members, ['stats']);
    await until(() => heard.length >= members.length, { what: 'b heard every invalidation', timeout: 5000 });
    assert.equal(heard.length, members.length);
    assert.deepEqual(await b.cache.getMany(members.map((member) => ({ kind: 'stats', member, key: 'All' }))), members.map(() => undefined));
    assert.equal(await b.cache.get({ kind: 'links', member: members[7]!, key: '' }), members[7], 'other kinds stay');

    await a.cache.deleteMany(members.map((member) => ({ kind: 'links', member, key: '' })));
    assert.equal(await a.cache.get({ kind: 'links', member: members[7]!, key: '' }), undefined);
  });

  test('invalidating a kind drops it for every member, everywhere', async () => {
    const [a, b] = await twoInstances();
    await a.cache.set({ kind: 'stats', member: ADA, key: 'All' }, 1, 60_000);
    await a.cache.set({ kind: 'stats', member: BOB, key: 'All' }, 2, 60_000);
    await a.cache.set({ kind: 'links', member: BOB, key: 'links' }, 3, 60_000);
    assert.equal(await b.cache.get({ kind: 'stats', member: BOB, key: 'All' }), 2);

    const heard = nextInvalidation(b);
    await a.cache.invalidateKind('stats');
    await heard;
    assert.equal(await b.cache.get({ kind: 'stats', member: ADA, key: 'All' }), undefined);
    assert.equal(await b.cache.get({ kind: 'stats', member: BOB, key: 'All' }), undefined);
    assert.equal(await b.cache.get({ kind: 'links', member: BOB, key: 'links' }), 3);
  });

  test('a value loaded before an invalidation another instance announced is not written', async () => {
    const [a, b] = await twoInstances();
    const name = { kind: 'stats', member: ADA, key: 'All' };
    const copies = new UpstreamCache<string>(100, { shared: { state: b, kind: 'stats', nameOf: (member) => ({ member, key: 'All' }) } });
    const lifetimes = { freshMs: 60_000, staleWhileRevalidateMs: 0, keepMs: 60_000 };
    const upstream = deferred<string>();
    const loadStarted = deferred();
    const spanning = copies.get(ADA, () => (loadStarted.resolve(), upstream.promise), lifetimes);
    await loadStarted.promise;
    const heard = nextInvalidation(b);
    await a.cache.invalidateMember(ADA);
    await heard;
    upstream.resolve('from before the change');
    assert.equal((await spanning).value, 'from before the change', 'its caller still gets its answer');
    assert.equal(await a.cache.get(name), undefined);

    assert.equal((await copies.get(ADA, async () => 'after', lifetimes)).value, 'after');
    assert.equal((await a.cache.get<{ v: string }>(name))?.v, 'after');
  });

  test('deployments on other prefixes share nothing', async () => {
    const [a] = await twoInstances();
    const [other] = await twoInstances();
    await a.cache.set({ kind: 'programs', key: 'list' }, ['p1'], 60_000);
    assert.deepEqual(await a.cache.get({ kind: 'programs', key: 'list' }), ['p1']);
    assert.equal(await other.cache.get({ kind: 'programs', key: 'list' }), undefined);
  });
});
