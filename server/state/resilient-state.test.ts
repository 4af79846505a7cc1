import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { LogEntry } from '../http/logging.js';
import { MemorySharedState } from './memory-state.js';
import type { Invalidation, SharedStateStatus } from './types.js';
import { ResilientSharedState, type RemoteStore } from './resilient-state.js';

const ADA = 'email:ada@example.com';
const stats = { kind: 'stats', member: ADA, key: 'All' };
const rule = { capacity: 5, perMinute: 5 };

/**
 * A primary store that can be made unwell: `hang` (calls never answer, as a stalled Redis) or
 * `fail` (calls reject, as a closed connection). Well, it is a memory store; it stands for the
 * seam, not for Redis (Redis itself is tested for real in resilient-redis.test.ts).
 */
class UnwellStore extends MemorySharedState implements RemoteStore {
  health: 'well' | 'hang' | 'fail' = 'well';
  calls = 0;

  constructor() {
    super();
    const gate = <T>(work: () => Promise<T>): Promise<T> => {
      this.calls += 1;
      if (this.health === 'hang') return new Promise<T>(() => {});
      if (this.health === 'fail') return Promise.reject(new Error('The client is closed (redis://user:secret@redis.internal)'));
      return work();
    };
    const cache = this.cache;
    const rateLimits = this.rateLimits;
    const leases = this.leases;
    Object.assign(this, {
      cache: {
        get: (name: never) => gate(() => cache.get(name)),
        set: (name: never, value: never, ttlMs: number, options: never) => gate(() => cache.set(name, value, ttlMs, options)),
        delete: (name: never) => gate(() => cache.delete(name)),
        invalidateMember: (member: string, kind?: string) => gate(() => cache.invalidateMember(member, kind)),
        invalidateMembers: (members: string[], kinds?: string[]) => gate(() => cache.invalidateMembers(members, kinds)),
        getMany: (names: never[]) => gate(() => cache.getMany(names)),
        deleteMany: (names: never[]) => gate(() => cache.deleteMany(names)),
        invalidateKind: (kind: string) => gate(() => cache.invalidateKind(kind)),
      },
      rateLimits: { take: (key: string, r: typeof rule, now: number) => gate(async () => rateLimits.take(key, r, now)) },
      leases: { acquire: (key: string, ttl: number) => gate(() => leases.acquire(key, ttl)), release: (key: string, token: string) => gate(() => leases.release(key, token)) },
    });
  }

  override status(): SharedStateStatus {
    return 'redis';
  }

  ping(): Promise<void> {
    return this.health === 'well' ? Promise.resolve() : this.health === 'hang' ? new Promise(() => {}) : Promise.reject(new Error('down'));
  }
}

