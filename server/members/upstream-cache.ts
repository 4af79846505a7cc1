import { LruCache } from '../lib/lru-cache.js';
import { loadShared } from '../state/shared-load.js';
import type { EntryName, Invalidation, SharedState } from '../state/types.js';
import { UpstreamError } from '../upstream/client.js';

interface Entry<V> {
  value: V;
  /** What a fresh read answers, made once per entry. */
  served: Cached<V>;
  /** Served as is until then. */
  freshUntil: number;
  /** Served while one background load refreshes it, until then. */
  revalidateUntil: number;
  /** Kept to be served (marked stale) while Referral Rock is failing, until then. */
  keepUntil: number;
}

/**
 * One entry as the shared cache keeps it (JSON, expiring by itself at `keepUntil`): the value and
 * its lifetimes as absolute times, so every instance serves it fresh, revalidates it and drops it
 * at the same moments.
 */
interface Envelope<V> {
  v: V;
  freshUntil: number;
  revalidateUntil: number;
  keepUntil: number;
}

export interface Lifetimes {
  freshMs: number;
  staleWhileRevalidateMs: number;
  /** How long an entry may stand in for a failing upstream. */
  keepMs: number;
}

/** What the cache answered: the value, and whether it is a stand-in for a failed load. */
export interface Cached<V> {
  value: V;
  stale: boolean;
}

/** Runs a background load past the response (edge runtimes: `executionCtx.waitUntil`). */
export type Defer = (work: Promise<unknown>) => void;

/**
 * Where a cache's entries are shared with other instances: the shared state, the entries' kind
 * there, and each local key's shared name (its member, whose invalidation drops it, and the rest).
 */
export interface SharedEntries {
  state: SharedState;
  /** A fixed lowercase label: "stats", "links", "member", "program"… */
  kind: string;
  nameOf(key: string): Omit<EntryName, 'kind'>;
}

export interface UpstreamCacheOptions {
  onBackgroundError?: (err: unknown) => void;
  /** Shares entries, loads and invalidations with other instances (Redis); this process alone without. */
  shared?: SharedEntries;
  /**
   * Whether a dropped entry stays as a stand-in for an unwell upstream (default true: a member's
   * own stats, a little old, beat an error). False where a drop means the value may now be someone
   * else's (a token's lookup after a member event: the e-mail may name a new member).
   */
  standInAfterDrop?: boolean;
}

/** A local copy dropped by a kind-wide invalidation (no member named). */
const EVERY_MEMBER = '*';

/**
 * The upstream cache: bounded (LRU), fresh for a while, then stale-while-revalidate, and a
 * stand-in for an unwell upstream. Concurrent loads of one key share one upstream call (single
 * flight). A dropped key is loaded again before it is next served fresh.
 *
 * With `shared`, this cache is a copy in front of the shared one: a local miss reads the shared
 * entry (another instance may have loaded it), a load is single flight across instances
 * (`loadShared`: a lease, a bounded wait), and an invalidation on any instance drops the local
 * copies of that member (the warm path stays a local read, no promise).
 *
 * @example
 * const cache = new UpstreamCache<Stats>(10_000)
 * const { value, stale } = await cache.get(composeKey(member, 'All'), () => rr.memberStats(…), lifetimes)
 */
export class UpstreamCache<V> {
  readonly #entries: LruCache<string, Entry<V>>;
  readonly #inflight = new Map<string, Promise<V>>();
  /**
   * The drop count when each key (or member tag, or every member: `*`) was last dropped: loads
   * that started before may not store a fresh value, here nor in the shared cache. The one guard of
   * the race "a load that spans an invalidation", fed by `drop` and by every instance's
   * invalidations. A count, not a time: a drop in the very millisecond a load starts is still told apart.
   */
  readonly #droppedAt = new LruCache<string, number>(10_000);
  /** Shared mode: the local keys of each member tag (to drop them on an invalidation from anywhere). */
  readonly #keysOfTag: LruCache<string, Set<string>>;
  readonly #shared: SharedEntries | undefined;
  /** Whether a fresh copy here may be served as is: every invalidation, wherever made, drops it. */
  readonly #trustsCopies: boolean;
  readonly #onBackgroundError: (err: unknown) => void;
  readonly #standInAfterDrop: boolean;
  #drops = 0;

