import type { Logger } from '../http/logging.js';
import { DEFAULT_PREFIX } from './keyspace.js';
import { MemorySharedState } from './memory-state.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SetOptions, SharedState, SharedStateStatus } from './types.js';
import type { RateLimitStore } from './token-buckets.js';

/** The Redis side as the wrapper sees it: a shared state that can be probed and told to resync. */
export interface ProbedState extends SharedState {
  ping(): Promise<void>;
  /** Called on the way back from memory: invalidations may have been missed meanwhile. */
  forgetLocalCopies(): void;
}

export interface ResilientStateOptions {
  primary: ProbedState;
  log: Logger;
  /** `REDIS_PREFIX`: the memory stand-in tags members as Redis does, so invalidation listeners see one tag. */
  prefix?: string;
  /** Longest wait for one Redis call before answering from memory, in milliseconds. */
  deadlineMs?: number;
  /** How often Redis is asked whether it is back, while away. */
  probeEveryMs?: number;
  /** Bound of the memory stand-in's entries. */
  maxEntries?: number;
}

/** Invalidations made while Redis was away, replayed when it returns (beyond this many: left to the TTLs). */
const MISSED_INVALIDATIONS_KEPT = 1000;

/**
 * Shared state that never fails a request because of Redis: every call has a deadline; the first
 * failure or timeout switches this instance to its own memory (logged once), a background probe
 * asks Redis every `probeEveryMs`, and the first answer switches back (logged once), after
 * replaying the invalidations made meanwhile and emptying the local copies, which may have
 * missed other instances' invalidations.
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
  readonly #primary: ProbedState;
  readonly #options: Required<Omit<ResilientStateOptions, 'primary'>>;
  readonly #listeners = new Set<(invalidation: Invalidation) => void>();
  readonly #missed = new Map<string, () => Promise<void>>();
  #fallback: MemorySharedState;
  #onRedis = true;
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: ResilientStateOptions) {
    this.#primary = options.primary;
    this.#options = {
      log: options.log,
      prefix: options.prefix ?? DEFAULT_PREFIX,
      deadlineMs: options.deadlineMs ?? 50,
      probeEveryMs: options.probeEveryMs ?? 1000,
      maxEntries: options.maxEntries ?? 10_000,
    };
    this.#fallback = this.#newFallback();
    options.primary.onInvalidate((invalidation) => this.#tell(invalidation));

    this.cache = {
      get: <V>(name: EntryName) => this.#call((state) => state.cache.get<V>(name)),
      set: <V>(name: EntryName, value: V, ttlMs: number, setOptions?: SetOptions) => this.#call((state) => state.cache.set(name, value, ttlMs, setOptions)),
      delete: (name) => this.#call((state) => state.cache.delete(name)),
      invalidateMember: (member, kind) => this.#invalidation(`m|${kind ?? ''}|${member}`, (state) => state.cache.invalidateMember(member, kind)),
      invalidateKind: (kind) => this.#invalidation(`k|${kind}`, (state) => state.cache.invalidateKind(kind)),
    };
    this.rateLimits = { take: (key, rule, now) => this.#call(async (state) => state.rateLimits.take(key, rule, now)) };
    this.leases = {
      acquire: (key, ttlMs) => this.#call((state) => state.leases.acquire(key, ttlMs)),
      // A lease taken in Redis and released while away simply expires there.
      release: (key, token) => this.#call((state) => state.leases.release(key, token)),
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
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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

  async #call<T>(use: (state: SharedState) => Promise<T>): Promise<T> {
    if (this.#onRedis) {
      try {
        return await withDeadline(use(this.#primary), this.#options.deadlineMs);
      } catch (err) {
        this.#fallBack(err);
      }
    }
    return use(this.#fallback);
  }

  /** An invalidation always reaches memory; made while Redis is away, it is kept to be replayed. */
  async #invalidation(id: string, invalidate: (state: SharedState) => Promise<void>): Promise<void> {
    await this.#call(invalidate);
    if (this.#onRedis) return;
    if (this.#missed.size < MISSED_INVALIDATIONS_KEPT) this.#missed.set(id, () => invalidate(this.#primary));
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
    try {
      await withDeadline(this.#primary.ping(), this.#options.deadlineMs);
    } catch {
      this.#scheduleProbe();
      return;
    }
    const replays = [...this.#missed.values()];
    this.#missed.clear();
    await Promise.allSettled(replays.map((replay) => withDeadline(replay(), this.#options.deadlineMs * 10)));
    this.#primary.forgetLocalCopies();
    // A fresh stand-in for the next outage: what this one holds is no longer invalidated.
    const previous = this.#fallback;
    this.#fallback = this.#newFallback();
    void previous.close();
    this.#onRedis = true;
    this.#options.log({ level: 'info', msg: 'shared state back on redis', replayedInvalidations: replays.length });
  }

  #newFallback(): MemorySharedState {
    const fallback = new MemorySharedState({ maxEntries: this.#options.maxEntries, prefix: this.#options.prefix, status: 'memory-fallback' });
    fallback.onInvalidate((invalidation) => this.#tell(invalidation));
    return fallback;
  }

  #tell(invalidation: Invalidation): void {
    for (const listener of this.#listeners) listener(invalidation);
  }
}

/** Raised when a Redis call outlives its deadline. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * `work`, or a DeadlineError after `ms`. The work itself goes on (a Redis command cannot be
 * recalled); its late answer is ignored.
 *
 * @example await withDeadline(redis.ping(), 50)
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A short reason for the log: the error's class and message, never a URL with its password. */
function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\b(rediss?:\/\/)[^@\s/]*@/gi, '$1***@').slice(0, 200);
}
