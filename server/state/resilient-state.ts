import type { Logger } from '../http/logging.js';
import { DeadlineError, withBusyAwareDeadline, withDeadline } from './deadline.js';
import { composeKey } from '../lib/composite-key.js';
import { EVERYTHING, InvalidationListeners } from './invalidations.js';
import { DEFAULT_PREFIX } from './keyspace.js';
import { MemorySharedState } from './memory-state.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SetOptions, SharedState, SharedStateStatus } from './types.js';
import { MemoryRateLimitStore, type BucketRule, type RateLimitStore, type TakeResult } from './token-buckets.js';

/** The Redis side as the wrapper sees it: a shared state that can be probed. */
export interface ProbedState extends SharedState {
  ping(): Promise<void>;
}

export interface ResilientStateOptions {
  primary: ProbedState;
  log: Logger;
  /** `REDIS_PREFIX`: the memory stand-in tags members as Redis does, so invalidation listeners see one tag. */
  prefix?: string;
  /** Longest wait for one Redis call before that call is answered without it, in milliseconds. */
  deadlineMs?: number;
  /**
   * How long Redis may take to answer a ping before it counts as unwell (and this instance goes to
   * memory); also the longest wait for one call while this process itself is busy. Default: the
   * larger of 1 s and twice `deadlineMs`.
   */
  unwellAfterMs?: number;
  /** Monotonic milliseconds and one loop turn, for the deadline (tests pass their own). */
  clock?: () => number;
  nextTurn?: () => Promise<void>;
  /** How often Redis is asked whether it is back, while away. */
  probeEveryMs?: number;
  /** Bound of the memory stand-in's entries. */
  maxEntries?: number;
}

/** Invalidations made while Redis was away, replayed when it returns (beyond this many: left to the TTLs). */
const MISSED_INVALIDATIONS_KEPT = 10_000;

/**
 * Shared state that never fails a request because of Redis, and does not take a busy process for
 * an unwell Redis.
 *
 * - Every call has a deadline (`deadlineMs`), extended while this process is the busy one (its
 *   timers late: a burst's own event-loop lag, see `withBusyAwareDeadline`).
 * - A call past its deadline is answered without Redis, conservatively: a cache read as a miss (or
 *   from memory), a lease as held by someone else (the caller waits for the holder's value, bounded),
 *   a rate-limit take from the bucket as Redis last counted it. The instance stays on Redis; a ping
 *   checks it: no answer within `unwellAfterMs` switches the instance to memory.
 * - A Redis error (connection lost: the client fails commands at once) switches at once.
 * - On memory (logged once), a probe asks Redis every `probeEveryMs`; the first answer switches
 *   back (logged once), after replaying every invalidation made meanwhile (one that fails keeps
 *   the instance on memory, to be tried again) and telling listeners to check their copies, which
 *   may have missed other instances' invalidations.
 * - Invalidations heard from Redis reach the memory stand-in too. Rate limits on memory start from
 *   what Redis last counted for each bucket this instance used: a missed deadline never hands out a
 *   fresh bucket for one Redis had emptied (a bucket this instance never used starts full, as one
 *   instance's own would).
 *
 * @example
 * const state = new ResilientSharedState({ primary: new RedisSharedState(connectRedis({ url })), log, deadlineMs: 50 })
 * await state.start()
 * state.status() // 'redis' or 'memory-fallback'
 */
