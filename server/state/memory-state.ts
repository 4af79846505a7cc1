import { MemoryRateLimitStore } from './token-buckets.js';
import { InvalidationListeners } from './invalidations.js';
import { DEFAULT_PREFIX, Keyspace } from './keyspace.js';
import { LocalEntries } from './local-entries.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SharedState, SharedStateStatus } from './types.js';

export interface MemoryStateOptions {
  maxEntries?: number;
  /** Tags members as the Redis state of this prefix does (invalidation listeners see one tag either way). */
  prefix?: string;
  /** Milliseconds since the epoch; tests pass their own. */
  clock?: () => number;
}

/**
 * The shared state of a single instance: everything in this process's memory (without Redis, and
 * standing in while Redis is away). Same keys and semantics as the Redis implementation.
 *
 * @example
 * const state = new MemorySharedState({ maxEntries: 10_000 })
 * await state.cache.set({ kind: 'stats', member: 'email:ada@example.com', key: 'All' }, stats, 30_000)
 */
export class MemorySharedState implements SharedState {
  readonly cache: CacheStore;
  readonly rateLimits: MemoryRateLimitStore;
  readonly leases: LeaseStore;
  /** This process alone: caches in front of it keep no copy of their own beside it (`spansInstances`). */
  readonly spansInstances = false;
  readonly #keys: Keyspace;
  readonly #listeners = new InvalidationListeners();
  readonly #drop: (invalidation: Invalidation) => void;

  constructor(options: MemoryStateOptions = {}) {
    const clock = options.clock ?? Date.now;
    const maxEntries = options.maxEntries ?? 10_000;
    this.#keys = new Keyspace(options.prefix ?? DEFAULT_PREFIX);
    this.rateLimits = new MemoryRateLimitStore(maxEntries * 10);
    const entries = new LocalEntries(maxEntries, clock);
    this.#drop = (invalidation) => dropInvalidated(entries, this.#keys, invalidation);
    this.cache = memoryCache(entries, this.#keys, this.#listeners);
    this.leases = memoryLeases(new LocalEntries(maxEntries, clock));
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** Drops what an invalidation made elsewhere names (heard from the store it stands in for), without telling listeners again. */
  applyInvalidation(invalidation: Invalidation): void {
    this.#drop(invalidation);
  }

  memberTag(member: string): Promise<string> {
    return this.#keys.tag(member);
  }

  status(): SharedStateStatus {
    return 'memory';
  }

  async close(): Promise<void> {}
}

function dropInvalidated(entries: LocalEntries, keys: Keyspace, invalidation: Invalidation): void {
  if (invalidation.memberTag === null) entries.dropPrefixed(invalidation.kind === null ? '' : keys.kindPrefix(invalidation.kind));
  else entries.dropMember(invalidation.memberTag, invalidation.kind === null ? '' : keys.kindPrefix(invalidation.kind));
}

function memoryCache(entries: LocalEntries, keys: Keyspace, listeners: InvalidationListeners): CacheStore {
  const drop = async (invalidation: Invalidation) => {
    dropInvalidated(entries, keys, invalidation);
    listeners.tell(invalidation);
  };
  const get = async <V>(name: EntryName) => entries.get((await keys.entry(name)).entry) as V | undefined;
  const invalidateMember = async (member: string, kind?: string) => {
    await drop({ memberTag: await keys.tag(member), kind: kind ?? null });
  };
  return {
    get,
    getMany: <V>(names: EntryName[]) => Promise.all(names.map((name) => get<V>(name))),
    async set(name, value, ttlMs) {
      const { entry, memberTag } = await keys.entry(name);
      entries.set(entry, value, ttlMs, memberTag);
    },
    async delete(name) {
      entries.delete((await keys.entry(name)).entry);
    },
    async deleteMany(names) {
      for (const name of names) entries.delete((await keys.entry(name)).entry);
    },
    invalidateMember,
    async invalidateMembers(members, kinds) {
      for (const member of members) for (const kind of kinds ?? [undefined]) await invalidateMember(member, kind);
    },
    async invalidateKind(kind) {
      await drop({ memberTag: null, kind });
    },
  };
}

function memoryLeases(held: LocalEntries): LeaseStore {
  return {
    async acquire(key, ttlMs) {
      if (held.get(key) !== undefined) return null;
      const token = crypto.randomUUID();
      held.set(key, token, ttlMs, undefined);
      return token;
    },
    async release(key, token) {
      if (held.get(key) === token) held.delete(key);
    },
  };
}
