import { InvalidationListeners } from './invalidations.js';
import { DEFAULT_PREFIX, Keyspace } from './keyspace.js';
import { OBJECT_URL, type DurableAnswers, type DurableRequest, type KindTimes } from './durable-protocol.js';
import type { RateLimitStore } from './token-buckets.js';
import type { CacheStore, EntryName, Invalidation, LeaseStore, SharedState, SharedStateStatus } from './types.js';

/** What the state needs of a Durable Object stub: `fetch`. */
export interface DurableObjectStubLike {
  fetch(input: string, init: RequestInit): Promise<Response>;
}

/** What the state needs of a Durable Object namespace binding (a Worker's `SHARED_STATE` binding). */
export interface DurableObjectNamespaceLike<Id = unknown> {
  idFromName(name: string): Id;
  get(id: Id): DurableObjectStubLike;
}

export interface DurableStateOptions {
  /** Stands in front of every object name, so one namespace can serve several deployments. */
  prefix?: string;
  /** How long this isolate trusts its copy of the kind-wide invalidations, in milliseconds. */
  kindsRefreshMs?: number;
  clock?: () => number;
}

const DEFAULT_KINDS_REFRESH_MS = 1000;

/**
 * Shared state through Cloudflare Durable Objects (`SharedStateObject`): one object per member
 * holds that member's entries and invalidations, one per bucket, one per lease, one for kind-wide
 * invalidations. Each object runs one call at a time, so a take is exact and a lease exclusive;
 * `loadShared` gets its single flight across isolates from the lease. Isolates have no broadcast:
 * `onInvalidate` hears this isolate's invalidations only (`hearsEveryInvalidation` is false) and
 * no copy is kept here: each read asks the object. A kind-wide invalidation reaches other isolates
 * within `kindsRefreshMs` (they re-read the kinds object at most that often).
 *
 * An object call that fails is retried once when Cloudflare marks the error retryable; if it still
 * fails, it throws: `ResilientSharedState` answers for it, as it does for Redis.
 *
 * @example
 * // In the Worker, with `[[durable_objects.bindings]] name = "SHARED_STATE"` in wrangler.toml:
 * const state = new ResilientSharedState({ primary: new DurableObjectSharedState(bindings.SHARED_STATE), log })
 * await state.rateLimits.take('member:…', { capacity: 60, perMinute: 60 }, Date.now())
 */
export class DurableObjectSharedState implements SharedState {
  readonly spansInstances = true;
  readonly hearsEveryInvalidation = false;
  readonly cache: CacheStore;
  readonly rateLimits: RateLimitStore;
  readonly leases: LeaseStore;
  readonly #namespace: DurableObjectNamespaceLike;
  readonly #keys: Keyspace;
  readonly #clock: () => number;
  readonly #kindsRefreshMs: number;
  readonly #listeners = new InvalidationListeners();
  #kinds: { times: KindTimes; readAt: number } | undefined;
  #kindsReading: Promise<KindTimes> | undefined;