export class ResilientSharedState implements SharedState {
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  readonly leases: LeaseStore;
  readonly spansInstances = true;
  readonly #primary: ProbedState;
  readonly #options: Required<Omit<ResilientStateOptions, 'primary' | 'clock' | 'nextTurn'>> & Pick<ResilientStateOptions, 'clock' | 'nextTurn'>;
  readonly #listeners = new InvalidationListeners();
  /** Invalidations Redis may not have: made on memory, or past their deadline. Replayed in Redis. */
  readonly #missed = new Map<string, () => Promise<void>>();
  /** Each bucket as Redis last counted it (then as counted here without Redis): kept across outages. */
  readonly #buckets: MemoryRateLimitStore;
  #fallback: MemorySharedState;
  /** Set while an invalidation heard from Redis is applied to the stand-in (whose listeners would tell it twice). */
  #forwarding = false;
  #onRedis = true;
  /** A ping asking whether Redis is unwell, after a missed deadline. */
  #checking: Promise<void> | undefined;
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: ResilientStateOptions) {
    this.#primary = options.primary;
    const deadlineMs = options.deadlineMs ?? 50;
    this.#options = {
      log: options.log,
      prefix: options.prefix ?? DEFAULT_PREFIX,
      deadlineMs,
      unwellAfterMs: options.unwellAfterMs ?? Math.max(1000, 2 * deadlineMs),
      probeEveryMs: options.probeEveryMs ?? 1000,
      maxEntries: options.maxEntries ?? 10_000,
      clock: options.clock,
      nextTurn: options.nextTurn,
    };
    this.#buckets = new MemoryRateLimitStore(this.#options.maxEntries * 10);
    this.#fallback = this.#newFallback();
    options.primary.onInvalidate((invalidation) => {
      this.#forward(invalidation);
      this.#listeners.tell(invalidation);
    });

    const fromMemory = <T>(use: (state: SharedState) => Promise<T>) => () => use(this.#fallback);
    const call = <T>(use: (state: SharedState) => Promise<T>) => this.#call(use, fromMemory(use));
    this.cache = {
      get: <V>(name: EntryName) => call((state) => state.cache.get<V>(name)),
      set: <V>(name: EntryName, value: V, ttlMs: number, setOptions?: SetOptions) => call((state) => state.cache.set(name, value, ttlMs, setOptions)),
      getMany: <V>(names: EntryName[]) => call((state) => state.cache.getMany<V>(names)),
      delete: (name) => call((state) => state.cache.delete(name)),
      deleteMany: (names) => call((state) => state.cache.deleteMany(names)),
      invalidateMember: (member, kind) => this.#invalidation(composeKey('member', kind ?? null, member), (state) => state.cache.invalidateMember(member, kind)),
      invalidateMembers: (members, kinds) => this.#invalidation(composeKey('members', kinds ?? null, members), (state) => state.cache.invalidateMembers(members, kinds)),
      invalidateKind: (kind) => this.#invalidation(composeKey('kind', kind), (state) => state.cache.invalidateKind(kind)),
    };
    this.rateLimits = { take: (key, rule, now) => this.#take(key, rule, now) };
    this.leases = {
      // Past its deadline a lease counts as held: the caller waits for the holder's value instead of
      // loading beside it (on memory, the stand-in's own leases).
      acquire: (key, ttlMs) => this.#call((state) => state.leases.acquire(key, ttlMs), async () => null, fromMemory((state) => state.leases.acquire(key, ttlMs))),
      // A lease taken in Redis and released while away simply expires there.
      release: (key, token) => call((state) => state.leases.release(key, token)),
    };
  }

  /** Checks Redis once (within a second): an instance that starts while Redis is away starts on memory. */
  async start(startupDeadlineMs = 1000): Promise<void> {
    try {
      await withDeadline(this.#primary.ping(), startupDeadlineMs);
    } catch (err) {
      this.#fallBack(err);
    }
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#listeners.add(listener);
  }

  memberTag(member: string): Promise<string> {
    return this.#primary.memberTag(member);
  }

  status(): SharedStateStatus {
    return this.#onRedis ? 'redis' : 'memory-fallback';
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#probeTimer);
    await Promise.allSettled([this.#primary.close(), this.#fallback.close()]);
  }

  /** Through Redis within the deadline; else `missed` (the call past its deadline) or memory (Redis unwell). */
  async #call<T>(use: (state: SharedState) => Promise<T>, missed: () => Promise<T>, onMemory: () => Promise<T> = missed): Promise<T> {
    if (!this.#onRedis) return onMemory();
    try {
      return await this.#withDeadline(use(this.#primary));
    } catch (err) {
      if (!(err instanceof DeadlineError)) {
        this.#fallBack(err);
        return onMemory();
      }
      this.#check(err);
      return this.#onRedis ? missed() : onMemory();
    }
  }

  #withDeadline<T>(work: Promise<T>): Promise<T> {
    const { deadlineMs, unwellAfterMs, clock, nextTurn } = this.#options;
    return withBusyAwareDeadline(work, { ms: deadlineMs, busyCapMs: unwellAfterMs, clock, nextTurn });
  }

  /** After a missed deadline: a ping, and memory if Redis does not answer it in time. */
  #check(missedDeadline: DeadlineError): void {
    if (this.#checking || !this.#onRedis) return;
    this.#checking = withDeadline(this.#primary.ping(), this.#options.unwellAfterMs)
      .then(() => this.#replayMissed())
      .then(() => {}, () => this.#fallBack(missedDeadline))
      .finally(() => (this.#checking = undefined));
  }

  /** Through Redis, noting what it counted; else from the last count known here. */
  async #take(key: string, rule: BucketRule, now: number): Promise<TakeResult> {
    const counted = async (state: SharedState) => {
      const result = await state.rateLimits.take(key, rule, now);
      if (result.remaining !== undefined) this.#buckets.remember(key, result.remaining, now);
      return result;
    };
    return this.#call(counted, async () => this.#buckets.take(key, rule, now));
  }

  /** An invalidation always reaches memory; one Redis may not have had is kept, to be replayed. */
  async #invalidation(id: string, invalidate: (state: SharedState) => Promise<void>): Promise<void> {
    let reachedRedis = false;
    await this.#call(
      async (state) => {
        await invalidate(state);
        reachedRedis = true;
      },
      () => invalidate(this.#fallback),
    );
    if (!reachedRedis && this.#missed.size < MISSED_INVALIDATIONS_KEPT) this.#missed.set(id, () => invalidate(this.#primary));
  }

  #fallBack(err: unknown): void {
    if (!this.#onRedis || this.#closed) return;
    this.#onRedis = false;
    this.#options.log({ level: 'warn', msg: 'shared state unavailable, using memory', reason: describe(err) });
    this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    this.#probeTimer = setTimeout(() => void this.#probe(), this.#options.probeEveryMs);
    // A probe alone should not keep a process alive (Node, Bun, Deno all offer unref).
    (this.#probeTimer as { unref?: () => void }).unref?.();
  }

  async #probe(): Promise<void> {
    if (this.#closed) return;
    let replayed: number;
    try {
      await withDeadline(this.#primary.ping(), this.#options.unwellAfterMs);
      replayed = await this.#replayMissed();
    } catch {
      this.#scheduleProbe();
      return;
    }
    // Invalidations made elsewhere meanwhile were missed: listeners check their copies again.
    this.#listeners.tell(EVERYTHING);
    // A fresh stand-in for the next outage: what this one holds is no longer invalidated.
    const previous = this.#fallback;
    this.#fallback = this.#newFallback();
    void previous.close();
    this.#onRedis = true;
    this.#options.log({ level: 'info', msg: 'shared state back on redis', replayedInvalidations: replayed });
  }

  /**
   * Replays the invalidations Redis may not have, until none is left (those made during a replay
   * too). One that fails stays kept, and the failure is thrown.
   */
  async #replayMissed(): Promise<number> {
    let replayed = 0;
    while (this.#missed.size > 0) {
      const batch = [...this.#missed];
      const outcomes = await Promise.allSettled(batch.map(([, replay]) => withDeadline(replay(), this.#options.unwellAfterMs)));
      outcomes.forEach((outcome, i) => {
        const [id, replay] = batch[i]!;
        if (outcome.status === 'fulfilled' && this.#missed.get(id) === replay) this.#missed.delete(id);
      });
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      replayed += batch.length;
    }
    return replayed;
  }

  #newFallback(): MemorySharedState {
    const fallback = new MemorySharedState({ maxEntries: this.#options.maxEntries, prefix: this.#options.prefix });
    fallback.onInvalidate((invalidation) => this.#forwarding || this.#listeners.tell(invalidation));
    return fallback;
  }

  /** An invalidation heard from Redis: the stand-in drops it too (it may answer calls at any time). */
  #forward(invalidation: Invalidation): void {
    this.#forwarding = true;
    try {
      this.#fallback.applyInvalidation(invalidation);
    } finally {
      this.#forwarding = false;
    }
  }
}

/** A short reason for the log: the error's class and message, never a URL with its password. */
function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\b(rediss?:\/\/)[^@\s/]*@/gi, '$1***@').slice(0, 200);
}
