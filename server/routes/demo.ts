import { Hono, type Context } from 'hono';
import { type IssueRewardResult, type Member, type MemberList, type NewReferralResult, type NewRewardInfo, type NewRewardResult, type Referral, type ReferralList, type ReferralResult, type ReferralUpdateInfo, type Reward, type RewardList, type RewardRuleList } from '../../types/referralrock.js';
import { rewardRulesOf } from '../upstream/lists.js';
import { ApiError } from '../http/errors.js';
import { signMemberToken } from '../security/member-token.js';
import { UpstreamError, type ReferralRockClient } from '../upstream/client.js';
import { rewardDescription } from '../sandbox/reward-rules.js';
import type { SandboxState } from '../sandbox/store.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';

export interface DemoRouteOptions {
  secret: string;
  state: SandboxState;
  /** The app's own upstream client: in sandbox mode it calls the sandbox, with the sandbox's key. */
  referralRock: Pick<ReferralRockClient, 'request'>;
}

const FRIEND_FIRST_NAMES = ['Sam', 'Noor', 'Kai', 'Iris', 'Theo', 'Mina', 'Ravi', 'Lena'];
const FRIEND_LAST_NAMES = ['Fischer', 'Okafor', 'Tanaka', 'Novak', 'Silva', 'Haddad', 'Iyer', 'Larsen'];
const pick = (names: string[]): string => names[Math.floor(Math.random() * names.length)]!;

/**
 * Demo-only routes, mounted in sandbox mode alone: the sandbox's members, a token for any of them,
 * and the simulate panel's steps. A live deployment never has these: there, only the host site's
 * backend mints tokens, and referrals and rewards happen in Referral Rock.
 *
 * The simulate steps call the sandbox over HTTP with the server's key, exactly as an integration
 * would call Referral Rock; the browser never holds a key.
 */
