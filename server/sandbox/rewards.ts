import { Hono, type Context } from 'hono';
import { REWARD_STATUSES } from '../../shared/referralrock.js';
import type { Member, MemberQuery, NewRewardResult, Referral, ReferralQuery, Reward, RewardList, RewardResult } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { byDateAsc, byDateDesc, echo, eachItem, matchesQuery, page, readCollection, readDateRange, readPaging, readSort, readStatusFilter, success } from './http.js';
import { resolveMemberQuery, resolveReferralQuery } from './query-rules.js';
import { rewardDescription, ruleFor } from './reward-rules.js';
import { SANDBOX_CURRENCY, SANDBOX_PAYOUT } from './seed.js';
import { refuse, isObject, optionalDate, optionalNumber, optionalObject, optionalString, requiredString, SandboxError, type JsonObject } from './validation.js';

const REWARD_ORDERS: Record<string, (a: Reward, b: Reward) => number> = {
  Create_Dt_Desc: byDateDesc((r) => r.createDate),
  Create_Dt_Asc: byDateAsc((r) => r.createDate),
  Amount_Desc: (a, b) => b.amount - a.amount,
  Amount_Asc: (a, b) => a.amount - b.amount,
};

const MAX_AMOUNT = 1_000_000;

/** `GET`/`POST api/rewards`, `POST api/rewards/update`, `POST`/`DELETE api/rewards/remove`. */
export function rewardRoutes(ctx: SandboxContext) {
  const app = new Hono();
  const { state } = ctx;

  app.get('/rewards', (c) => {
    const paging = readPaging(c);
    const inRange = readDateRange(c);
    const order = readSort(c, REWARD_ORDERS);
    const status = readStatusFilter(c, REWARD_STATUSES);
    const { programId, memberId, query } = c.req.query();
    const matching = state.rewards
      .filter(
        (r) =>
          (!programId || sameIgnoringCase(r.programId, programId)) &&
          (!memberId || sameIgnoringCase(r.memberId, memberId)) &&
          (!status || r.status === status) &&
          inRange(r.createDate) &&
          matchesQuery(query, [r.recipientEmailAddress, r.recipientName, r.recipientExternalIdentifier, r.id, r.referralDisplayName]),
      )
      .sort(order);
    return c.json<RewardList>(page('rewards', matching, paging));
  });

  // post-rewards.txt: a collection of NewRewardInfo in, a collection of NewRewardResult out.
  app.post('/rewards', async (c) => {
    const items = await readCollection(c, 'NewRewardInfo');
    return c.json(
      eachItem<NewRewardResult>(
        items,
        (item) => {
          const reward = createReward(item);
          state.rewards.push(reward);
          ctx.changed(reward.memberId);
          ctx.emit('RewardAdd', reward);
          return { memberQuery: echo<MemberQuery>(item, 'memberQuery'), referralQuery: echo<ReferralQuery>(item, 'referralQuery'), reward, resultInfo: success('Reward created.') };
        },
        (item, resultInfo) => ({ memberQuery: echo<MemberQuery>(item, 'memberQuery'), referralQuery: echo<ReferralQuery>(item, 'referralQuery'), reward: null, resultInfo }),
      ),
    );
  });

  app.post('/rewards/update', async (c) => {
    const items = await readCollection(c, 'RewardUpdateInfo');
    return c.json(
      eachItem<RewardResult>(
        items,
        (item) => {
          const reward = rewardOf(item);
          const fields = item as JsonObject;
          if (reward.status === 'Issued') refuse('The reward is Issued: it can no longer change.');
          const amount = optionalNumber(fields, 'amount', 0.01, MAX_AMOUNT);
          const eligibilityDate = optionalDate(fields, 'eligibilityDate');
          const description = optionalString(fields, 'description', 500);
          const rawStatus = optionalString(fields, 'status', 20);
          const status = rawStatus === undefined ? undefined : (['Pending', 'Processing'] as const).find((s) => sameIgnoringCase(s, rawStatus));
          if (rawStatus !== undefined && !status) {
            refuse(rawStatus.toLowerCase() === 'issued' ? 'Issue a reward with POST api/rewards/issue.' : 'status must be Pending or Processing.');
          }
          if (amount === undefined && eligibilityDate === undefined && description === undefined && status === undefined) {
            refuse('Name a field to change: amount, eligibilityDate, description or status.');
          }
          if (amount !== undefined) reward.amount = amount;
          if (eligibilityDate !== undefined) reward.eligibilityDate = eligibilityDate;
          if (description !== undefined) reward.description = description;
          if (status !== undefined) reward.status = status;
          reward.updateDate = ctx.now().toISOString();
          ctx.changed(reward.memberId);
          ctx.emit('RewardUpdate', reward);
          return { rewardId: reward.id, reward, resultInfo: success('Reward updated.') };
        },
        (item, resultInfo) => ({ rewardId: rewardIdOf(item), reward: null, resultInfo }),
      ),
    );
  });

  const remove = async (c: Context) => {
    const items = await readCollection(c, 'RewardRemoveInfo');
    return c.json(
      eachItem<RewardResult>(
        items,
        (item) => {
          const reward = rewardOf(item);
          if (reward.status === 'Issued') refuse('The reward is Issued: it was paid and cannot be removed.');
          state.rewards.splice(state.rewards.indexOf(reward), 1);
          ctx.changed(reward.memberId);
          ctx.emit('RewardDelete', reward);
          return { rewardId: reward.id, reward, resultInfo: success('Reward removed.') };
        },
        (item, resultInfo) => ({ rewardId: rewardIdOf(item), reward: null, resultInfo }),
      ),
    );
  };
  app.post('/rewards/remove', remove);
  app.delete('/rewards/remove', remove);

  function rewardOf(item: unknown): Reward {
    if (!isObject(item)) refuse('Each item must be an object with a rewardId.');
    const id = requiredString(item as JsonObject, 'rewardId', 36);
    const reward = state.rewards.find((r) => sameIgnoringCase(r.id, id));
    if (!reward) throw new SandboxError(404, `No reward has the id ${id}.`);
    return reward;
  }

  /** Validates one NewRewardInfo completely and builds its reward; nothing is stored here. */
  function createReward(item: unknown): Reward {
    if (!isObject(item)) refuse('Each item must be a NewRewardInfo object.');
    const info = item as JsonObject;
    const newReward = optionalObject(info, 'newReward') ?? refuse('newReward is required.');
    const amount = optionalNumber(newReward, 'amount', 0.01, MAX_AMOUNT, 'newReward.amount') ?? refuse('newReward.amount is required.');
    const payoutId = optionalString(newReward, 'payoutId', 36, 'newReward.payoutId');
    if (payoutId !== undefined && payoutId.toLowerCase() !== SANDBOX_PAYOUT.id) refuse(`newReward.payoutId is unknown; the sandbox pays by ${SANDBOX_PAYOUT.description} (${SANDBOX_PAYOUT.id}).`);
    const eligibilityDate = optionalDate(newReward, 'eligibilityDate', 'newReward.eligibilityDate');
    const description = optionalString(newReward, 'description', 500, 'newReward.description');
    const hasMemberQuery = info.memberQuery !== undefined && info.memberQuery !== null;
    const hasReferralQuery = info.referralQuery !== undefined && info.referralQuery !== null;
    if (!hasMemberQuery && !hasReferralQuery) refuse('A reward needs a memberQuery (reward a member), a referralQuery (reward a referral) or both.');
    const member: Member | undefined = hasMemberQuery ? resolveMemberQuery(state, info.memberQuery) : undefined;
    const referral: Referral | undefined = hasReferralQuery ? resolveReferralQuery(state, info.referralQuery) : undefined;
    if (member && referral && referral.referringMemberId !== member.id) refuse('The referral in referralQuery was not referred by the member in memberQuery.');
    const owner = member ?? state.members.find((m) => m.id === referral!.referringMemberId) ?? refuse('The referral’s member no longer exists.');
    const program = ctx.programOf(owner);
    const type = member ? 'Member' : 'Referral';
    // Reward rules are the member's: a friend's own reward falls under none.
    const rule = type === 'Member' ? ruleFor(state.rewardRules, program, referral) : undefined;
    const now = ctx.now();
    const at = now.toISOString();
    return {
      id: ctx.newId(),
      payoutId: SANDBOX_PAYOUT.id,
      payoutDescription: SANDBOX_PAYOUT.description,
      programId: program.id,
      programName: program.name,
      memberId: owner.id,
      referralId: referral?.id ?? null,
      type,
      recipientId: member ? member.id : referral!.id,
      recipientName: member ? member.displayName : referral!.displayName,
      recipientEmailAddress: (member ? member.email : referral!.email) ?? '',
      recipientExternalIdentifier: member ? member.externalIdentifier : referral!.externalIdentifier,
      externalIdentifier: null,
      status: 'Pending',
      amount,
      createDate: at,
      issueDate: null,
      eligibilityDate: eligibilityDate ?? new Date(now.getTime() + (rule?.deliveryDelay ?? 0) * 86_400_000).toISOString(),
      description: description ?? (referral ? rewardDescription(referral, type) : rule?.description ?? null),
      transactionID: null,
      updateDate: at,
      referralDisplayName: referral?.displayName ?? null,
      currencyCode: SANDBOX_CURRENCY,
      source: 'Api',
      programRewardRuleId: rule?.ruleId ?? null,
      paymentType: 'Credit',
      paymentCode: null,
      completeNote: null,
      reason: null,
      reasonOther: null,
    };
  }
  return app;
}

const rewardIdOf = (item: unknown): string | null => (isObject(item) && typeof item.rewardId === 'string' ? item.rewardId : null);
