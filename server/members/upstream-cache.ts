import { LruCache } from '../lib/lru-cache.js';
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
 * The upstream cache: bounded (LRU), fresh for a while, then stale-while-revalidate, and a
 * stand-in for an unwell upstream. Concurrent loads of one key share one upstream call (single
 * flight). A dropped key is loaded again before it is next served fresh.
 *
 * @example
 * const cache = new UpstreamCache<Stats>(10_000)
 * const { value, stale } = await cache.get('stats|email:ada@example.com|All', () => rr.memberStats(…), lifetimes)
 */
export class UpstreamCache<V> {
  readonly #entries: LruCache<string, Entry<V>>;
  readonly #inflight = new Map<string, Promise<V>>();
  /**
   * The drop count when each key was last dropped: loads that started before may not store a fresh
   * value. A count, not a time: a drop in the very millisecond a load starts is still told apart.
   */
  readonly #droppedAt = new LruCache<string, number>(10_000);
  #drops = 0;

  constructor(maxEntries: number, private readonly onBackgroundError: (err: unknown) => void = () => {}) {
    this.#entries = new LruCache(maxEntries);
  }

  async get(key: string, load: () => Promise<V>, lifetimes: Lifetimes, defer: Defer = () => {}): Promise<Cached<V>> {
    const now = Date.now();
    const entry = this.#entries.get(key);
    if (entry && now < entry.freshUntil) return entry.served;
    if (entry && now < entry.revalidateUntil) {
      defer(this.#load(key, load, lifetimes).catch(this.onBackgroundError));
      return entry.served;
    }
    try {
      return { value: await this.#load(key, load, lifetimes), stale: false };
    } catch (err) {
      const standIn = entry && Date.now() < entry.keepUntil && err instanceof UpstreamError && (err.outage || err.status === 503);
      if (standIn) return { value: entry.value, stale: true };
      throw err;
    }
  }

  /** The value while it is fresh, at once (no promise); undefined otherwise: then `get` it. */
  fresh(key: string): Cached<V> | undefined {
    const entry = this.#entries.get(key);
    return entry && Date.now() < entry.freshUntil ? entry.served : undefined;
  }

  /** Drops a key: its next read loads again (the old value stays as a stand-in for outages). */
  drop(key: string): void {
    this.#droppedAt.set(key, ++this.#drops);
    this.#inflight.delete(key);
    const entry = this.#entries.get(key);
    if (entry) this.#entries.set(key, { ...entry, freshUntil: 0, revalidateUntil: 0 });
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
    const loading = load()
      .then((value) => {
        const now = Date.now();
        const droppedSince = (this.#droppedAt.get(key) ?? 0) > dropsBefore;
        this.#entries.set(key, {
          value,
          served: { value, stale: false },
          freshUntil: droppedSince ? 0 : now + lifetimes.freshMs,
          revalidateUntil: droppedSince ? 0 : now + lifetimes.freshMs + lifetimes.staleWhileRevalidateMs,
          keepUntil: now + lifetimes.keepMs,
        });
        return value;
      })
      .finally(() => {
        if (this.#inflight.get(key) === loading) this.#inflight.delete(key);
      });
    this.#inflight.set(key, loading);
    return loading;
  }
}
