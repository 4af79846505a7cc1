import { TIME_PERIODS, type MemberAccessUrls, type MemberStats, type TimePeriod } from '../../types/referralrock.js';
import type { MemberClaim } from '../../types/v1.js';
import type { VerifiedMember } from '../security/member-token.js';
import { foldAsciiCase } from '../lib/ignoring-case.js';
import { localAliasBook, sharedAliasBook } from './aliases.js';
import { identifierKey, resolveMember, type ResolvedMember } from './lookup.js';
import type { ReferralRockClient } from '../upstream/client.js';
import type { SharedState } from '../state/types.js';
import { UpstreamCache, type Cached, type Defer, type Lifetimes } from './upstream-cache.js';

export interface MemberDataOptions {
  referralRock: ReferralRockClient;
  /** Stats are fresh this long, then served while revalidating. */
  statsTtlMs: number;
  /** `expireInMinutes` asked of memberaccessurls; the answer is cached until shortly before. */
  accessUrlMinutes: number;
  maxEntries: number;
  onBackgroundError?: (err: unknown) => void;
  /**
   * Shares the cache, the member aliases, single flight and invalidations with other instances
   * (Redis). Without it, all of them live in this process (one instance).
   */
  sharedState?: SharedState;
}

/** The member's data, cached: `GET /v1/me` reads through this. */
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
   * Drops the cached stats of exactly the members the identifiers name (by member id, referral
   * code, e-mail or external id: any alias of a resolved member). A member nobody cached drops
   * nothing. Every instance drops its copies (shared state). Returns how many entries were
   * dropped here (shared state: how many members).
   */
  dropStatsFor(identifiers: Identifier[]): Promise<number>;
  /** Drops every member's cached stats (the full flush: never for an event that names a member). */
  dropAllStats(): Promise<number>;
}

/** One way of naming a member, as a webhook payload may. */
export interface Identifier {
  claim: MemberClaim;
  value: string;
}

const MINUTE = 60_000;
const KEEP_AS_STAND_IN_MS = 24 * 60 * MINUTE;

/** A resolved member's cache keys, built once per resolution. */
interface MemberKeys {
  member: string;
  stats: Record<TimePeriod, string>;
}

/**
 * Every cached entry is keyed by the member's Referral Rock id, so each token naming one member
 * (by e-mail, code, external id or id) shares the same entries, and an event naming the member
 * by any of these drops them.
 *
 * @example
 * const data = createMemberData({ referralRock, statsTtlMs: 30_000, accessUrlMinutes: 1440, maxEntries: 10_000 })
 * const { value: stats, stale } = await data.stats(member, 'All')
 */
export function createMemberData(options: MemberDataOptions): MemberData {
  const { referralRock } = options;
  const state = options.sharedState;
  const cacheOptions = (kind: string, nameOf: (key: string) => { key: string; member?: string }) => ({
    onBackgroundError: options.onBackgroundError,
    shared: state && { state, kind, nameOf },
  });
  // Shared names: a member's links and stats are in the member's group (its invalidation drops
  // them); a resolution is named by the token's claim alone.
  const urlCache = new UpstreamCache<MemberAccessUrls>(options.maxEntries, cacheOptions('links', (member) => ({ member, key: '' })));
  const statsCache = new UpstreamCache<MemberStats>(
    options.maxEntries,
    cacheOptions('stats', (key) => ({ member: key.slice(0, key.lastIndexOf('|')), key: key.slice(key.lastIndexOf('|') + 1) })),
  );
  const resolutions = new UpstreamCache<ResolvedMember>(options.maxEntries, cacheOptions('member', (key) => ({ key })));
  const aliases = state ? sharedAliasBook(state) : localAliasBook(options.maxEntries * 4);

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
  // A member's id never changes: look it up once a day.
  const resolutionLifetimes: Lifetimes = { freshMs: KEEP_AS_STAND_IN_MS, staleWhileRevalidateMs: 0, keepMs: KEEP_AS_STAND_IN_MS };

  // Keys built once per verified member (the token cache hands out one object per token) and per
  // resolution (the cache hands out one object per lookup): the warm path concatenates nothing.
  const tokenKeys = new WeakMap<VerifiedMember, string>();
  const tokenKey = (member: VerifiedMember): string => {
    let key = tokenKeys.get(member);
    if (key === undefined) {
      key = identifierKey(member.claim, member.value) + (member.programId ? `@${foldAsciiCase(member.programId)}` : '');
      tokenKeys.set(member, key);
    }
    return key;
  };
  const memberKeys = new WeakMap<ResolvedMember, MemberKeys>();
  const keysOf = (resolved: ResolvedMember): MemberKeys => {
    let keys = memberKeys.get(resolved);
    if (keys === undefined) {
      const member = identifierKey('memberId', resolved.id);
      keys = { member, stats: Object.fromEntries(TIME_PERIODS.map((period) => [period, `${member}|${period}`])) as Record<TimePeriod, string> };
      memberKeys.set(resolved, keys);
    }
    return keys;
  };

  const rememberAlias = (claim: MemberClaim, value: string | null, member: string): Promise<void> =>
    value === null ? Promise.resolve() : aliases.remember(identifierKey(claim, value), member);
  const rememberAliases = async (resolved: ResolvedMember) => {
    const { member } = keysOf(resolved);
    await Promise.all([
      rememberAlias('memberId', resolved.id, member),
      rememberAlias('email', resolved.email, member),
      rememberAlias('referralCode', resolved.referralCode, member),
      rememberAlias('externalId', resolved.externalId, member),
    ]);
  };

  const resolve = (member: VerifiedMember, defer?: Defer): Promise<Cached<ResolvedMember>> =>
    resolutions.get(
      tokenKey(member),
      async () => {
        const resolved = await resolveMember(referralRock, member);
        await rememberAliases(resolved);
        return resolved;
      },
      resolutionLifetimes,
      defer,
    );

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
          if (typeof urls.referralCode === 'string') await rememberAlias('referralCode', urls.referralCode, memberKey);
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
      // memberstats' `query` is free text (ids, e-mails, codes, external ids alike): ask by the id.
      return statsCache.get(keysOf(resolved).stats[timePeriod], () => referralRock.memberStats(resolved.id, timePeriod), statsLifetimes, defer);
    },

    async dropStatsFor(identifiers) {
      const members = new Set<string>();
      for (const { claim, value } of identifiers) for (const member of await aliases.membersOf(identifierKey(claim, value))) members.add(member);
      if (members.size === 0) return 0;
      if (state) {
        // Deleted in the shared cache, and every instance (this one too) drops its copies.
        await Promise.all([...members].map((member) => state.cache.invalidateMember(member, 'stats')));
        return members.size;
      }
      return statsCache.dropWhere((key) => members.has(key.slice(0, key.lastIndexOf('|'))));
    },

    async dropAllStats() {
      if (!state) return statsCache.dropWhere(() => true);
      const here = statsCache.size;
      await state.cache.invalidateKind('stats');
      return here;
    },
  };
}
