import type { BucketRule, RateLimitStore, TakeResult } from './token-buckets.js';
import { decodeInvalidation, encodeInvalidation, InvalidationLog } from './invalidation-log.js';
import { DEFAULT_PREFIX, globEscape, Keyspace } from './keyspace.js';
import { LocalEntries } from './local-entries.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SharedState, SharedStateStatus } from './types.js';

/**
 * The few Redis operations the shared state needs, each one round trip (scripts are atomic).
 * `connectRedis` (redis-connection.ts) implements it with the `redis` client; keeping the port
 * small keeps this file free of any client and runtime.
 */
export interface RedisPort {
  get(key: string): Promise<string | null>;
  /** `MGET`: several values in one round trip. */
  getMany(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** SET_IN_GROUP: the entry, listed in its member's group set. */
  setInGroup(entry: string, group: string, value: string, ttlMs: number): Promise<void>;
  /** DROP_GROUP: deletes the group's entries whose key starts with `keyPrefix`; how many existed. */
  dropGroup(group: string, keyPrefix: string): Promise<number>;
  /** DROP_GROUPS: `dropGroup` for each group (entries starting with any of `keyPrefixes`), then each message published; how many existed. */
  dropGroups(groups: string[], channel: string, keyPrefixes: string[], messages: string[]): Promise<number>;
  del(key: string): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  /** Deletes every key matching a SCAN pattern, batch by batch; how many. */
  deleteMatching(pattern: string): Promise<number>;
  /** TAKE_TOKEN: `[allowed ? 1 : 0, retryAfterMs, whole tokens left]`. */
  takeToken(bucket: string, capacity: number, perMinute: number, now: number): Promise<[number, number, number]>;
  /** `SET key value NX PX ttlMs`: whether it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** RELEASE_LEASE: whether `token` held it. */
  releaseLease(key: string, token: string): Promise<boolean>;
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens on `channel` for good: subscribed again after each reconnect, when `onReconnected`
   * runs (messages sent meanwhile were missed). Resolves once first subscribed.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onReconnected: () => void): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisStateOptions {
  /** `REDIS_PREFIX`: starts every key and the invalidation channel. */
  prefix?: string;
  /** How long a value read from Redis is kept in this process (0: not at all). Invalidations reach it. */
  localCacheMs?: number;
  localMaxEntries?: number;
  clock?: () => number;
}

/**
 * The shared state in Redis, for several instances: entries as compact JSON with `PX` expiry and a
 * per-member group set; token buckets and lease release as Lua scripts; leases as `SET NX PX`;
 * invalidations deleted in Redis and announced on a pub/sub channel, which every instance applies
 * to its short local cache. Throws whatever Redis throws: `ResilientSharedState` wraps it.
 *
 * @example
 * const state = new RedisSharedState(await connectRedis({ url: 'redis://127.0.0.1:6379' }), { prefix: 'shop-a:' })
 * await state.subscribed
 */
export class RedisSharedState implements SharedState {
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  readonly leases: LeaseStore;
  /** Settles once the invalidation channel is listened to. */
  readonly subscribed: Promise<void>;
  readonly #port: RedisPort;
  readonly #keys: Keyspace;
  readonly #local: LocalEntries;
  readonly #log: InvalidationLog;
  readonly #localCacheMs: number;
  /** Bumped by every invalidation: a read that straddles one does not fill the local cache. */
  #epoch = 0;

