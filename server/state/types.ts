import type { RateLimitStore } from './token-buckets.js';

/**
 * Names one cache entry. `kind` is a fixed label ("stats", "links", "member-id"…) and shows in the
 * stored key; `key` and `member` may carry identifiers (e-mails, external ids) and are only ever
 * stored hashed. Entries that name a `member` form that member's group: one call drops them all.
 *
 * @example
 * const name: EntryName = { kind: 'stats', member: 'email:ada@example.com', key: 'All' }
 */
export interface EntryName {
  kind: string;
  key: string;
  member?: string;
}

/** Options of a write. */
export interface SetOptions {
  /**
   * When the load that produced the value started (`clock()` time). Read by a store whose instances
   * do not hear each other's invalidations (Durable Objects): it skips the write if the member (or
   * the kind) was invalidated since. Where every instance hears every invalidation, the one guard
   * is the caller's (`loadShared`'s `stillCurrent`, which `UpstreamCache` answers).
   */
  loadStartedAt?: number;
}

/**
 * Entries with an expiry, shared by every instance (or this process's memory). Values are plain
 * JSON; each expires by itself after `ttlMs`.
 *
 * @example
 * await cache.set({ kind: 'stats', member, key: 'All' }, stats, 30_000)
 * const stats = await cache.get<MemberStats>({ kind: 'stats', member, key: 'All' })
 */
export interface CacheStore {
  get<V>(name: EntryName): Promise<V | undefined>;
  /** Several entries in one round trip (a webhook's aliases): each value, or undefined, in order. */
  getMany<V>(names: EntryName[]): Promise<Array<V | undefined>>;
  set<V>(name: EntryName, value: V, ttlMs: number, options?: SetOptions): Promise<void>;
  delete(name: EntryName): Promise<void>;
  /** Deletes several entries in one round trip. */
  deleteMany(names: EntryName[]): Promise<void>;
  /** Drops one member's entries (of one kind, or all kinds), on every instance's local copies too. */
  invalidateMember(member: string, kind?: string): Promise<void>;
  /**
   * Drops several members' entries of the given kinds (all kinds without), as `invalidateMember`
   * does for each, in one round trip however many members (a webhook naming many).
   */
  invalidateMembers(members: string[], kinds?: string[]): Promise<void>;
  /** Drops every member's entries of one kind, everywhere. Costly (a key scan): for rare events. */
  invalidateKind(kind: string): Promise<void>;
}

/**
 * Short exclusive leases, for single flight across instances.
 *
 * @example
 * const token = await leases.acquire('stats|email:ada@example.com', 5_000)
 * if (token) try { await load() } finally { await leases.release('stats|email:ada@example.com', token) }
 */
export interface LeaseStore {
  /** Takes the lease on `key` for `ttlMs` if nobody holds it: its token, or null when it is held. */
  acquire(key: string, ttlMs: number): Promise<string | null>;
  /** Gives the lease back if this token still holds it (a lease that expired and was re-taken stays). */
  release(key: string, token: string): Promise<void>;
}

/**
 * What an invalidation dropped: one member's entries (`memberTag`, the member's hashed name, see
 * `SharedState.memberTag`), of one kind or all kinds; or a kind for every member (`memberTag` null);
 * or, both null, everything: told by an instance that may have missed invalidations (back from its
 * memory fallback, or its invalidation channel reconnected), so its copies are checked again.
 */
export interface Invalidation {
  memberTag: string | null;
  kind: string | null;
}

/**
 * `redis`: shared; `memory-fallback`: Redis is configured but not answering; `memory`: no Redis
 * configured; `durable-object`: shared through a Cloudflare Durable Object namespace.
 */
export type SharedStateStatus = 'redis' | 'memory-fallback' | 'memory' | 'durable-object';

/**
 * The state several instances of the backend share: cache, rate limits, leases, invalidation.
 * `createSharedState` picks the implementation from `REDIS_URL`.
 *
 * @example
 * const state = await createSharedState({ env: process.env, log })
 * const { allowed } = await state.rateLimits.take('member:…', { capacity: 60, perMinute: 60 }, Date.now())
 * state.onInvalidate(({ memberTag }) => localCopies.dropTagged(memberTag))
 */
export interface SharedState {
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  readonly leases: LeaseStore;
  /**
   * Whether other instances share this state (Redis, even while its memory stand-in answers;
   * Durable Objects). False for one process's memory: then a cache in front of it keeps its own
   * copies and nothing else (a second copy of the same process's entries would add nothing).
   */
  readonly spansInstances: boolean;
  /**
   * False where `onInvalidate` hears only this instance's invalidations (Durable Objects: isolates
   * have no broadcast). Then keep no copy in front of `cache` beyond what may be served stale: only
   * the shared cache sees every invalidation. Absent means true (memory: one instance; Redis: pub/sub).
   */
  readonly hearsEveryInvalidation?: boolean;
  /** Calls `listener` on every invalidation, this instance's and other instances' alike. Returns an unsubscribe. */
  onInvalidate(listener: (invalidation: Invalidation) => void): () => void;
  /** The hashed name an `Invalidation` carries for `member` (to match local copies against). */
  memberTag(member: string): Promise<string>;
  /** What answers now, for `/readyz` and logs: it changes with Redis's health, so ask `spansInstances` what the state can do. */
  status(): SharedStateStatus;
  close(): Promise<void>;
}
