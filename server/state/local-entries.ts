interface LocalEntry {
  value: unknown;
  expiresAt: number;
  memberTag: string | undefined;
}

/**
 * Entries in this process's memory, each with its own expiry, indexed by member so one member's
 * entries drop together. Bounded: when full, the oldest entry goes first. The memory state's
 * entries and leases. Runtime-neutral.
 *
 * @example
 * const local = new LocalEntries(1000, Date.now)
 * local.set('referral-share:stats:{ab…}:cd…', stats, 1000, 'ab…')
 * local.dropMember('ab…')
 */
export class LocalEntries {
  readonly #entries = new Map<string, LocalEntry>();
  readonly #byMember = new Map<string, Set<string>>();

  constructor(
    readonly maxEntries: number,
    private readonly clock: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The value while it has not expired; undefined otherwise. */
  get(key: string): unknown {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock() < entry.expiresAt) return entry.value;
    this.delete(key);
    return undefined;
  }

  set(key: string, value: unknown, ttlMs: number, memberTag: string | undefined): void {
    this.delete(key);
    if (!(ttlMs > 0)) return;
    if (this.#entries.size >= this.maxEntries) this.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { value, expiresAt: this.clock() + ttlMs, memberTag });
    if (memberTag !== undefined) {
      let keys = this.#byMember.get(memberTag);
      if (keys === undefined) this.#byMember.set(memberTag, (keys = new Set()));
      keys.add(key);
    }
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.delete(key);
    if (entry.memberTag !== undefined) {
      const keys = this.#byMember.get(entry.memberTag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byMember.delete(entry.memberTag);
    }
    return true;
  }

  /** Drops a member's entries whose key starts with `keyPrefix` (all of them without). Returns how many. */
  dropMember(memberTag: string, keyPrefix = ''): number {
    const keys = [...(this.#byMember.get(memberTag) ?? [])].filter((key) => key.startsWith(keyPrefix));
    for (const key of keys) this.delete(key);
    return keys.length;
  }

  /** Drops every entry whose key starts with `keyPrefix`. Returns how many. */
  dropPrefixed(keyPrefix: string): number {
    const keys = [...this.#entries.keys()].filter((key) => key.startsWith(keyPrefix));
    for (const key of keys) this.delete(key);
    return keys.length;
  }

  clear(): void {
    this.#entries.clear();
    this.#byMember.clear();
  }
}
