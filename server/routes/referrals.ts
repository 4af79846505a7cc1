import { Hono, type MiddlewareHandler } from 'hono';
import { REFERRAL_STATUSES } from '../../shared/referralrock.js';
import type { Referral, ReferralList, ReferralStatus } from '../../types/referralrock.js';
import type { MemberReferral, ReferralsResponse } from '../../types/v1.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import { nameWords, personName } from '../lib/shown-text.js';
import type { MemberData } from '../members/data.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { nextOffsetOf, readPaging } from './paging.js';
import { listItems } from '../upstream/lists.js';

/** Longest first name passed on; a friend's name is a label on a row, not a field of its own. */
const MAX_FIRST_NAME = 40;

/**
 * `GET /v1/me/referrals?offset=0&count=10`: the friends the token's member referred, newest first,
 * a page at a time — each as a first name and an initial, a status and its dates. The member comes
 * from the token only; a friend's e-mail, phone, external id, company, note and amount never leave
 * the backend (only the fields of `MemberReferral` are copied, by name).
 *
 * @example app.route('/v1', referralsRoute({ guard, referralRock, memberData }))
 */
export function referralsRoute(options: { guard: MiddlewareHandler<MemberAuthEnv>; referralRock: ReferralRockClient; memberData: MemberData }) {
  const app = new Hono<MemberAuthEnv>();
  app.get('/me/referrals', options.guard, async (c) => {
    const { offset, count } = readPaging(c.req.query('offset'), c.req.query('count'));
    // Cached per member and page for the stats TTL; the member's events drop it.
    const body = await options.memberData.page('referrals', c.var.member, { offset, count }, (memberId) => friendsPage(options.referralRock, memberId, offset, count));
    c.header('cache-control', 'private, no-store');
    return c.json(body);
  });
  return app;
}

/** One page of the member's friends from upstream, as the member may see it. */
async function friendsPage(referralRock: ReferralRockClient, memberId: string, offset: number, count: number): Promise<ReferralsResponse> {
  const params = new URLSearchParams({ memberId, offset: String(offset), count: String(count) });
  const list = await referralRock.request<ReferralList>('GET', `api/referrals?${params}`);
  const listed = listItems<Referral>(list, 'referrals').slice(0, count);
  const total = typeof list.total === 'number' ? list.total : listed.length;
  const referrals = listed
    // Defence in depth: never show a friend of another member, whatever upstream sent. The id
    // must be a string: `String(["<id>"])` would equal the member's id.
    .filter((r) => r && typeof r === 'object' && sameIgnoringCase(r.referringMemberId, memberId))
    .map(toMemberReferral)
    .sort(newestFirst);
  return { referrals, offset, total, nextOffset: nextOffsetOf(offset, listed.length, count, total) };
}

/** What a member may see of a friend: "Sam F.", the status and its dates; nothing else is copied. */
export function toMemberReferral(referral: Referral): MemberReferral {
  const shown: MemberReferral = {
    name: friendName(referral),
    status: statusOf(referral.status),
    createDate: dateText(referral.createDate) ?? '',
  };
  const qualifiedDate = dateText(referral.qualifiedDate);
  const approvedDate = dateText(referral.approvedDate);
  if (qualifiedDate) shown.qualifiedDate = qualifiedDate;
  if (approvedDate) shown.approvedDate = approvedDate;
  return shown;
}

/**
 * First name and the initial of the last ("Sam F."). Where a name field is missing, or is no name
 * (an e-mail address, a phone number: `personName`), the display name's first and last name words
 * stand in; nothing of a field holding contact details is shown.
 */
function friendName(referral: Referral): string {
  const words = nameWords(referral.displayName);
  const first = personName(referral.firstName, MAX_FIRST_NAME) ?? (words[0] ? personName(words[0], MAX_FIRST_NAME) : null) ?? '';
  const last = personName(referral.lastName) ?? (words.length > 1 ? words[words.length - 1]! : '');
  const initial = Array.from(last)[0]?.toLocaleUpperCase('en-US');
  return [first, initial ? `${initial}.` : ''].filter(Boolean).join(' ');
}

/** Upstream's status, matched without case; one we do not know reads as Pending (still in progress). */
function statusOf(value: unknown): ReferralStatus {
  return REFERRAL_STATUSES.find((status) => typeof value === 'string' && sameIgnoringCase(status, value)) ?? 'Pending';
}

/** A date upstream sent, passed on only when it parses as one. */
function dateText(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

const newestFirst = (a: MemberReferral, b: MemberReferral): number => (Date.parse(b.createDate) || 0) - (Date.parse(a.createDate) || 0);
