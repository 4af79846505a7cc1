import { TIME_PERIODS, type MemberAccessUrls, type MemberStats, type TimePeriod } from '../../types/referralrock.js';
import { CLAIM_TO_ACCESS_FIELD, type MemberClaim } from '../../types/v1.js';
import type { VerifiedMember } from '../security/member-token.js';
import { resolveMemberId } from './lookup.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { UpstreamCache, type Cached, type Defer, type Lifetimes } from './upstream-cache.js';

export interface MemberDataOptions {
  referralRock: ReferralRockClient;
  /** Stats are fresh this long, then served while revalidating. */
  statsTtlMs: number;
  /** `expireInMinutes` asked of memberaccessurls; the answer is cached until shortly before. */
  accessUrlMinutes: number;
  maxEntries: number;
  onBackgroundError?: (err: unknown) => void;
}

/** The member's data, cached: `GET /v1/me` reads through this. */
export interface MemberData {
  accessUrls(member: VerifiedMember, defer?: Defer): Promise<Cached<MemberAccessUrls>>;
  stats(member: VerifiedMember, timePeriod: TimePeriod, defer?: Defer): Promise<Cached<MemberStats>>;
  /** Both, at once, when both are fresh in the cache (the warm path: no promise); else undefined. */
  freshLinksAndStats(member: VerifiedMember, timePeriod: TimePeriod): [Cached<MemberAccessUrls>, Cached<MemberStats>] | undefined;
  /** The member's Referral Rock id, found by exact match and kept for a day. */
  memberId(member: VerifiedMember, defer?: Defer): Promise<Cached<string>>;
  /**
   * Drops the cached stats of the members an event names (by member id, referral code, e-mail or
   * external id); when it names none that is cached, drops every member's stats. Returns how many
   * entries were dropped.
   */
  dropStatsFor(identifiers: Identifier[]): number;
}

/** One way of naming a member, as a webhook payload may. */
export interface Identifier {
  claim: MemberClaim;
  value: string;
}

const MINUTE = 60_000;
const KEEP_AS_STAND_IN_MS = 24 * 60 * MINUTE;

/**
 * @example
 * const data = createMemberData({ referralRock, statsTtlMs: 30_000, accessUrlMinutes: 1440, maxEntries: 10_000 })
 * const { value: stats, stale } = await data.stats(member, 'All')
 */
export function createMemberData(options: MemberDataOptions): MemberData {
  const { referralRock } = options;
  const urlCache = new UpstreamCache<MemberAccessUrls>(options.maxEntries, options.onBackgroundError);
  const statsCache = new UpstreamCache<MemberStats>(options.maxEntries, options.onBackgroundError);
  const idCache = new UpstreamCache<string>(options.maxEntries, options.onBackgroundError);
  // Every name a cached member is known by (the token's claim, and the referral code upstream sent).
  const aliases = new Map<string, string>();

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
  const idLifetimes: Lifetimes = { freshMs: KEEP_AS_STAND_IN_MS, staleWhileRevalidateMs: 0, keepMs: KEEP_AS_STAND_IN_MS };

  // A member's cache keys, built once per verified member (the token cache hands out one object per token).
  const keysOf = new WeakMap<VerifiedMember, { member: string; stats: Record<TimePeriod, string> }>();
  const keys = (member: VerifiedMember) => {
    let known = keysOf.get(member);
    if (known === undefined) {
      const key = memberKey(member);
      known = { member: key, stats: Object.fromEntries(TIME_PERIODS.map((period) => [period, `${key}|${period}`])) as Record<TimePeriod, string> };
      keysOf.set(member, known);
    }
    return known;
  };

  const rememberAlias = (alias: string, key: string) => {
    if (aliases.size >= options.maxEntries * 2) aliases.delete(aliases.keys().next().value as string);
    aliases.set(alias, key);
  };

  const memberId = (member: VerifiedMember, defer?: Defer): Promise<Cached<string>> =>
    member.claim === 'memberId'
      ? Promise.resolve({ value: member.value, stale: false })
      : idCache.get(memberKey(member), () => resolveMemberId(referralRock, member.claim, member.value), idLifetimes, defer);

  /**
   * What memberstats' free-text `query` is asked with. It matches an id, e-mail, external id or
   * referral code alike, so a code or external id could name *another* member whose other field
   * equals it: those are first resolved to the member's id by exact match. An e-mail (it has an
   * `@`, which codes do not) and an id are asked directly: one widget load stays two upstream calls.
   */
  const statsQuery = async (member: VerifiedMember, defer?: Defer): Promise<string> =>
    member.claim === 'email' || member.claim === 'memberId' ? member.value : (await memberId(member, defer)).value;

  return {
    memberId,

    async accessUrls(member, defer) {
      const key = keys(member).member;
      const result = await urlCache.get(
        key,
        () => referralRock.memberAccessUrls({ [CLAIM_TO_ACCESS_FIELD[member.claim]]: member.value, expireInMinutes: options.accessUrlMinutes }),
        urlLifetimes,
        defer,
      );
      rememberAlias(key, key);
      if (typeof result.value.referralCode === 'string') rememberAlias(aliasKey('referralCode', result.value.referralCode), key);
      return result;
    },

    freshLinksAndStats(member, timePeriod) {
      const { member: key, stats: statsKeys } = keys(member);
      const urls = urlCache.fresh(key);
      const stats = urls && statsCache.fresh(statsKeys[timePeriod]);
      return stats ? [urls!, stats] : undefined;
    },

    async stats(member, timePeriod, defer) {
      const { member: key, stats: statsKeys } = keys(member);
      rememberAlias(key, key);
      return statsCache.get(statsKeys[timePeriod] ?? `${key}|${timePeriod}`, async () => referralRock.memberStats(await statsQuery(member, defer), timePeriod), statsLifetimes, defer);
    },

    dropStatsFor(identifiers) {
      const members = new Set(identifiers.map((id) => aliases.get(aliasKey(id.claim, id.value))).filter((k) => k !== undefined));
      if (members.size === 0) return statsCache.dropWhere(() => true);
      return statsCache.dropWhere((key) => members.has(key.slice(0, key.lastIndexOf('|'))));
    },
  };
}

/**
 * E-mails, GUIDs and referral codes match whatever their case; external ids keep it (two members
 * may differ by case alone). Nothing is trimmed: the key is exactly what is asked upstream.
 */
const aliasKey = (claim: MemberClaim, value: string): string =>
  `${claim}:${claim === 'externalId' ? value : value.toLowerCase()}`;
const memberKey = (member: VerifiedMember): string => aliasKey(member.claim, member.value);
