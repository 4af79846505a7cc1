import { Hono, type MiddlewareHandler } from 'hono';
import { REWARD_STATUSES } from '../../shared/referralrock.js';
import type { Reward, RewardList, RewardStatus } from '../../types/referralrock.js';
import type { MemberReward, RewardsResponse } from '../../types/v1.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { MemberData } from '../members/data.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import { scrubContactDetails } from '../lib/shown-text.js';
import { nextOffsetOf, readPaging } from './paging.js';
import { listItems } from '../upstream/lists.js';

/** Longest reward description passed on: a line under an amount, not a letter. */
export const MAX_REWARD_DESCRIPTION = 300;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const dateText = (v: unknown): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null);

/** A field of upstream's reward by its camelCase name, or the PascalCase one webhook bodies use. */
const fieldOf = (reward: object, name: string): unknown => {
  const fields = reward as Record<string, unknown>;
  return fields[name] ?? fields[name[0]!.toUpperCase() + name.slice(1)];
};

/**
 * Whether a reward is the member's own: listed under the member (`memberId`), not the friend's
 * welcome reward (type `Referral`, whose `memberId` is also the referrer's), and either of type
 * `Member` or paid to the member (`recipientId`). Ids must be strings: `String(["<id>"])` would
 * equal the member's id.
 */
export function isOwnReward(reward: unknown, memberId: string): boolean {
  if (!reward || typeof reward !== 'object') return false;
  if (!sameIgnoringCase(fieldOf(reward, 'memberId') as string, memberId)) return false;
  const type = fieldOf(reward, 'type');
  if (sameIgnoringCase(type as string, 'Referral')) return false;
  return sameIgnoringCase(type as string, 'Member') || sameIgnoringCase(fieldOf(reward, 'recipientId') as string, memberId);
}

/** Upstream's status, matched without case; one we do not know reads as Pending (not yet paid). */
function statusOf(value: unknown): RewardStatus {
  return REWARD_STATUSES.find((status) => typeof value === 'string' && sameIgnoringCase(status, value)) ?? 'Pending';
}

/**
 * An ISO 4217 code, upper case; Referral Rock's `Custom` (a reward that is not money), which the
 * widget shows as the bare number; anything else none (the widget's default currency).
 */
function currencyOf(value: unknown): string | null {
  const code = text(value);
  if (code === null) return null;
  if (/^custom$/i.test(code)) return 'Custom';
  return /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : null;
}

/**
 * Keeps the fields a member sees; upstream values of the wrong type are dropped, the description is
 * bounded and holds no e-mail address or phone number (it may name the friend's).
 */
function toMemberReward(r: Reward): MemberReward {
  const amount = typeof r.amount === 'string' ? Number(r.amount) : r.amount;
  return {
    id: text(r.id) ?? '',
    amount: Number.isFinite(amount) ? amount : 0,
    status: statusOf(r.status),
    currencyCode: currencyOf(r.currencyCode),
    createDate: dateText(r.createDate) ?? '',
    issueDate: dateText(r.issueDate),
    eligibilityDate: dateText(r.eligibilityDate),
    description: scrubContactDetails(r.description, MAX_REWARD_DESCRIPTION),
  };
}

/**
 * `GET /v1/me/rewards?offset=0&count=10`: the token's member's own rewards, a page at a time. The
 * member comes from the token only (`guard`: `memberAuth` and the member's rate limit); no query
 * parameter can name another one. Upstream lists the friends' welcome rewards under the member
 * too; they are left out, so a page may be shorter than `count`: `nextOffset` says where the next
 * one starts.
 */
export function rewardsRoute(options: { guard: MiddlewareHandler<MemberAuthEnv>; referralRock: ReferralRockClient; memberData: MemberData }) {
  const app = new Hono<MemberAuthEnv>();
  app.get('/me/rewards', options.guard, async (c) => {
    const { offset, count } = readPaging(c.req.query('offset'), c.req.query('count'));
    // Cached per member and page for the stats TTL; the member's events drop it.
    const body = await options.memberData.page('rewards', c.var.member, { offset, count }, (memberId) => rewardsPage(options.referralRock, memberId, offset, count));
    c.header('cache-control', 'private, no-store');
    return c.json(body);
  });
  return app;
}

/** One page of the member's rewards from upstream, as the member may see it. */
async function rewardsPage(referralRock: ReferralRockClient, memberId: string, offset: number, count: number): Promise<RewardsResponse> {
  const params = new URLSearchParams({ memberId, offset: String(offset), count: String(count) });
  const list = await referralRock.request<RewardList>('GET', `api/rewards?${params}`);
  const listed = listItems<Reward>(list, 'rewards').slice(0, count);
  const total = typeof list.total === 'number' ? list.total : listed.length;
  const rewards = listed
    // Defence in depth: never show a reward of another member, nor a friend's, whatever upstream sent.
    .filter((r) => isOwnReward(r, memberId))
    .map(toMemberReward);
  return { rewards, offset, total, nextOffset: nextOffsetOf(offset, listed.length, count, total) };
}
