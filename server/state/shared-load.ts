import { composeKey } from '../lib/composite-key.js';
import type { EntryName, SharedState } from './types.js';

export interface SharedLoadOptions<V> {
  state: SharedState;
  name: EntryName;
  /** Calls upstream. Runs on one instance at a time, unless a holder is slow past `waitMs`. */
  load: () => Promise<V>;
  /** How long the loaded value stays in the cache. */
  ttlMs: number;
  /** Whether a cached value will do (e.g. still fresh); any value does by default. */
  accept?: (value: V) => boolean;
  /**
   * Asked once the load is done: false when the entry was dropped while it loaded (the value may
   * predate the change), and then it is not stored. The caller's race guard (`UpstreamCache`'s);
   * without one, every load is stored.
   */
  stillCurrent?: () => boolean;
  /** How long a holder keeps the lease at most: past it, a crashed holder no longer stalls anyone. */
  leaseMs?: number;
  /** Longest wait for another instance's load, in milliseconds; then this instance loads itself. */
  waitMs?: number;
  /** How often a waiter looks at the cache. */
  pollMs?: number;
  /** Waits (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

/** Where the value came from: the cache, another instance's load that we waited for, or our own load. */
export type LoadSource = 'cache' | 'waited' | 'loaded';

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The lease one entry's load is single flight under: its kind, member (null without) and key, each a part of its own. */
export const leaseKeyOf = (name: EntryName): string => composeKey(name.kind, name.member ?? null, name.key);

/**
 * Single flight across instances: on a miss, the instance that takes the lease (`SET NX PX`)
 * loads and stores; the others look at the cache every `pollMs` until the value is there, the
 * lease comes free (then one of them takes it), or `waitMs` passed (then each loads itself: a
 * holder that crashed or hangs costs a bounded wait, never a failure). A value that is no longer
 * current when its load ends (`stillCurrent`) is not stored.
 *
 * @example
 * const { value } = await loadShared({ state, name: { kind: 'stats', member, key: 'All' }, ttlMs: 30_000,
 *   load: () => referralRock.memberStats(query, 'All') })
 */
export async function loadShared<V>(options: SharedLoadOptions<V>): Promise<{ value: V; source: LoadSource }> {
  const { state, name } = options;
  const accept = options.accept ?? (() => true);
  const waitMs = options.waitMs ?? 2000;
  const pollMs = Math.max(1, options.pollMs ?? 25);
  const sleep = options.sleep ?? sleepFor;
  const leaseKey = leaseKeyOf(name);

  const cachedValue = async (): Promise<V | undefined> => {
    const value = await state.cache.get<V>(name);
    return value !== undefined && accept(value) ? value : undefined;
  };
  const loadAndStore = async (): Promise<V> => {
    const loadStartedAt = (options.clock ?? Date.now)();
    const value = await options.load();
    if (options.stillCurrent?.() !== false) await state.cache.set(name, value, options.ttlMs, { loadStartedAt });
    return value;
  };

  const cached = await cachedValue();
  if (cached !== undefined) return { value: cached, source: 'cache' };
  for (let waited = 0; ; waited += pollMs) {
    const token = await state.leases.acquire(leaseKey, options.leaseMs ?? 10_000);
    if (token !== null) {
      try {
        // The previous holder may have stored it between our read and our lease.
        const stored = await cachedValue();
        return stored !== undefined ? { value: stored, source: 'waited' } : { value: await loadAndStore(), source: 'loaded' };
      } finally {
        await state.leases.release(leaseKey, token);
      }
    }
    if (waited >= waitMs) break;
    await sleep(pollMs);
    const value = await cachedValue();
    if (value !== undefined) return { value, source: 'waited' };
  }
  return { value: await loadAndStore(), source: 'loaded' };
}
