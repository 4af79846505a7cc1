/**
 * One member's checks, with the server's own readers: the exact lookup finds one member; their
 * links, stats, friends and rewards come as the card reads them. Nothing of the member is printed
 * but field names: not their id, name, links or numbers.
 */
import { MEMBER_STAT_FIELDS, SHARE_LINK_FIELDS } from '../../shared/referralrock.js';
import { safeUrl } from '../../shared/links.js';
import { CARD_STAT_FIELDS } from '../../shared/v1.js';
import type { MemberClaim } from '../../types/v1.js';
import { resolveMember, type ResolvedMember } from '../members/lookup.js';
import { missingStatFields } from '../members/stats.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { listErrorMessage } from '../upstream/lists.js';
import type { CheckResult } from './report.js';
import { describeFailure, failureOf, nameList, printable } from './text.js';

/** The member the command names: one identifier (and their program, for an e-mail in two). */
export interface MemberToCheck {
  claim: MemberClaim;
  value: string;
  programId?: string;
}

/** The option each claim is given with, as the command's line names it. */
export const CLAIM_OPTIONS: Record<MemberClaim, string> = {
  email: '--email',
  memberId: '--member-id',
  externalId: '--external-id',
  referralCode: '--referral-code',
};

const MEMBER_CHECK_IDS = ['member', 'links', 'stats', 'friends', 'rewards'] as const;

/** The member's checks skipped, each saying why. */
export const skippedMemberChecks = (why: string): CheckResult[] => MEMBER_CHECK_IDS.map((id) => ({ id, status: 'skip', summary: why }));

export async function checkMember(referralRock: ReferralRockClient, member: MemberToCheck, accessUrlMinutes: number): Promise<CheckResult[]> {
  const option = CLAIM_OPTIONS[member.claim];
  let resolved: ResolvedMember;
  try {
    resolved = await resolveMember(referralRock, member);
  } catch (err) {
    const { code, message } = failureOf(err);
    const lookup: CheckResult =
      code === 'member_not_found'
        ? { id: 'member', status: 'fail', summary: `No member has exactly this ${option} value (GET api/members).`, forMembers: 'this member sees "We couldn\'t find your referral account yet".' }
        : code === 'member_ambiguous'
          ? {
            id: 'member',
            status: 'fail',
            summary: `${/^\d+/.exec(message)?.[0] ?? 'Several'} members have exactly this ${option} value (one per program): pass --program-id.`,
            forMembers: 'a token naming this member without a programId claim is refused (409): mint it with the member\'s program.',
          }
          : { id: 'member', status: 'fail', summary: describeFailure(err, 'api/members'), forMembers: 'members see an error instead of their link and stats.' };
    return [lookup, ...skippedMemberChecks('Not checked: the member was not found.').slice(1)];
  }
  const found: CheckResult = { id: 'member', status: 'ok', summary: `The exact lookup finds one member for ${option}${member.programId ? ' in the program given' : ''}.` };
  const [links, stats, friends, rewards] = await Promise.all([
    checkLinks(referralRock, resolved.id, accessUrlMinutes),
    checkStats(referralRock, resolved.id),
    checkList(referralRock, 'friends', 'referrals', resolved.id),
    checkList(referralRock, 'rewards', 'rewards', resolved.id),
  ]);
  return [found, links, stats, friends, rewards];
}

