import type { Logger } from '../http/logging.js';
import { DeadlineError, withDeadline } from './deadline.js';
import { composeKey } from '../lib/composite-key.js';
import { EVERYTHING, InvalidationListeners } from './invalidations.js';
import { DEFAULT_PREFIX } from './keyspace.js';
import { MemorySharedState } from './memory-state.js';
import { StoreHealth, type HealthTimings } from './store-health.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SetOptions, SharedState, SharedStateStatus } from './types.js';
import { MemoryRateLimitStore, type BucketRule, type RateLimitStore, type TakeResult } from './token-buckets.js';

/**
 * A remote store as the wrapper sees it: a shared state that throws whatever its calls throw
 * (Redis, Durable Objects). One that can be pinged is reached over one connection (Redis): its
 * health is watched (`StoreHealth`). Without a ping, each call is judged alone (Durable Objects:
 * one object failing says nothing of the others).
 */
export interface RemoteStore extends SharedState {
  ping?(): Promise<void>;
}

export interface ResilientStateOptions extends HealthTimings {
  primary: RemoteStore;
  log: Logger;
  /** `REDIS_PREFIX`: the insurance tags members as the primary does, so invalidation listeners see one tag. */
  prefix?: string;
  /** Bound of the insurance's entries. */
  maxEntries?: number;
  /** Told of each call the primary failed, answered by the insurance instead. */
  onFallback?: (err: unknown) => void;
}

/** Invalidations the primary may not have, replayed when it returns (beyond this many: left to the TTLs). */
const MISSED_INVALIDATIONS_KEPT = 10_000;

/** The insurance's entries where this instance's memory may not stand in for the shared cache. */
const NO_COPIES: Pick<CacheStore, 'get' | 'getMany' | 'set' | 'delete' | 'deleteMany'> = {
  get: async () => undefined,
  getMany: async (names) => names.map(() => undefined),
  set: async () => {},
  delete: async () => {},
  deleteMany: async () => {},
};