  constructor(port: RedisPort, options: RedisStateOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.#port = port;
    this.#keys = new Keyspace(options.prefix ?? DEFAULT_PREFIX);
    this.#local = new LocalEntries(options.localMaxEntries ?? 10_000, clock);
    this.#log = new InvalidationLog(clock);
    this.#localCacheMs = options.localCacheMs ?? 1000;
    this.cache = this.#cacheStore();
    this.rateLimits = { take: (key, rule, now) => this.#take(key, rule, now) };
    this.leases = {
      acquire: async (key, ttlMs) => {
        const token = crypto.randomUUID();
        return (await port.setIfAbsent(await this.#keys.lease(key), token, ttlMs)) ? token : null;
      },
      release: async (key, token) => {
        await port.releaseLease(await this.#keys.lease(key), token);
      },
    };
    this.subscribed = port.subscribe(
      this.#keys.channel,
      (message) => {
        const invalidation = decodeInvalidation(message);
        if (invalidation !== null) this.#apply(invalidation);
      },
      () => this.forgetLocalCopies(),
    );
    this.subscribed.catch(() => {});
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#log.onInvalidate(listener);
  }

  memberTag(member: string): Promise<string> {
    return this.#keys.tag(member);
  }

  status(): SharedStateStatus {
    return 'redis';
  }

  ping(): Promise<void> {
    return this.#port.ping();
  }

  /**
   * After a time without Redis, invalidations may have been missed: empties the local cache and
   * tells listeners so (an invalidation of everything), so their copies are read from Redis again.
   */
  forgetLocalCopies(): void {
    this.#apply({ memberTag: null, kind: null });
  }

  close(): Promise<void> {
    return this.#port.close();
  }

  #cacheStore(): CacheStore {
    const port = this.#port;
    const keys = this.#keys;
    const invalidate = async (invalidation: Invalidation, dropInRedis: () => Promise<unknown>) => {
      // Locally first: a racing write on this instance is then skipped by `loadStartedAt`.
      this.#apply(invalidation);
      await dropInRedis();
      await port.publish(keys.channel, encodeInvalidation(invalidation));
    };
    const get = async <V>(name: EntryName): Promise<V | undefined> => (await this.#getMany<V>([name]))[0];
    return {
      get,
      getMany: <V>(names: EntryName[]) => this.#getMany<V>(names),
      set: async (name, value, ttlMs, options) => {
        const { entry, group, memberTag } = await keys.entry(name);
        if (options?.loadStartedAt !== undefined && this.#log.invalidatedSince(name.kind, memberTag, options.loadStartedAt)) return;
        const ttl = Math.max(1, Math.ceil(ttlMs));
        const json = JSON.stringify(value);
        await (group === undefined ? port.set(entry, json, ttl) : port.setInGroup(entry, group, json, ttl));
        this.#local.set(entry, value, Math.min(this.#localCacheMs, ttl), memberTag);
      },
      delete: async (name) => {
        const { entry } = await keys.entry(name);
        this.#local.delete(entry);
        await port.del(entry);
      },
      deleteMany: async (names) => {
        const entries = await Promise.all(names.map(async (name) => (await keys.entry(name)).entry));
        for (const entry of entries) this.#local.delete(entry);
        await port.delMany(entries);
      },
      invalidateMember: (member, kind) => this.cache.invalidateMembers([member], kind === undefined ? undefined : [kind]),
      invalidateMembers: async (members, kinds) => {
        const memberTags = await Promise.all(members.map((member) => keys.tag(member)));
        const invalidations = memberTags.flatMap((memberTag) => (kinds ?? [null]).map((kind) => ({ memberTag, kind })));
        const keyPrefixes = kinds === undefined ? [''] : kinds.map((kind) => keys.kindPrefix(kind));
        // Locally first: a racing write on this instance is then skipped by `loadStartedAt`.
        for (const invalidation of invalidations) this.#apply(invalidation);
        // One script: every group dropped and every announcement published, however many members.
        await port.dropGroups(memberTags.map((memberTag) => keys.group(memberTag)), keys.channel, keyPrefixes, invalidations.map(encodeInvalidation));
      },
      invalidateKind: async (kind) => {
        await invalidate({ memberTag: null, kind }, () => port.deleteMatching(`${globEscape(keys.kindPrefix(kind))}*`));
      },
    };
  }

  /** Entries from the local copies, the rest in one `MGET`. */
  async #getMany<V>(names: EntryName[]): Promise<Array<V | undefined>> {
    const stored = await Promise.all(names.map((name) => this.#keys.entry(name)));
    const values = stored.map(({ entry }) => this.#local.get(entry) as V | undefined);
    const missing = stored.filter((_, i) => values[i] === undefined);
    if (missing.length === 0) return values;
    const epoch = this.#epoch;
    const raws = await this.#port.getMany(missing.map(({ entry }) => entry));
    let next = 0;
    return values.map((value, i) => {
      if (value !== undefined) return value;
      const raw = raws[next++];
      const parsed = raw === null || raw === undefined ? undefined : parseStored<V>(raw);
      if (parsed !== undefined && epoch === this.#epoch) this.#local.set(stored[i]!.entry, parsed, this.#localCacheMs, stored[i]!.memberTag);
      return parsed;
    });
  }

  #apply(invalidation: Invalidation): void {
    this.#epoch += 1;
    if (invalidation.memberTag === null) this.#local.dropPrefixed(invalidation.kind === null ? '' : this.#keys.kindPrefix(invalidation.kind));
    else this.#local.dropMember(invalidation.memberTag, invalidation.kind === null ? '' : this.#keys.kindPrefix(invalidation.kind));
    this.#log.record(invalidation);
  }

  async #take(key: string, rule: BucketRule, now: number): Promise<TakeResult> {
    const [allowed, retryAfterMs, remaining] = await this.#port.takeToken(await this.#keys.bucket(key), rule.capacity, rule.perMinute, now);
    return { allowed: allowed === 1, retryAfterMs, remaining };
  }
}

/** A stored value, or undefined for one that is not JSON (another writer's key): a miss, not a Redis failure. */
function parseStored<V>(raw: string): V | undefined {
  try {
    return JSON.parse(raw) as V;
  } catch {
    return undefined;
  }
}
