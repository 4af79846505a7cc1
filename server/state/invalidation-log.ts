import type { Invalidation } from './types.js';

const REMEMBERED = 10_000;
const ALL_KINDS = '*';

/**
 * Remembers when each member (and each kind) was last invalidated, and tells listeners. A write of
 * a value whose load started before an invalidation of its entry is skipped: that value may
 * predate the change the invalidation announced. Runtime-neutral.
 *
 * @example
 * const log = new InvalidationLog(Date.now)
 * const startedAt = Date.now(); const value = await load()
 * if (!log.invalidatedSince('stats', tag, startedAt)) store(value)
 */
export class InvalidationLog {
  readonly #memberAt = new Map<string, number>();
  readonly #kindAt = new Map<string, number>();
  /** The last invalidation of everything (both fields null). */
  #allAt = -Infinity;
  readonly #listeners = new Set<(invalidation: Invalidation) => void>();

  constructor(private readonly clock: () => number) {}

  record(invalidation: Invalidation): void {
    const now = this.clock();
    if (invalidation.memberTag === null) {
      if (invalidation.kind !== null) this.#kindAt.set(invalidation.kind, now);
      else this.#allAt = now;
    } else {
      const key = `${invalidation.memberTag}|${invalidation.kind ?? ALL_KINDS}`;
      // Oldest first out: re-inserting moves a key to the end of the Map's order.
      this.#memberAt.delete(key);
      if (this.#memberAt.size >= REMEMBERED) this.#memberAt.delete(this.#memberAt.keys().next().value as string);
      this.#memberAt.set(key, now);
    }
    for (const listener of this.#listeners) listener(invalidation);
  }

  invalidatedSince(kind: string, memberTag: string | undefined, since: number): boolean {
    if (this.#allAt >= since || (this.#kindAt.get(kind) ?? -Infinity) >= since) return true;
    if (memberTag === undefined) return false;
    return Math.max(this.#memberAt.get(`${memberTag}|${kind}`) ?? -Infinity, this.#memberAt.get(`${memberTag}|${ALL_KINDS}`) ?? -Infinity) >= since;
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** An invalidation as one pub/sub message: `<memberTag or empty>|<kind or empty>`. */
export const encodeInvalidation = (invalidation: Invalidation): string => `${invalidation.memberTag ?? ''}|${invalidation.kind ?? ''}`;

/** The invalidation a message announces; null for a message that is not one. */
export function decodeInvalidation(message: string): Invalidation | null {
  const match = /^([0-9a-f]{32})?\|([a-z][a-z0-9-]{0,31})?$/.exec(message);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return null;
  return { memberTag: match[1] ?? null, kind: match[2] ?? null };
}
