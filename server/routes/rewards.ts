import { Hono, type MiddlewareHandler } from 'hono';
import type { Reward, RewardList } from '../../types/referralrock.js';
import type { MemberReward, RewardsResponse } from '../../types/v1.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { MemberData } from '../members/data.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import { readPaging } from './paging.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Keeps the fields a member sees; upstream values of the wrong type are dropped. */
function toMemberReward(r: Reward): MemberReward {
  const amount = typeof r.amount === 'string' ? Number(r.amount) : r.amount;
  return {
    id: String(r.id),
    amount: Number.isFinite(amount) ? amount : 0,
    status: String(r.status ?? ''),
    currencyCode: text(r.currencyCode),
    createDate: String(r.createDate ?? ''),
    issueDate: text(r.issueDate),
    eligibilityDate: text(r.eligibilityDate),
    description: text(r.description),
  };
}

/**
 * `GET /v1/me/rewards?offset=0&count=10`: the token's member's rewards, a page at a time. The member
 * comes from the token only (`guard`: `memberAuth` and the member's rate limit); no query
 * parameter can name another one.
 */
export function rewardsRoute(options: { guard: MiddlewareHandler<MemberAuthEnv>; referralRock: ReferralRockClient; memberData: MemberData }) {
  const app = new Hono<MemberAuthEnv>();
  app.get('/me/rewards', options.guard, async (c) => {
    const { offset, count } = readPaging(c.req.query('offset'), c.req.query('count'));
    const { value: memberId } = await options.memberData.memberId(c.var.member);
    const params = new URLSearchParams({ memberId, offset: String(offset), count: String(count) });
    const list = await options.referralRock.request<RewardList>('GET', `api/rewards?${params}`);
    const rewards = (Array.isArray(list.rewards) ? list.rewards : [])
      // Defence in depth: never show a reward of another member, whatever upstream sent.
      .filter((r) => r && typeof r === 'object' && sameIgnoringCase(String(r.memberId), memberId))
      .slice(0, count)
      .map(toMemberReward);
    const body: RewardsResponse = { rewards, offset, total: typeof list.total === 'number' ? list.total : rewards.length };
    c.header('cache-control', 'private, no-store');
    return c.json(body);
  });
  return app;
}
