import type { EntryName } from './types.js';

/** The stored keys of one entry. */
export interface EntryKeys {
  /** The entry itself: `<prefix><kind>:{<memberTag>}:<keyTag>`, or `<prefix><kind>:<keyTag>`. */
  entry: string;
  /** The set listing the member's entry keys (`<prefix>member:{<memberTag>}`), when it has a member. */
  group: string | undefined;
  memberTag: string | undefined;
}

export const DEFAULT_PREFIX = 'referral-share:';
const KIND = /^[a-z][a-z0-9-]{0,31}$/;
/**
 * Words the keyspace itself uses after the prefix (member groups, buckets, leases, the Durable
 * Objects' kinds table, the channel): an entry kind named so would share their keys — a kind-wide
 * flush of `member` would scan away every member's group.
 */
const RESERVED_KINDS = new Set(['member', 'rate', 'lease', 'kinds', 'invalidate']);
const MEMO_LIMIT = 10_000;

/**
 * Builds the Redis keys of a deployment. Whatever could carry an identifier (an e-mail, an
 * external id, a referral code) is stored as a tag: the first 128 bits of SHA-256 over the prefix
 * and the identifier, in hex. The prefix lets one Redis serve several deployments; the member's
 * tag sits in braces so a member's keys share a Redis Cluster slot (its Lua scripts touch both).
 *
 * @example
 * const keys = new Keyspace('shop-a:')
 * await keys.entry({ kind: 'stats', member: 'email:ada@example.com', key: 'All' })
 * // { entry: 'shop-a:stats:{3f…}:9c…', group: 'shop-a:member:{3f…}', memberTag: '3f…' }
 */
export class Keyspace {
  /** Tags already computed (Web Crypto's digest is asynchronous; a warm path should not pay it twice). */
  readonly #tags = new Map<string, string>();
  readonly channel: string;

  constructor(readonly prefix: string = DEFAULT_PREFIX) {
    this.channel = `${prefix}invalidate`;
  }

  /** The stored form of an identifier: hex SHA-256 of prefix and identifier, 32 characters. */
  async tag(identifier: string): Promise<string> {
    const known = this.#tags.get(identifier);
    if (known !== undefined) return known;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${this.prefix}\u0000${identifier}`));
    const tag = [...new Uint8Array(digest, 0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    // A full memo starts over rather than tracking recency: a re-hash is only a little work.
    if (this.#tags.size >= MEMO_LIMIT) this.#tags.clear();
    this.#tags.set(identifier, tag);
    return tag;
  }

  async entry(name: EntryName): Promise<EntryKeys> {
    const kind = checkedKind(name.kind);
    const keyTag = await this.tag(`${kind}\u0000${name.key}`);
    if (name.member === undefined) return { entry: `${this.prefix}${kind}:${keyTag}`, group: undefined, memberTag: undefined };
    const memberTag = await this.tag(name.member);
    return { entry: `${this.prefix}${kind}:{${memberTag}}:${keyTag}`, group: this.group(memberTag), memberTag };
  }

  group(memberTag: string): string {
    return `${this.prefix}member:{${memberTag}}`;
  }

  /** The prefix every entry of `kind` starts with (a member-group filter, and a scan pattern's stem). */
  kindPrefix(kind: string): string {
    return `${this.prefix}${checkedKind(kind)}:`;
  }

  async bucket(key: string): Promise<string> {
    return `${this.prefix}rate:${await this.tag(key)}`;
  }

  async lease(key: string): Promise<string> {
    return `${this.prefix}lease:${await this.tag(key)}`;
  }
}

/** Kinds show in keys in clear and in scan patterns: fixed lowercase labels only. */
function checkedKind(kind: string): string {
  if (!KIND.test(kind)) throw new TypeError(`An entry kind is a short lowercase label, not ${JSON.stringify(kind)}.`);
  if (RESERVED_KINDS.has(kind)) throw new TypeError(`An entry kind may not be ${JSON.stringify(kind)}: the keyspace uses that word itself.`);
  return kind;
}

/** `pattern` with Redis glob characters escaped, for SCAN MATCH. */
export function globEscape(pattern: string): string {
  return pattern.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
