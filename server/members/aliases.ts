import { LruCache } from '../lib/lru-cache.js';
import type { SharedState } from '../state/types.js';

/**
 * Every name a resolved member is known by (`identifierKey`: e-mail, code, external id, id) → the
 * member keys it names (one e-mail may name a member in each of two programs). A webhook names a
 * member by any of these; the book says whose cached stats to drop.
 *
 * @example
 * await aliases.remember('email:ada@example.com', 'memberId:0ac1…')
 * await aliases.membersOf('email:ada@example.com') // ['memberId:0ac1…']
 */
export interface AliasBook {
  remember(alias: string, member: string): Promise<void>;
  membersOf(alias: string): Promise<string[]>;
}

/** Aliases are looked up once a day, as the resolutions they come from. */
const ALIAS_TTL_MS = 24 * 60 * 60_000;
/** Members one alias may name at most (an e-mail in several programs): bounded work for a webhook. */
const MEMBERS_PER_ALIAS = 16;

/** The aliases of this process alone, bounded (least recently used first). */
export function localAliasBook(maxAliases: number): AliasBook {
  const aliases = new LruCache<string, Set<string>>(maxAliases);
  return {
    async remember(alias, member) {
      const known = aliases.get(alias);
      if (known) {
        if (known.size < MEMBERS_PER_ALIAS) known.add(member);
      } else aliases.set(alias, new Set([member]));
    },
    async membersOf(alias) {
      return [...(aliases.get(alias) ?? [])];
    },
  };
}

/**
 * The aliases in the shared cache (`alias` entries, hashed like every key), so a webhook received
 * by any instance finds a member another instance resolved. A rare race of two instances adding
 * to one alias may lose one member; the next resolution of that member adds it again.
 */
export function sharedAliasBook(state: SharedState): AliasBook {
  const nameOf = (alias: string) => ({ kind: 'alias', key: alias });
  const membersOf = async (alias: string): Promise<string[]> => {
    const members = await state.cache.get<unknown>(nameOf(alias));
    return Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : [];
  };
  return {
    membersOf,
    async remember(alias, member) {
      const known = await membersOf(alias);
      if (known.includes(member)) return;
      await state.cache.set(nameOf(alias), [...known, member].slice(-MEMBERS_PER_ALIAS), ALIAS_TTL_MS);
    },
  };
}
