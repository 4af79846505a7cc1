import type { BucketRule, RateLimitStore, TakeResult } from './token-buckets.js';
import { decodeInvalidation, encodeInvalidation, EVERYTHING, InvalidationListeners } from './invalidations.js';
import { DEFAULT_PREFIX, globEscape, Keyspace } from './keyspace.js';
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
  /** DROP_GROUPS: each group's entries starting with any of `keyPrefixes` deleted, then each message published; how many existed. */
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
}

/**
 * The shared state in Redis, for several instances: entries as compact JSON with `PX` expiry and a
 * per-member group set; token buckets and lease release as Lua scripts; leases as `SET NX PX`;
 * invalidations deleted in Redis and announced on a pub/sub channel, which every instance tells its
 * listeners. A store and nothing more: no copy in this process (the caches in front keep theirs) and
 * no guard on writes. Throws whatever Redis throws: `ResilientSharedState` wraps it.
 *
 * @example
 * const state = new RedisSharedState(await connectRedis({ url: 'redis://127.0.0.1:6379' }), { prefix: 'shop-a:' })
 * await state.subscribed
 */
export class RedisSharedState implements SharedState {
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  readonly leases: LeaseStore;
  readonly spansInstances = true;
  /** Settles once the invalidation channel is listened to. */
  readonly subscribed: Promise<void>;
  readonly #port: RedisPort;
  readonly #keys: Keyspace;
  readonly #listeners = new InvalidationListeners();

  constructor(port: RedisPort, options: RedisStateOptions = {}) {
    this.#port = port;
    this.#keys = new Keyspace(options.prefix ?? DEFAULT_PREFIX);
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
        if (invalidation !== null) this.#listeners.tell(invalidation);
      },
      // Messages sent while the channel was away were missed.
      () => this.#listeners.tell(EVERYTHING),
    );
    this.subscribed.catch(() => {});
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#listeners.add(listener);
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

  close(): Promise<void> {
    return this.#port.close();
  }

  #cacheStore(): CacheStore {
    const port = this.#port;
    const keys = this.#keys;
    const getMany = async <V>(names: EntryName[]): Promise<Array<V | undefined>> => {
      const raws = await port.getMany(await Promise.all(names.map(async (name) => (await keys.entry(name)).entry)));
      return raws.map((raw) => (raw === null || raw === undefined ? undefined : parseStored<V>(raw)));
    };
    return {
      get: async <V>(name: EntryName) => (await getMany<V>([name]))[0],
      getMany,
      set: async (name, value, ttlMs) => {
        const { entry, group } = await keys.entry(name);
        const ttl = Math.max(1, Math.ceil(ttlMs));
        const json = JSON.stringify(value);
        await (group === undefined ? port.set(entry, json, ttl) : port.setInGroup(entry, group, json, ttl));
      },
      delete: async (name) => {
        await port.del((await keys.entry(name)).entry);
      },
      deleteMany: async (names) => {
        await port.delMany(await Promise.all(names.map(async (name) => (await keys.entry(name)).entry)));
      },
      invalidateMember: (member, kind) => this.cache.invalidateMembers([member], kind === undefined ? undefined : [kind]),
      invalidateMembers: async (members, kinds) => {
        const memberTags = await Promise.all(members.map((member) => keys.tag(member)));
        const invalidations = memberTags.flatMap((memberTag) => (kinds ?? [null]).map((kind) => ({ memberTag, kind })));
        const keyPrefixes = kinds === undefined ? [''] : kinds.map((kind) => keys.kindPrefix(kind));
        // Told here first: a load on this instance that spans the drop is then not stored.
        for (const invalidation of invalidations) this.#listeners.tell(invalidation);
        // One script: every group dropped and every announcement published, however many members.
        await port.dropGroups(memberTags.map((memberTag) => keys.group(memberTag)), keys.channel, keyPrefixes, invalidations.map(encodeInvalidation));
      },
      invalidateKind: async (kind) => {
        const invalidation = { memberTag: null, kind };
        const pattern = `${globEscape(keys.kindPrefix(kind))}*`;
        this.#listeners.tell(invalidation);
        await port.deleteMatching(pattern);
        await port.publish(keys.channel, encodeInvalidation(invalidation));
      },
    };
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
