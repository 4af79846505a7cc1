import { LruCache } from '../lib/lru-cache.js';
import type { EntryName, SharedState } from '../state/types.js';

/**
 * What one resolved member is known by: its aliases (`identifierKey`s: e-mail, code, external id,
 * id), and the lookups (`lookupKey`s: a token's claim, value and program) that resolved to it.
 */
export interface MemberNames {
  aliases: string[];
  lookups: string[];
}

/**
 * Every name a resolved member is known by → the member keys it names (one e-mail may name a
 * member in each of two programs), and back: each member → its names. A webhook names a member by
 * any alias; the book says whose cached data to drop. A member event forgets the member: its
 * aliases stop naming it, and its names say which cached lookups to drop (a lookup by an e-mail
 * she no longer has must not keep answering her).
 *
 * @example
 * await aliases.remember(ada, { aliases: ['["email","ada@example.com"]', …], lookups: ['["email","ada@example.com",null]'] })
 * await aliases.membersOf(['["email","ada@example.com"]']) // [ada]
 * await aliases.forget([ada]) // { aliases: […], lookups: […] }
 */
export interface AliasBook {
  remember(member: string, names: MemberNames): Promise<void>;
  /** The members any of `aliases` names, read at once (one round trip on Redis, however many). */
  membersOf(aliases: string[]): Promise<string[]>;
  /** Forgets the members (under each alias, and their names); returns the names they had. */
  forget(members: string[]): Promise<MemberNames>;
}

/** Aliases are looked up once a day, as the resolutions they come from. */
const ALIAS_TTL_MS = 24 * 60 * 60_000;
/** Members one alias may name at most (an e-mail in several programs): bounded work for a webhook. */
const MEMBERS_PER_ALIAS = 16;
/** Names one member keeps at most (spellings of its identifiers, with and without a program). */
const NAMES_PER_MEMBER = 32;

/** The aliases of this process alone, bounded (least recently used first). */
export function localAliasBook(maxAliases: number): AliasBook & { clear(): void } {
  const aliases = new LruCache<string, Set<string>>(maxAliases);
  const names = new LruCache<string, { aliases: Set<string>; lookups: Set<string> }>(maxAliases);
  return {
    async remember(member, { aliases: memberAliases, lookups }) {
      for (const alias of memberAliases) {
        const known = aliases.get(alias);
        if (known) {
          if (known.size < MEMBERS_PER_ALIAS) known.add(member);
        } else aliases.set(alias, new Set([member]));
      }
      let own = names.get(member);
      if (own === undefined) names.set(member, (own = { aliases: new Set(), lookups: new Set() }));
      for (const alias of memberAliases) if (own.aliases.size < NAMES_PER_MEMBER) own.aliases.add(alias);
      for (const lookup of lookups) if (own.lookups.size < NAMES_PER_MEMBER) own.lookups.add(lookup);
    },
    async membersOf(wanted) {
      return [...new Set(wanted.flatMap((alias) => [...(aliases.get(alias) ?? [])]))];
    },
    async forget(members) {
      const forgotten = { aliases: new Set<string>(), lookups: new Set<string>() };
      for (const member of members) {
        const own = names.get(member);
        names.delete(member);
        for (const alias of own?.aliases ?? []) {
          forgotten.aliases.add(alias);
          const named = aliases.get(alias);
          named?.delete(member);
          if (named?.size === 0) aliases.delete(alias);
        }
        for (const lookup of own?.lookups ?? []) forgotten.lookups.add(lookup);
      }
      return { aliases: [...forgotten.aliases], lookups: [...forgotten.lookups] };
    },
    clear() {
      aliases.clear();
      names.clear();
    },
  };
}

/**
 * The aliases in the shared cache (`alias` entries, hashed like every key), so a webhook received
 * by any instance finds a member another instance resolved; each member's names sit in its own
 * group (`names`), dropped with the rest of its entries. A rare race of two instances adding to
 * one alias may lose one member; the next resolution of that member adds it again.
 */
export function sharedAliasBook(state: SharedState): AliasBook {
  const aliasName = (alias: string): EntryName => ({ kind: 'alias', key: alias });
  const namesName = (member: string): EntryName => ({ kind: 'names', member, key: '' });
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : []);
  const namesOf = (value: unknown): MemberNames => {
    const { aliases, lookups } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof MemberNames, unknown>>;
    return { aliases: strings(aliases), lookups: strings(lookups) };
  };
  return {
    async membersOf(aliases) {
      if (aliases.length === 0) return [];
      return [...new Set((await state.cache.getMany<unknown>(aliases.map(aliasName))).flatMap(strings))];
    },
    async remember(member, names) {
      const [own, ...named] = await state.cache.getMany<unknown>([namesName(member), ...names.aliases.map(aliasName)]);
      const known = namesOf(own);
      const merged = (have: string[], add: string[]) => [...new Set([...have, ...add])].slice(-NAMES_PER_MEMBER);
      await Promise.all([
        state.cache.set(namesName(member), { aliases: merged(known.aliases, names.aliases), lookups: merged(known.lookups, names.lookups) }, ALIAS_TTL_MS),
        ...names.aliases.map((alias, i) => {
          const members = strings(named[i]);
          return members.includes(member) ? undefined : state.cache.set(aliasName(alias), [...members, member].slice(-MEMBERS_PER_ALIAS), ALIAS_TTL_MS);
        }),
      ]);
    },
    async forget(members) {
      if (members.length === 0) return { aliases: [], lookups: [] };
      const names = (await state.cache.getMany<unknown>(members.map(namesName))).map(namesOf);
      const aliases = [...new Set(names.flatMap((n) => n.aliases))];
      const lookups = [...new Set(names.flatMap((n) => n.lookups))];
      const named = aliases.length === 0 ? [] : await state.cache.getMany<unknown>(aliases.map(aliasName));
      const gone = new Set(members);
      const emptied: EntryName[] = [];
      const kept: Array<Promise<void>> = [];
      aliases.forEach((alias, i) => {
        const others = strings(named[i]).filter((m) => !gone.has(m));
        // Another member keeps the alias (one e-mail in two programs): rewritten without the forgotten ones.
        if (others.length === 0) emptied.push(aliasName(alias));
        else kept.push(state.cache.set(aliasName(alias), others, ALIAS_TTL_MS));
      });
      await Promise.all([state.cache.deleteMany([...emptied, ...members.map(namesName)]), ...kept]);
      return { aliases, lookups };
    },
  };
}

/**
 * Several books as one: remembered in each, looked up in all, forgotten in all. The shared book
 * with this process's own: a Redis that lost its data (restarted empty) still leaves each instance
 * the aliases it saw.
 */
export function combinedAliasBook(...books: AliasBook[]): AliasBook {
  return {
    async remember(member, names) {
      await Promise.all(books.map((book) => book.remember(member, names)));
    },
    async membersOf(aliases) {
      return [...new Set((await Promise.all(books.map((book) => book.membersOf(aliases)))).flat())];
    },
    async forget(members) {
      const forgotten = await Promise.all(books.map((book) => book.forget(members)));
      return {
        aliases: [...new Set(forgotten.flatMap((names) => names.aliases))],
        lookups: [...new Set(forgotten.flatMap((names) => names.lookups))],
      };
    },
  };
}
