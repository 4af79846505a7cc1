import type { Invalidation } from './types.js';

/**
 * The listeners of one shared state's invalidations. Every implementation tells them the same way;
 * what a listener does with a drop (and with a load that spans one) is its own business: the
 * shared state keeps no copy and guards no write (see `UpstreamCache`). Runtime-neutral.
 *
 * @example
 * const listeners = new InvalidationListeners()
 * listeners.add((invalidation) => copies.drop(invalidation))
 * listeners.tell({ memberTag, kind: 'stats' })
 */
export class InvalidationListeners {
  readonly #listeners = new Set<(invalidation: Invalidation) => void>();

  /** Returns the unsubscribe. */
  add(listener: (invalidation: Invalidation) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  tell(invalidation: Invalidation): void {
    for (const listener of this.#listeners) listener(invalidation);
  }
}

/** Everything: told by an instance that may have missed invalidations, so copies are checked again. */
export const EVERYTHING: Invalidation = Object.freeze({ memberTag: null, kind: null });

/** An invalidation as one pub/sub message: `<memberTag or empty>|<kind or empty>`. */
export const encodeInvalidation = (invalidation: Invalidation): string => `${invalidation.memberTag ?? ''}|${invalidation.kind ?? ''}`;

/** The invalidation a message announces; null for a message that is not one. */
export function decodeInvalidation(message: string): Invalidation | null {
  const match = /^([0-9a-f]{32})?\|([a-z][a-z0-9-]{0,31})?$/.exec(message);
  if (match === null || (match[1] === undefined && match[2] === undefined)) return null;
  return { memberTag: match[1] ?? null, kind: match[2] ?? null };
}