export function demoRoutes(options: DemoRouteOptions) {
  const app = new Hono();
  const rr = sandboxCaller(options.referralRock);

  app.get('/members', (c) =>
    c.json(options.state.members.filter((m) => !m.disabledFlag).map((m) => ({ email: m.email, name: m.displayName }))),
  );
  app.get('/token', async (c) => {
    const email = c.req.query('email') ?? '';
    const member = options.state.members.find((m) => m.email === email.toLowerCase());
    if (!member) throw new ApiError(404, 'member_not_found', 'No sandbox member has this email; see GET /demo/members.');
    const token = await signMemberToken({ email: member.email }, options.secret, { name: member.firstName, expiresIn: 600 });
    c.header('cache-control', 'no-store');
    return c.json({ token });
  });

  /**
   * The sandbox's latest webhook deliveries to this server, for the simulate panel: each event as
   * Referral Rock sends it (the PascalCase body with `EventType` and `Timestamp`) and how it was
   * signed. The keys themselves are not shown.
   */
  app.get('/webhooks', (c) =>
    c.json({
      signature: 'RR-Signature: base64(HMAC-SHA512(the subscription’s key, body + "." + EventType))',
      deliveries: options.state.hookHistory.slice(-3).reverse().map((item) => ({
        event: item.event,
        status: item.status,
        lastResponseStatus: item.lastResponseStatus,
        body: item.payload,
      })),
    }),
  );

  /** A friend signs up with the member's code: `POST api/referrals`, starting pending. */
  app.post('/simulate/signup', async (c) => {
    const member = await memberFromBody(c);
    const [firstName, lastName] = [pick(FRIEND_FIRST_NAMES), pick(FRIEND_LAST_NAMES)];
    const tag = crypto.randomUUID().slice(0, 8);
    // Referral Rock answers `{ message, referral }`.
    const { referral: created } = await rr.request<NewReferralResult>('POST', 'api/referrals', {
      referralCode: member.referralCode,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}.${tag}@example.net`,
      status: 'pending',
    });
    const referral = created ?? refuse('The sandbox made no referral.');
    return c.json({ message: `${referral.displayName} signed up with ${member.firstName}’s code ${member.referralCode}: a pending referral.`, referral });
  });

  /**
   * A friend asks for no more e-mail: `POST api/email/unsubscribe` with a new address (a bare JSON
   * string). Referring that address from the card is then refused, as Referral Rock's list would have it.
   */
  app.post('/simulate/unsubscribe', async (c) => {
    await memberFromBody(c);
    const address = `${pick(FRIEND_FIRST_NAMES).toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@example.net`;
    await rr.request('POST', 'api/email/unsubscribe', address);
    return c.json({ message: `${address} asked for no more e-mail: referring it from the card is refused.`, email: address });
  });

  /** The referral converts: status Approved (`POST api/referral/update`) and a reward (`POST api/rewards`). */
  app.post('/simulate/approve', async (c) => {
    const member = await memberFromBody(c);
    const open = await newestReferral(member, 'Qualified') ?? (await newestReferral(member, 'Pending'));
    if (!open) throw new ApiError(409, 'nothing_to_approve', `${member.firstName} has no pending or qualified referral: simulate a friend signing up first.`);
    const update: ReferralUpdateInfo[] = [{ query: { primaryInfo: { referralId: open.id } }, referral: { status: 'Approved' } }];
    const [updated] = await rr.request<ReferralResult[]>('POST', 'api/referral/update', update);
    refusedUnlessSuccess(updated?.resultInfo);
    // The member's reward for an approved referral: the enabled rule it triggers, when it has a fixed amount.
    const rules = rewardRulesOf(await rr.request<RewardRuleList>('GET', `api/rewardrules?programId=${encodeURIComponent(member.programId)}`));
    const rule = rules.find((r) => r.isEnabled !== false && r.trigger?.referralStatus === 'Approved' && typeof r.reward?.fixedAmount === 'number');
    const newReward: NewRewardInfo[] = [
      {
        memberQuery: { primaryInfo: { memberId: member.id } },
        referralQuery: { primaryInfo: { referralId: open.id } },
        newReward: { amount: rule?.reward?.fixedAmount ?? 25, description: rewardDescription({ ...open, status: 'Approved' }) },
      },
    ];
    const [created] = await rr.request<NewRewardResult[]>('POST', 'api/rewards', newReward);
    refusedUnlessSuccess(created?.resultInfo);
    return c.json({
      message: `${open.displayName}’s referral is approved; ${member.firstName} earned a pending reward of ${amountText(created!.reward!)}.`,
      referral: updated!.referral,
      reward: created!.reward,
    });
  });

  /** Pays the member's newest eligible reward: `POST api/rewards/issue`. */
  app.post('/simulate/issue', async (c) => {
    const member = await memberFromBody(c);
    const now = Date.now();
    const waiting = [
      ...(await rr.request<RewardList>('GET', `api/rewards?${new URLSearchParams({ memberId: member.id, status: 'Pending', count: '100' })}`)).rewards,
      ...(await rr.request<RewardList>('GET', `api/rewards?${new URLSearchParams({ memberId: member.id, status: 'Processing', count: '100' })}`)).rewards,
    ].filter((r) => r.type !== 'Referral');
    const eligible = waiting.filter((r) => !r.eligibilityDate || Date.parse(r.eligibilityDate) <= now);
    if (eligible.length === 0) {
      throw new ApiError(409, 'nothing_to_issue', waiting.length
        ? `${member.firstName}’s pending rewards are not eligible yet (the earliest on ${waiting.map((r) => r.eligibilityDate ?? '').sort()[0]?.slice(0, 10)}).`
        : `${member.firstName} has no pending reward: approve a referral first.`);
    }
    const newest = eligible.sort((a, b) => b.createDate.localeCompare(a.createDate))[0]!;
    const issued = await rr.request<IssueRewardResult>('POST', 'api/rewards/issue', { rewardId: newest.id, note: 'Issued from the demo' });
    refusedUnlessSuccess(issued.resultInfo);
    return c.json({ message: `Issued ${amountText(issued.reward!)} to ${member.firstName} (transaction ${issued.reward!.transactionID}).`, reward: issued.reward });
  });

  async function memberFromBody(c: Context): Promise<Member> {
    const body = (await c.req.json().catch(() => null)) as { email?: unknown } | null;
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    if (!email) throw new ApiError(400, 'invalid_request', 'Send { "email": "<a sandbox member’s email>" } as JSON.');
    const list = await rr.request<MemberList>('GET', `api/members?${new URLSearchParams({ query: email, count: '10' })}`);
    const member = list.members.find((m) => sameIgnoringCase(m.email, email));
    if (!member) throw new ApiError(404, 'member_not_found', 'No sandbox member has this email; see GET /demo/members.');
    return member;
  }

  async function newestReferral(member: Member, status: 'Pending' | 'Qualified'): Promise<Referral | undefined> {
    const query = new URLSearchParams({ memberId: member.id, status, sort: 'Create_Dt_Desc', count: '1' });
    return (await rr.request<ReferralList>('GET', `api/referrals?${query}`)).referrals[0];
  }
  return app;
}

/**
 * Plain fetch to the sandbox (its collection endpoints answer JSON arrays). A refusal keeps the
 * sandbox's own message, which is the point of a demo.
 */
/**
 * The simulate steps call the sandbox through the backend's own Referral Rock client (timeouts,
 * retries, size cap); a step the sandbox refuses is the demo's 409, not an upstream outage.
 */
function sandboxCaller(referralRock: Pick<ReferralRockClient, 'request'>) {
  return {
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      try {
        return await referralRock.request<T>(method, path, body);
      } catch (err) {
        if (err instanceof UpstreamError && err.code === 'upstream_rejected') throw new ApiError(409, 'sandbox_refused', 'The sandbox refused the step.');
        throw err;
      }
    },
  };
}

const refuse = (message: string): never => {
  throw new ApiError(409, 'sandbox_refused', message);
};

/** "25 USD"; a reward whose currency is `Custom` (not money) or none: the bare number. */
function amountText(reward: Pick<Reward, 'amount' | 'currencyCode'>): string {
  const currency = reward.currencyCode ?? '';
  return /^[A-Za-z]{3}$/.test(currency) ? `${reward.amount} ${currency.toUpperCase()}` : String(reward.amount);
}

function refusedUnlessSuccess(info: { Status: string; Message: string } | undefined): void {
  if (info?.Status.toLowerCase() !== 'success') throw new ApiError(409, 'sandbox_refused', info?.Message ?? 'The sandbox refused the step.');
}