/** Lets pending promise callbacks run (fake timers do not move them). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('resilient shared state: deadline, fallback to memory, way back (fake timers)', () => {
  let primary: UnwellStore;
  let logs: LogEntry[];
  let state: ResilientSharedState;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    primary = new UnwellStore();
    logs = [];
    // An idle process: its clock never runs ahead of the fake timers, a loop turn takes no time.
    state = new ResilientSharedState({ primary, log: (entry) => logs.push(entry), deadlineMs: 50, probeEveryMs: 1000, clock: () => 0, nextTurn: async () => {} });
  });
  afterEach(async () => {
    await state.close();
    mock.timers.reset();
  });

  test('while the primary answers, calls go to it', async () => {
    await state.cache.set(stats, { referrals: 1 }, 60_000);
    assert.deepEqual(await primary.cache.get(stats), { referrals: 1 });
    assert.equal(state.status(), 'redis');
    assert.deepEqual(logs, []);
  });

  test('a call that outlives its deadline is answered without the primary; a ping unanswered for a second moves to memory; later calls skip the primary; logged once', async () => {
    primary.health = 'hang';
    const pending = state.cache.get(stats);
    mock.timers.tick(50);
    await settle();
    assert.equal(await pending, undefined);
    assert.equal(state.status(), 'redis', 'one missed deadline is not yet an unwell Redis');
    mock.timers.tick(1000);
    await settle();
    assert.equal(state.status(), 'memory-fallback');

    const callsBefore = primary.calls;
    await state.cache.set(stats, { referrals: 2 }, 60_000);
    assert.deepEqual(await state.cache.get(stats), { referrals: 2 });
    assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, true);
    assert.ok(await state.leases.acquire('stats|ada', 1000));
    await state.cache.invalidateMember(ADA);
    assert.equal(primary.calls, callsBefore, 'no call waits on the primary any more');

    const warnings = logs.filter((entry) => entry.msg === 'shared state unavailable, using memory');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.level, 'warn');
  });

  test('a failing primary falls back at once, and the log keeps no password', async () => {
    primary.health = 'fail';
    for (let i = 0; i < 20; i++) assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, i < rule.capacity);
    assert.equal(logs.length, 1);
    assert.doesNotMatch(JSON.stringify(logs), /secret/);
  });

  test('the probe brings it back by itself, replays the invalidations made meanwhile, and forgets local copies', async () => {
    await primary.cache.set(stats, { referrals: 'before the outage' }, 60_000);
    primary.health = 'fail';
    await state.cache.invalidateMember(ADA, 'stats');
    assert.equal(state.status(), 'memory-fallback');
    const heard: Invalidation[] = [];
    state.onInvalidate((invalidation) => heard.push(invalidation));

    mock.timers.tick(1000);
    await settle();
    assert.equal(state.status(), 'memory-fallback', 'still away: probed again later');

    primary.health = 'well';
    mock.timers.tick(1000);
    await settle();
    assert.equal(state.status(), 'redis');
    assert.equal(await primary.cache.get(stats), undefined, 'the invalidation reached the shared store');
    assert.deepEqual(heard.filter(({ memberTag, kind }) => memberTag === null && kind === null).length, 1, 'listeners told to check every copy, once');
    assert.deepEqual(heard.at(-1), { memberTag: null, kind: null }, 'after the replay');
    assert.deepEqual(
      logs.map((entry) => entry.msg),
      ['shared state unavailable, using memory', 'shared state back on redis'],
    );
  });

  test('invalidation listeners hear the primary and the memory stand-in alike, with one tag', async () => {
    const heard: (string | null)[] = [];
    state.onInvalidate((invalidation) => heard.push(invalidation.memberTag));
    await state.cache.invalidateMember(ADA);
    primary.health = 'fail';
    await state.cache.invalidateMember(ADA);
    assert.equal(heard.length, 2);
    assert.equal(heard[0], await state.memberTag(ADA));
    assert.equal(heard[1], heard[0]);
  });

  test('a missed deadline hands out no lease and no fresh bucket: the lease counts as held, the bucket as the primary last counted it', async () => {
    for (let i = 0; i < rule.capacity; i++) assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, true);
    assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, false, 'emptied in the primary');
    primary.health = 'hang';
    const lease = state.leases.acquire('stats|ada', 1000);
    const take = state.rateLimits.take('member:ada', rule, 0);
    mock.timers.tick(50);
    await settle();
    assert.equal(await lease, null);
    assert.equal((await take).allowed, false);
    mock.timers.tick(1000);
    await settle();
    assert.equal(state.status(), 'memory-fallback');
    for (let i = 0; i < 10; i++) assert.equal((await state.rateLimits.take('member:ada', rule, 0)).allowed, false, 'still empty on memory');
    assert.equal((await state.rateLimits.take('member:ada', rule, 60_000)).allowed, true, 'and it refills at its rate');
  });

  test('a burst: this process stalls past the deadline while the answer waits in its socket — no fallback, the answer is used', async () => {
    let now = 0;
    const busy = new ResilientSharedState({ primary, log: (entry) => logs.push(entry), deadlineMs: 50, clock: () => now, nextTurn: async () => {} });
    await primary.cache.set(stats, { referrals: 7 }, 60_000);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const get = primary.cache.get.bind(primary.cache);
    primary.cache.get = (async (name: typeof stats) => {
      await answered;
      return get(name);
    }) as typeof primary.cache.get;
    const pending = busy.cache.get(stats);
    now += 400; // the process was busy: its 50 ms timer fires 350 ms late
    mock.timers.tick(50);
    await settle();
    answer();
    assert.deepEqual(await pending, { referrals: 7 });
    assert.equal(busy.status(), 'redis');
    assert.deepEqual(logs, []);
    await busy.close();
  });

  test('an instance that starts while the primary hangs starts on memory', async () => {
    primary.health = 'hang';
    const starting = state.start(1000);
    mock.timers.tick(1000);
    await starting;
    assert.equal(state.status(), 'memory-fallback');
  });
});