/**
 * Every remote store, wrapped the same way: a call the primary fails is answered by an insurance in
 * this process's memory (as rate-limiter-flexible's `insuranceLimiter` answers for its store), so a
 * request never fails because of the store. The insurance answers, for each call:
 *
 * - a cache read or write: from its own entries (a miss at first). Where the primary's instances do
 *   not hear each other's invalidations (`hearsEveryInvalidation` false: Durable Objects) it keeps
 *   none: a miss, no write — this isolate would not hear another's drop of what it kept;
 * - a lease: one of its own (the holder loads alone, rather than wait on nobody);
 * - a rate-limit take: the bucket as the primary last counted it (never a fresh one for a bucket the
 *   primary had emptied; one this instance never used starts full, as one instance's own would);
 * - an invalidation: applied to it (its listeners hear it); kept and replayed in the primary once
 *   it answers again where a ping tells when that is; else the call fails, so its sender (a
 *   webhook) answers an error and is sent again.
 *
 * A pinged store (Redis) has a deadline per call besides, and past it answers as above except for
 * a lease, which counts as held by another instance (the caller waits for the holder's value,
 * bounded); a store that counts as away (see `StoreHealth`) is not asked at all. Invalidations
 * heard from the primary reach the insurance too. On the way back every invalidation made
 * meanwhile is replayed, listeners are told to check their copies (they may have missed other
 * instances' invalidations), and a fresh insurance waits for the next time.
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
  readonly spansInstances: boolean;
  readonly hearsEveryInvalidation: boolean | undefined;
  readonly #primary: RemoteStore;
  readonly #health: StoreHealth | undefined;
  readonly #options: { prefix: string; maxEntries: number; onFallback: (err: unknown) => void };
  readonly #listeners = new InvalidationListeners();
  /** Invalidations the primary may not have: made on memory, or past their deadline. Replayed in it. */
  readonly #missed = new Map<string, () => Promise<void>>();
  /** Each bucket as the primary last counted it (then as counted here without it): kept across outages. */
  readonly #buckets: MemoryRateLimitStore;
  #insurance: MemorySharedState;

  constructor(options: ResilientStateOptions) {
    const primary = options.primary;
    this.#primary = primary;
    this.spansInstances = primary.spansInstances;
    this.hearsEveryInvalidation = primary.hearsEveryInvalidation;
    const maxEntries = options.maxEntries ?? 10_000;
    this.#options = { prefix: options.prefix ?? DEFAULT_PREFIX, maxEntries, onFallback: options.onFallback ?? (() => {}) };
    const ping = primary.ping?.bind(primary);
    if (ping) this.#health = new StoreHealth({ ...options, ping, catchUp: () => this.#replayMissed(), onBack: () => this.#renewInsurance() });
    this.#buckets = new MemoryRateLimitStore(maxEntries * 10);
    this.#insurance = this.#newInsurance();
    primary.onInvalidate((invalidation) => {
      // The insurance drops it too: it may answer calls at any time.
      this.#insurance.applyInvalidation(invalidation);
      this.#listeners.tell(invalidation);
    });

    const entries = <T>(use: (cache: Pick<CacheStore, keyof typeof NO_COPIES>) => Promise<T>) => this.#call(() => use(primary.cache), () => use(this.#insuredEntries()));
    this.cache = {
      get: <V>(name: EntryName) => entries((cache) => cache.get<V>(name)),
      getMany: <V>(names: EntryName[]) => entries((cache) => cache.getMany<V>(names)),
      set: <V>(name: EntryName, value: V, ttlMs: number, setOptions?: SetOptions) => entries((cache) => cache.set(name, value, ttlMs, setOptions)),
      delete: (name) => entries((cache) => cache.delete(name)),
      deleteMany: (names) => entries((cache) => cache.deleteMany(names)),
      invalidateMember: (member, kind) => this.#invalidation(composeKey('member', kind ?? null, member), (cache) => cache.invalidateMember(member, kind)),
      invalidateMembers: (members, kinds) => this.#invalidation(composeKey('members', kinds ?? null, members), (cache) => cache.invalidateMembers(members, kinds)),
      invalidateKind: (kind) => this.#invalidation(composeKey('kind', kind), (cache) => cache.invalidateKind(kind)),
    };
    this.rateLimits = { take: (key, rule, now) => this.#take(key, rule, now) };
    this.leases = {
      acquire: (key, ttlMs) =>
        this.#call(
          () => primary.leases.acquire(key, ttlMs),
          () => this.#insurance.leases.acquire(key, ttlMs),
          async () => null,
        ),
      // Given back wherever it was taken (a lease the primary keeps while it is away simply expires there).
      release: async (key, token) => {
        await this.#insurance.leases.release(key, token);
        await this.#call(() => primary.leases.release(key, token), async () => {});
      },
    };
  }

  /** Checks a pinged store once (within a second): an instance that starts while it is away starts on memory. */
  async start(startupDeadlineMs = 1000): Promise<void> {
    await this.#health?.start(startupDeadlineMs);
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#listeners.add(listener);
  }

  memberTag(member: string): Promise<string> {
    return this.#primary.memberTag(member);
  }

  status(): SharedStateStatus {
    return this.#health?.away ? 'memory-fallback' : this.#primary.status();
  }

  async close(): Promise<void> {
    this.#health?.close();
    await Promise.allSettled([this.#primary.close(), this.#insurance.close()]);
  }

  /**
   * The primary's answer (within the deadline, for a pinged store); else the insurance's (`insured`,
   * told the primary's error), or past the deadline `pastDeadline`'s.
   */
  async #call<T>(primaryWork: () => Promise<T>, insured: (err?: unknown) => Promise<T>, pastDeadline: () => Promise<T> = insured): Promise<T> {
    const health = this.#health;
    if (health?.away) return insured();
    try {
      return await (health ? health.within(primaryWork()) : primaryWork());
    } catch (err) {
      if (err instanceof DeadlineError) return health?.away ? insured() : pastDeadline();
      health?.failed(err);
      this.#options.onFallback(err);
      return insured(err);
    }
  }

  /** Through the primary, noting what it counted; else from the last count known here. */
  #take(key: string, rule: BucketRule, now: number): Promise<TakeResult> {
    const counted = async () => {
      const result = await this.#primary.rateLimits.take(key, rule, now);
      if (result.remaining !== undefined) this.#buckets.remember(key, result.remaining, now);
      return result;
    };
    return this.#call(counted, async () => this.#buckets.take(key, rule, now));
  }

  /** An invalidation always reaches the insurance; one the primary may not have had is kept, to be replayed, or fails. */
  async #invalidation(id: string, invalidate: (cache: CacheStore) => Promise<void>): Promise<void> {
    let reachedPrimary = true;
    let failure: unknown;
    await this.#call(
      () => invalidate(this.#primary.cache),
      async (err) => {
        reachedPrimary = false;
        failure = err;
        await invalidate(this.#insurance.cache);
      },
    );
    if (reachedPrimary) return;
    if (!this.#health) throw failure;
    if (this.#missed.size < MISSED_INVALIDATIONS_KEPT) this.#missed.set(id, () => invalidate(this.#primary.cache));
  }

  /**
   * Replays the invalidations the primary may not have, until none is left (those made during a
   * replay too). One that fails stays kept, and the failure is thrown.
   */
  async #replayMissed(): Promise<number> {
    let replayed = 0;
    while (this.#missed.size > 0) {
      const batch = [...this.#missed];
      const outcomes = await Promise.allSettled(batch.map(([, replay]) => withDeadline(replay(), this.#health!.unwellAfterMs)));
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

  #insuredEntries(): Pick<CacheStore, keyof typeof NO_COPIES> {
    return this.#primary.hearsEveryInvalidation === false ? NO_COPIES : this.#insurance.cache;
  }

  /** Back on the primary: listeners check their copies (invalidations elsewhere were missed); a fresh insurance for next time. */
  #renewInsurance(): void {
    this.#listeners.tell(EVERYTHING);
    const previous = this.#insurance;
    this.#insurance = this.#newInsurance();
    void previous.close();
  }

  #newInsurance(): MemorySharedState {
    const insurance = new MemorySharedState({ maxEntries: this.#options.maxEntries, prefix: this.#options.prefix });
    insurance.onInvalidate((invalidation) => this.#listeners.tell(invalidation));
    return insurance;
  }
}
