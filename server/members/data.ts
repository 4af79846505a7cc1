import { TIME_PERIODS } from '../../shared/referralrock.js';
import type { MemberAccessUrls, MemberStats, TimePeriod } from '../../types/referralrock.js';
import type { MemberClaim, ReferralsResponse, RewardsResponse } from '../../types/v1.js';
import type { VerifiedMember } from '../security/member-token.js';
import { composeKey, partsOfKey } from '../lib/composite-key.js';
import { LruCache } from '../lib/lru-cache.js';
import { combinedAliasBook, localAliasBook, sharedAliasBook } from './aliases.js';
import { identifierKey, lookupKey, resolveMember, type ResolvedMember } from './lookup.js';
import type { ReferralRockClient } from '../upstream/client.js';
import type { SharedState } from '../state/types.js';
import type { Logger } from '../http/logging.js';
import { missingStatsReporter } from './stats.js';
import { UpstreamCache, type Cached, type Defer, type Lifetimes } from './upstream-cache.js';

export interface MemberDataOptions {
  referralRock: ReferralRockClient;
  /** Stats are fresh this long, then served while revalidating. */
  statsTtlMs: number;
  /** `expireInMinutes` asked of memberaccessurls; the answer is cached until shortly before. */
  accessUrlMinutes: number;
  maxEntries: number;
  onBackgroundError?: (err: unknown) => void;
  /** Where a stats field upstream stopped sending is reported, once per field. */
  log?: Logger;
  /**
   * Shares the cache, the member aliases, single flight and invalidations with other instances
   * (Redis). Without it, all of them live in this process (one instance).
   */
  sharedState?: SharedState;
}

/** The member's data, cached: `GET /v1/me` and the friends and rewards routes read through this. */
export interface MemberData {
  /** The member a token names, found by exact match and kept for a day: its id and every alias. */
  resolve(member: VerifiedMember, defer?: Defer): Promise<Cached<ResolvedMember>>;
  /** The resolved member when fresh in the cache (the warm path: no promise); else undefined. */
  freshMember(member: VerifiedMember): ResolvedMember | undefined;
  /** The member's Referral Rock id (from {@link MemberData.resolve}). */
  memberId(member: VerifiedMember, defer?: Defer): Promise<Cached<string>>;
  accessUrls(member: VerifiedMember, defer?: Defer): Promise<Cached<MemberAccessUrls>>;
  stats(member: VerifiedMember, timePeriod: TimePeriod, defer?: Defer): Promise<Cached<MemberStats>>;
  /** Both, at once, when both are fresh in the cache (the warm path: no promise); else undefined. */
  freshLinksAndStats(member: VerifiedMember, timePeriod: TimePeriod): [Cached<MemberAccessUrls>, Cached<MemberStats>] | undefined;
  /**
   * One page of the member's friends or rewards as the route answers it, cached per member and
   * page for the stats TTL (`STATS_TTL_SECONDS`); `load` asks upstream by the member's id. Dropped
   * with the member's stats by any event naming her.
   */
  page<K extends PageKind>(kind: K, member: VerifiedMember, paging: { offset: number; count: number }, load: (memberId: string) => Promise<Pages[K]>): Promise<Pages[K]>;
  /**
   * Drops what an event about exactly the members the identifiers name may have changed (by member
   * id, referral code, e-mail or external id: any alias of a resolved member). `activity`: their
   * stats and pages of friends and rewards. `member` (the member record changed: an e-mail, a code):
   * everything cached of them — their lookups (every token spelling that resolved to them, and the
   * lookups the identifiers themselves name, e.g. a new member's e-mail), links, stats, pages and
   * aliases. A member nobody cached drops nothing. Every instance drops its copies (shared state).
   * Returns how many entries were dropped here (shared state: how many members and lookups).
   */
  dropFor(identifiers: Identifier[], scope: DropScope): Promise<number>;
  /** Drops every member's entries of the scope (the full flush: never for an event that names a member). */
  dropAll(scope: DropScope): Promise<number>;
}