async function checkLinks(referralRock: ReferralRockClient, memberId: string, expireInMinutes: number): Promise<CheckResult> {
  let urls: Record<string, unknown>;
  try {
    urls = (await referralRock.memberAccessUrls({ memberId, expireInMinutes })) as Record<string, unknown>;
  } catch (err) {
    return { id: 'links', status: 'fail', summary: describeFailure(err, 'api/memberaccessurls'), forMembers: 'members see an error instead of their link.' };
  }
  const usable = (field: string) => typeof urls[field] === 'string' && safeUrl(urls[field] as string) !== undefined;
  const channels = SHARE_LINK_FIELDS.filter((field) => field !== 'shareUrl' && usable(field));
  const dropped = SHARE_LINK_FIELDS.filter((field) => typeof urls[field] === 'string' && !usable(field));
  const details = dropped.length > 0 ? [`Dropped, not a safe URL: ${nameList(dropped)}.`] : undefined;
  if (!usable('shareUrl')) {
    return { id: 'links', status: 'fail', summary: 'api/memberaccessurls gave no shareUrl.', forMembers: 'the card has no link to copy or share.', details };
  }
  if (channels.length === 0) {
    return { id: 'links', status: 'warn', summary: 'shareUrl, and no channel link.', forMembers: 'the card offers Copy (and the QR code) alone; the channels build their links from shareUrl.', details };
  }
  return { id: 'links', status: 'ok', summary: `shareUrl and ${channels.length} channel ${channels.length === 1 ? 'link' : 'links'}: ${nameList(channels, SHARE_LINK_FIELDS.length)}.`, details };
}

/** Fields of a stats answer that are neither read nor the dates: a renamed field shows here. */
const KNOWN_STATS_FIELDS = new Set<string>([...MEMBER_STAT_FIELDS, 'activatedDate', 'lastActiveDate']);

async function checkStats(referralRock: ReferralRockClient, memberId: string): Promise<CheckResult> {
  let stats: Record<string, unknown>;
  try {
    stats = (await referralRock.memberStats(memberId, 'All')) as Record<string, unknown>;
  } catch (err) {
    return { id: 'stats', status: 'fail', summary: describeFailure(err, 'api/memberstats/getsingle'), forMembers: 'members see an error instead of their stats.' };
  }
  const missing = missingStatFields(stats);
  const missingShown = CARD_STAT_FIELDS.filter((field) => missing.includes(field));
  const unread = Object.keys(stats).filter((field) => !KNOWN_STATS_FIELDS.has(field));
  const details = unread.length > 0 ? [`Sent but not read (a renamed field?): ${nameList(unread)}.`] : undefined;
  if (missingShown.length > 0) {
    return {
      id: 'stats',
      status: 'fail',
      summary: `memberstats/getsingle gives no number for ${nameList(missingShown)}.`,
      forMembers: `the card leaves ${missingShown.length === 1 ? 'that number' : 'those numbers'} out for every member.`,
      details,
    };
  }
  if (missing.length > 0) {
    return { id: 'stats', status: 'warn', summary: `Every number the card shows, but none for ${nameList(missing)} (passed on by /v1/me, not shown).`, details };
  }
  return { id: 'stats', status: 'ok', summary: `Every number the card shows (${CARD_STAT_FIELDS.length}), each a number.`, details };
}

/** A list the card pages through: its answer must carry its wrapper (`{ referrals: [] }`). */
async function checkList(referralRock: ReferralRockClient, id: 'friends' | 'rewards', wrapper: 'referrals' | 'rewards', memberId: string): Promise<CheckResult> {
  const path = `api/${wrapper}`;
  const forMembers = `the card's "${id === 'friends' ? 'Your friends' : 'Your rewards'}" list fails or stays empty.`;
  let answer: unknown;
  try {
    answer = await referralRock.request<unknown>('GET', `${path}?${new URLSearchParams({ memberId, offset: '0', count: '1' })}`);
  } catch (err) {
    return { id, status: 'fail', summary: describeFailure(err, path), forMembers };
  }
  const error = listErrorMessage(answer);
  const items = Array.isArray(answer) ? undefined : (answer as Record<string, unknown>)[wrapper];
  if (Array.isArray(items) || (items === null && error === undefined)) {
    return { id, status: 'ok', summary: `${path} answers { ${wrapper}: […], offset, total }.` };
  }
  if (error !== undefined) return { id, status: 'fail', summary: `${path} answered with an error message instead of the list: "${printable(error, 120)}".`, forMembers };
  const sent = Array.isArray(answer) ? 'a bare array' : `{ ${nameList(Object.keys(answer as object))} }`;
  return { id, status: 'fail', summary: `${path} has no \`${wrapper}\` list: it sent ${sent}.`, forMembers };
}