  constructor(maxEntries: number, options: UpstreamCacheOptions | ((err: unknown) => void) = {}) {
    const { onBackgroundError = () => {}, shared, standInAfterDrop = true } = typeof options === 'function' ? { onBackgroundError: options } : options;
    this.#standInAfterDrop = standInAfterDrop;
    this.#entries = new LruCache(maxEntries);
    this.#keysOfTag = new LruCache(maxEntries * 2);
    this.#onBackgroundError = onBackgroundError;
    this.#shared = shared;
    this.#trustsCopies = shared?.state.hearsEveryInvalidation !== false;
    shared?.state.onInvalidate((invalidation) => this.#dropInvalidated(invalidation));
  }

  async get(key: string, load: () => Promise<V>, lifetimes: Lifetimes, defer: Defer = () => {}): Promise<Cached<V>> {
    let entry = this.#entries.get(key);
    if (entry && this.#trustsCopies && Date.now() < entry.freshUntil) return entry.served;
    if (this.#shared && !this.#trustsCopies) {
      // Invalidations elsewhere are never heard here (Durable Objects): the shared entry decides; a
      // copy of one since dropped is only an outage stand-in (none where a drop may mean someone else's).
      entry = (await this.#adoptShared(key)) ?? (entry && this.#standInAfterDrop ? { ...entry, freshUntil: 0, revalidateUntil: 0 } : undefined);
    } else if (this.#shared && !(entry && Date.now() < entry.revalidateUntil)) {
      // Not fresh here, and not ours to revalidate: another instance may have loaded it meanwhile.
      entry = (await this.#adoptShared(key)) ?? entry;
    }
    const now = Date.now();
    if (entry && now < entry.freshUntil) return entry.served;
    if (entry && now < entry.revalidateUntil) {
      defer(this.#load(key, load, lifetimes).catch(this.#onBackgroundError));
      return entry.served;
    }
    try {
      return { value: await this.#load(key, load, lifetimes), stale: false };
    } catch (err) {
      const outage = err instanceof UpstreamError && (err.outage || err.status === 503);
      if (outage && entry && Date.now() < entry.keepUntil) return { value: entry.value, stale: true };
      throw err;
    }
  }

  /** The value while it is fresh, at once (no promise); undefined otherwise: then `get` it. */
  fresh(key: string): Cached<V> | undefined {
    if (!this.#trustsCopies) return undefined;
    const entry = this.#entries.get(key);
    return entry && Date.now() < entry.freshUntil ? entry.served : undefined;
  }

  /**
   * Drops a key here: its next read loads again (the old value stays as a stand-in for outages,
   * unless `standInAfterDrop` is false), and a load under way is not kept. Whether there was an entry.
   */
  drop(key: string): boolean {
    this.#droppedAt.set(key, ++this.#drops);
    this.#inflight.delete(key);
    const entry = this.#entries.get(key);
    if (entry && !this.#standInAfterDrop) this.#entries.delete(key);
    else if (entry) this.#entries.set(key, { ...entry, freshUntil: 0, revalidateUntil: 0 });
    return entry !== undefined;
  }

  /** Drops every key that `matches`. Returns how many were dropped. */
  dropWhere(matches: (key: string) => boolean): number {
    const keys = [...this.#entries.keys()].filter(matches);
    for (const key of keys) this.drop(key);
    return keys.length;
  }

  get size(): number {
    return this.#entries.size;
  }

  #load(key: string, load: () => Promise<V>, lifetimes: Lifetimes): Promise<V> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const dropsBefore = this.#drops;
    const keep = (envelope: Envelope<V>, memberTag: string | undefined): V => {
      this.#keep(key, envelope, memberTag, this.#droppedSince(key, memberTag, dropsBefore));
      return envelope.v;
    };
    const loading = (
      this.#shared
        ? this.#loadShared(key, load, lifetimes, dropsBefore).then(({ envelope, memberTag }) => keep(envelope, memberTag))
        : load().then((value) => keep(envelopeOf(value, lifetimes), undefined))
    )
      .finally(() => {
        if (this.#inflight.get(key) === loading) this.#inflight.delete(key);
      });
    this.#inflight.set(key, loading);
    return loading;
  }

  /**
   * Through the shared cache: one instance calls upstream, the others wait for its value (bounded).
   * A load that spans a drop of its key, wherever made, is not stored there either.
   */
  async #loadShared(key: string, load: () => Promise<V>, lifetimes: Lifetimes, dropsBefore: number): Promise<{ envelope: Envelope<V>; memberTag: string | undefined }> {
    const { state, kind, nameOf } = this.#shared!;
    const name = { kind, ...nameOf(key) };
    const memberTag = name.member === undefined ? undefined : await state.memberTag(name.member);
    const { value } = await loadShared<Envelope<V>>({
      state,
      name,
      ttlMs: lifetimes.keepMs,
      // Another instance's value will do while it is fresh.
      accept: (envelope) => isEnvelope(envelope) && Date.now() < envelope.freshUntil,
      stillCurrent: () => !this.#droppedSince(key, memberTag, dropsBefore),
      load: async () => envelopeOf(await load(), lifetimes),
    });
    return { envelope: value, memberTag };
  }

  /** The shared entry as this instance's copy, unless this key was dropped while it was read. */
  async #adoptShared(key: string): Promise<Entry<V> | undefined> {
    const { state, kind, nameOf } = this.#shared!;
    const dropsBefore = this.#drops;
    const name = { kind, ...nameOf(key) };
    const [envelope, memberTag] = await Promise.all([
      state.cache.get<Envelope<V>>(name),
      name.member === undefined ? undefined : state.memberTag(name.member),
    ]);
    if (!isEnvelope(envelope) || Date.now() >= envelope.keepUntil || this.#droppedSince(key, memberTag, dropsBefore)) return undefined;
    return this.#keep(key, envelope, memberTag, false);
  }

  #keep(key: string, envelope: Envelope<V>, memberTag: string | undefined, dropped: boolean): Entry<V> {
    const entry: Entry<V> = {
      value: envelope.v,
      served: { value: envelope.v, stale: false },
      freshUntil: dropped ? 0 : envelope.freshUntil,
      revalidateUntil: dropped ? 0 : envelope.revalidateUntil,
      keepUntil: envelope.keepUntil,
    };
    this.#entries.set(key, entry);
    if (memberTag !== undefined) {
      const keys = this.#keysOfTag.get(memberTag);
      if (keys) keys.add(key);
      else this.#keysOfTag.set(memberTag, new Set([key]));
    }
    return entry;
  }

  #droppedSince(key: string, memberTag: string | undefined, dropsBefore: number): boolean {
    const at = (name: string) => this.#droppedAt.get(name) ?? 0;
    return at(key) > dropsBefore || (memberTag !== undefined && at(memberTag) > dropsBefore) || at(EVERY_MEMBER) > dropsBefore;
  }

  /** An invalidation made on any instance: drops this member's local copies (every member's, for a kind-wide one). */
  #dropInvalidated({ memberTag, kind }: Invalidation): void {
    if (kind !== null && kind !== this.#shared!.kind) return;
    if (memberTag === null) {
      this.#droppedAt.set(EVERY_MEMBER, ++this.#drops);
      this.dropWhere(() => true);
      return;
    }
    this.#droppedAt.set(memberTag, ++this.#drops);
    for (const key of this.#keysOfTag.get(memberTag) ?? []) this.drop(key);
    this.#keysOfTag.delete(memberTag);
  }
}

/** A just-loaded value with its lifetimes from now. */
function envelopeOf<V>(value: V, lifetimes: Lifetimes): Envelope<V> {
  const now = Date.now();
  return { v: value, freshUntil: now + lifetimes.freshMs, revalidateUntil: now + lifetimes.freshMs + lifetimes.staleWhileRevalidateMs, keepUntil: now + lifetimes.keepMs };
}

function isEnvelope<V>(value: unknown): value is Envelope<V> {
  if (typeof value !== 'object' || value === null || !('v' in value)) return false;
  const { freshUntil, revalidateUntil, keepUntil } = value as Partial<Envelope<V>>;
  return typeof freshUntil === 'number' && typeof revalidateUntil === 'number' && typeof keepUntil === 'number';
}