/** One way of naming a member, as a webhook payload may; with the member's program when it says. */
export interface Identifier {
  claim: MemberClaim;
  value: string;
  programId?: string;
}

/** What an event changed: a member's `activity` (referrals, rewards, stats), or the `member` record itself. */
export type DropScope = 'activity' | 'member';

/** The pages cached per member. */
export interface Pages {
  referrals: ReferralsResponse;
  rewards: RewardsResponse;
}
export type PageKind = keyof Pages;

const MINUTE = 60_000;
const KEEP_AS_STAND_IN_MS = 24 * 60 * MINUTE;
/** The shared kinds an activity event drops, and the ones a member event drops besides. */
const ACTIVITY_KINDS = ['stats', 'referrals', 'rewards'] as const;
const MEMBER_RECORD_KINDS = ['lookup', 'links', 'names', 'alias'] as const;

/** A resolved member's cache keys, built once per resolution. */
interface MemberKeys {
  member: string;
  stats: Record<TimePeriod, string>;
}

/**
 * Every cached entry is keyed by the member's Referral Rock id, so each token naming one member
 * (by e-mail, code, external id or id) shares the same entries, and an event naming the member
 * by any of these drops them. A token's lookup is keyed by its claim, value and program, each a
 * part of its own (`lookupKey`), and every other composed key by `composeKey`: no spelling of one
 * part can pass for another.
 *
 * @example
 * const data = createMemberData({ referralRock, statsTtlMs: 30_000, accessUrlMinutes: 1440, maxEntries: 10_000 })
 * const { value: stats, stale } = await data.stats(member, 'All')
 */