  constructor(namespace: DurableObjectNamespaceLike<any>, options: DurableStateOptions = {}) {
    this.#namespace = namespace;
    this.#keys = new Keyspace(options.prefix ?? DEFAULT_PREFIX);
    this.#clock = options.clock ?? Date.now;
    this.#kindsRefreshMs = options.kindsRefreshMs ?? DEFAULT_KINDS_REFRESH_MS;
    this.cache = this.#cacheStore();
    this.rateLimits = { take: async (key, rule, now) => this.#call(await this.#keys.bucket(key), { op: 'take', rule, now }) };
    this.leases = {
      acquire: async (key, ttlMs) => (await this.#call(await this.#keys.lease(key), { op: 'acquire', ttlMs })).token,
      release: async (key, token) => {
        await this.#call(await this.#keys.lease(key), { op: 'release', token });
      },
    };
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    return this.#listeners.add(listener);
  }

  memberTag(member: string): Promise<string> {
    return this.#keys.tag(member);
  }

  status(): SharedStateStatus {
    return 'durable-object';
  }

  async close(): Promise<void> {}

  #cacheStore(): CacheStore {
    /** The object an entry lives in: its member's, or its own when it has no member. */
    const place = async (name: EntryName) => {
      const { entry, group } = await this.#keys.entry(name);
      return { entry, object: group ?? entry };
    };
    const get = async <V>(name: EntryName) => {
      const [{ entry, object }, kindTimes] = await Promise.all([place(name), this.#kindTimes()]);
      return (await this.#call(object, { op: 'get', entry, kind: name.kind, kindTimes })).value as V | undefined;
    };
    const remove = async (name: EntryName) => {
      const { entry, object } = await place(name);
      await this.#call(object, { op: 'delete', entry });
    };
    const invalidateMember = async (member: string, kinds?: string[]) => {
      const memberTag = await this.#keys.tag(member);
      for (const kind of kinds ?? []) this.#keys.kindPrefix(kind); // a bad kind throws here, as on Redis
      await this.#call(this.#keys.group(memberTag), { op: 'invalidate-member', kinds: kinds ?? null });
      for (const kind of kinds ?? [null]) this.#listeners.tell({ memberTag, kind });
    };
    // Each member is an object of its own: one call each, in parallel (a webhook caps how many).
    return {
      get,
      getMany: <V>(names: EntryName[]) => Promise.all(names.map((name) => get<V>(name))),
      set: async (name, value, ttlMs, options) => {
        const [{ entry, object }, kindTimes] = await Promise.all([place(name), this.#kindTimes()]);
        const call: DurableRequest = { op: 'set', entry, kind: name.kind, value, ttlMs, kindTimes };
        if (options?.loadStartedAt !== undefined) call.loadStartedAt = options.loadStartedAt;
        await this.#call(object, call);
      },
      delete: remove,
      deleteMany: async (names) => {
        await Promise.all(names.map(remove));
      },
      invalidateMember: (member, kind) => invalidateMember(member, kind === undefined ? undefined : [kind]),
      invalidateMembers: async (members, kinds) => {
        await Promise.all(members.map((member) => invalidateMember(member, kinds)));
      },
      invalidateKind: async (kind) => {
        this.#keys.kindPrefix(kind);
        const { kindTimes } = await this.#call(this.#kindsObject(), { op: 'invalidate-kind', kind });
        this.#kinds = { times: kindTimes, readAt: this.#clock() };
        this.#listeners.tell({ memberTag: null, kind });
      },
    };
  }

  /** The kind-wide invalidations, re-read from the kinds object at most every `kindsRefreshMs`. */
  #kindTimes(): Promise<KindTimes> {
    if (this.#kinds !== undefined && this.#clock() - this.#kinds.readAt < this.#kindsRefreshMs) return Promise.resolve(this.#kinds.times);
    this.#kindsReading ??= this.#call(this.#kindsObject(), { op: 'kinds' })
      .then(({ kindTimes }) => {
        this.#kinds = { times: kindTimes, readAt: this.#clock() };
        return kindTimes;
      })
      .finally(() => (this.#kindsReading = undefined));
    return this.#kindsReading;
  }

  #kindsObject(): string {
    return `${this.#keys.prefix}kinds`;
  }

  /** One call to an object; once more if Cloudflare says the error is worth a retry (not an overload). */
  async #call<R extends DurableRequest>(objectName: string, request: R): Promise<DurableAnswers[R['op']]> {
    try {
      return await this.#callOnce(objectName, request);
    } catch (err) {
      const { retryable, overloaded } = (err ?? {}) as { retryable?: unknown; overloaded?: unknown };
      if (retryable !== true || overloaded === true) throw err;
      return this.#callOnce(objectName, request);
    }
  }

  async #callOnce<R extends DurableRequest>(objectName: string, request: R): Promise<DurableAnswers[R['op']]> {
    const stub = this.#namespace.get(this.#namespace.idFromName(objectName));
    const response = await stub.fetch(OBJECT_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    if (!response.ok) throw new Error(`shared state object refused ${request.op}: ${response.status}`);
    return (await response.json()) as DurableAnswers[R['op']];
  }
}