export function createMemberData(options: MemberDataOptions): MemberData {
  const { referralRock } = options;
  const state = options.sharedState;
  const reportMissingStats = missingStatsReporter(options.log);
  const cacheOptions = (kind: string, nameOf: (key: string) => { key: string; member?: string }) => ({
    onBackgroundError: options.onBackgroundError,
    shared: state && { state, kind, nameOf },
  });
  /** A member's entry keyed `[member, …rest]`: in the member's group, named by the rest. */
  const inMemberGroup = (key: string) => {
    const [member, ...rest] = partsOfKey(key) ?? [];
    return { member: String(member), key: composeKey(...rest) };
  };
  // Shared names: a member's links, stats and pages are in the member's group (its invalidation
  // drops them); a lookup is the only entry of its own group (the lookup key's), so a member event
  // drops it on every instance.
  const urlCache = new UpstreamCache<MemberAccessUrls>(options.maxEntries, cacheOptions('links', (member) => ({ member, key: '' })));
  const statsCache = new UpstreamCache<MemberStats>(options.maxEntries, cacheOptions('stats', inMemberGroup));
  const pageCaches: Record<PageKind, UpstreamCache<unknown>> = {
    referrals: new UpstreamCache(options.maxEntries, cacheOptions('referrals', inMemberGroup)),
    rewards: new UpstreamCache(options.maxEntries, cacheOptions('rewards', inMemberGroup)),
  };
  // A dropped lookup is no outage stand-in: after a member event its e-mail may name someone else.
  const resolutions = new UpstreamCache<ResolvedMember>(options.maxEntries, { ...cacheOptions('lookup', (key) => ({ member: key, key: '' })), standInAfterDrop: false });
  const ownAliases = localAliasBook(options.maxEntries * 4);
  const aliases = state ? combinedAliasBook(sharedAliasBook(state), ownAliases) : ownAliases;
  // Another instance's member event forgets the member in this instance's own book too.
  const memberOfTag = new LruCache<string, string>(options.maxEntries);
  state?.onInvalidate(({ memberTag, kind }) => {
    const member = memberTag === null || kind !== null ? undefined : memberOfTag.get(memberTag);
    if (member !== undefined) void ownAliases.forget([member]);
  });

  const urlLifetimes: Lifetimes = {
    // Refresh well before the embed URLs expire: a quarter of their life, at most 10 minutes early.
    freshMs: options.accessUrlMinutes * MINUTE - Math.min(10 * MINUTE, (options.accessUrlMinutes * MINUTE) / 4),
    staleWhileRevalidateMs: 0,
    keepMs: KEEP_AS_STAND_IN_MS,
  };
  const statsLifetimes: Lifetimes = {
    freshMs: options.statsTtlMs,
    staleWhileRevalidateMs: Math.max(60_000, options.statsTtlMs * 10),
    keepMs: KEEP_AS_STAND_IN_MS,
  };
  // A page is fresh as long as stats are, then loaded again (no stale list while it reloads).
  const pageLifetimes: Lifetimes = { freshMs: options.statsTtlMs, staleWhileRevalidateMs: 0, keepMs: KEEP_AS_STAND_IN_MS };
  // A member's id never changes: look it up once a day (a member event drops it sooner).
  const resolutionLifetimes: Lifetimes = { freshMs: KEEP_AS_STAND_IN_MS, staleWhileRevalidateMs: 0, keepMs: KEEP_AS_STAND_IN_MS };

  // Keys built once per verified member (the token cache hands out one object per token) and per
  // resolution (the cache hands out one object per lookup): the warm path concatenates nothing.
  const tokenKeys = new WeakMap<VerifiedMember, string>();
  const tokenKey = (member: VerifiedMember): string => {
    let key = tokenKeys.get(member);
    if (key === undefined) {
      key = lookupKey(member.claim, member.value, member.programId);
      tokenKeys.set(member, key);
    }
    return key;
  };
  const memberKeys = new WeakMap<ResolvedMember, MemberKeys>();
  const keysOf = (resolved: ResolvedMember): MemberKeys => {
    let keys = memberKeys.get(resolved);
    if (keys === undefined) {
      const member = identifierKey('memberId', resolved.id);
      keys = { member, stats: Object.fromEntries(TIME_PERIODS.map((period) => [period, composeKey(member, period)])) as Record<TimePeriod, string> };
      memberKeys.set(resolved, keys);
    }
    return keys;
  };

  const aliasesOf = (...names: Array<[MemberClaim, string | null]>): string[] =>
    names.flatMap(([claim, value]) => (value === null ? [] : [identifierKey(claim, value)]));
  const rememberNames = async (resolved: ResolvedMember, lookup: string) => {
    const { member } = keysOf(resolved);
    if (state) memberOfTag.set(await state.memberTag(member), member);
    await aliases.remember(member, {
      aliases: aliasesOf(['memberId', resolved.id], ['email', resolved.email], ['referralCode', resolved.referralCode], ['externalId', resolved.externalId]),
      lookups: [lookup],
    });
  };

  const resolve = (member: VerifiedMember, defer?: Defer): Promise<Cached<ResolvedMember>> => {
    const key = tokenKey(member);
    return resolutions.get(
      key,
      async () => {
        const resolved = await resolveMember(referralRock, member);
        await rememberNames(resolved, key);
        return resolved;
      },
      resolutionLifetimes,
      defer,
    );
  };

  const memberOfKey = (key: string) => String(partsOfKey(key)?.[0]);
  /** Drops members' entries of these kinds: everywhere through the shared state, else in this process's caches. */
  const dropMembers = async (members: string[], kinds: readonly string[] | undefined): Promise<number> => {
    if (members.length === 0) return 0;
    if (state) {
      await state.cache.invalidateMembers(members, kinds && [...kinds]);
      return members.length;
    }
    const named = new Set(members);
    const caches: Record<string, UpstreamCache<unknown>> = { stats: statsCache, ...pageCaches };
    let dropped = 0;
    for (const kind of kinds ?? Object.keys(caches)) dropped += caches[kind]?.dropWhere((key) => named.has(memberOfKey(key))) ?? 0;
    if (kinds === undefined) dropped += urlCache.dropWhere((key) => named.has(key));
    return dropped;
  };
  const dropLookups = async (lookups: string[]): Promise<number> => {
    if (lookups.length === 0) return 0;
    if (state) {
      await state.cache.invalidateMembers(lookups, ['lookup']);
      return lookups.length;
    }
    // Dropped even when absent: a lookup loading now must not be kept.
    return lookups.filter((lookup) => resolutions.drop(lookup)).length;
  };
  const everyCache = { stats: statsCache, ...pageCaches, lookup: resolutions, links: urlCache };

  return {
    resolve,

    freshMember: (member) => resolutions.fresh(tokenKey(member))?.value,

    async memberId(member, defer) {
      const { value, stale } = await resolve(member, defer);
      return { value: value.id, stale };
    },

    async accessUrls(member, defer) {
      const { value: resolved } = await resolve(member, defer);
      const { member: memberKey } = keysOf(resolved);
      return urlCache.get(
        memberKey,
        async () => {
          const urls = await referralRock.memberAccessUrls({ memberId: resolved.id, expireInMinutes: options.accessUrlMinutes });
          // The code upstream links with is an alias too, should it differ from the member record's.
          if (typeof urls.referralCode === 'string') await aliases.remember(memberKey, { aliases: aliasesOf(['referralCode', urls.referralCode]), lookups: [] });
          return urls;
        },
        urlLifetimes,
        defer,
      );
    },

    freshLinksAndStats(member, timePeriod) {
      const resolved = resolutions.fresh(tokenKey(member));
      if (resolved === undefined) return undefined;
      const keys = keysOf(resolved.value);
      const urls = urlCache.fresh(keys.member);
      const stats = urls && statsCache.fresh(keys.stats[timePeriod]);
      return stats ? [urls!, stats] : undefined;
    },

    async stats(member, timePeriod, defer) {
      const { value: resolved } = await resolve(member, defer);
      // memberstats' `query` takes any one identifier (an id, e-mail, code or external id): ask by the
      // resolved id, not by whatever the token named (another member's external id may equal it).
      const load = async () => {
        const stats = await referralRock.memberStats(resolved.id, timePeriod);
        reportMissingStats(stats);
        return stats;
      };
      return statsCache.get(keysOf(resolved).stats[timePeriod], load, statsLifetimes, defer);
    },

    async page(kind, member, { offset, count }, load) {
      const { value: resolved } = await resolve(member);
      const key = composeKey(keysOf(resolved).member, offset, count);
      const { value } = await pageCaches[kind].get(key, () => load(resolved.id), pageLifetimes);
      return value as Pages[typeof kind];
    },

    async dropFor(identifiers, scope) {
      const members = await aliases.membersOf([...new Set(identifiers.map(({ claim, value }) => identifierKey(claim, value)))]);
      if (scope === 'activity') return dropMembers(members, ACTIVITY_KINDS);
      const forgotten = await aliases.forget(members);
      // The lookups the event itself names (a new member's e-mail, once another member's), with and without its program.
      const named = identifiers.flatMap(({ claim, value, programId }) => [lookupKey(claim, value, null), ...(programId ? [lookupKey(claim, value, programId)] : [])]);
      const [lookups, entries] = await Promise.all([dropLookups([...new Set([...forgotten.lookups, ...named])]), dropMembers(members, undefined)]);
      return lookups + entries;
    },

    async dropAll(scope) {
      const kinds: readonly string[] = scope === 'activity' ? ACTIVITY_KINDS : [...ACTIVITY_KINDS, ...MEMBER_RECORD_KINDS];
      if (scope === 'member') ownAliases.clear();
      let here = 0;
      for (const kind of kinds) {
        const cache = everyCache[kind as keyof typeof everyCache];
        here += state ? (cache?.size ?? 0) : (cache?.dropWhere(() => true) ?? 0);
      }
      if (state) for (const kind of kinds) await state.cache.invalidateKind(kind);
      return here;
    },
  };
}
