import { Hono } from 'hono';
import type { IssueRewardResult } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import type { SandboxContext } from './context.js';
import { failure, readObject, success } from './http.js';
import { optionalString, requiredString, SandboxError } from './validation.js';

/**
 * `POST api/rewards/issue`, as post-rewards-issue.txt: issues one reward. A reward whose
 * eligibilityDate is still ahead is refused unless `?overrideIneligible=true`; an Issued reward is
 * refused. Refusals answer 4xx with the IssueRewardResult shape, the reward unchanged.
 */
export function rewardIssueRoutes(ctx: SandboxContext) {
  const app = new Hono();

  app.post('/rewards/issue', async (c) => {
    const rawOverride = c.req.query('overrideIneligible') ?? '';
    if (!/^(|true|false)$/i.test(rawOverride)) throw new SandboxError(400, 'overrideIneligible must be true or false.');
    const overrideIneligible = rawOverride.toLowerCase() === 'true';
    const body = await readObject(c, 'IssueRewardInfo');
    const rewardId = requiredString(body, 'rewardId', 36);
    optionalString(body, 'recipientInfo', 200);
    const note = optionalString(body, 'note', 1000);

    const reward = ctx.state.rewards.find((r) => sameIgnoringCase(r.id, rewardId));
    const refuse = (status: 400 | 404, message: string) => c.json<IssueRewardResult>({ reward: reward ?? null, resultInfo: failure(message) }, status);
    if (!reward) return refuse(404, `No reward has the id ${rewardId}.`);
    if (reward.status === 'Issued') return refuse(400, `The reward was already issued on ${reward.issueDate} (transaction ${reward.transactionID}).`);
    const now = ctx.now();
    if (reward.eligibilityDate && Date.parse(reward.eligibilityDate) > now.getTime() && !overrideIneligible) {
      return refuse(400, `The reward is not eligible until ${reward.eligibilityDate}; pass overrideIneligible=true to issue it now.`);
    }
    const at = now.toISOString();
    Object.assign(reward, { status: 'Issued', issueDate: at, transactionID: ctx.newId(), completeNote: note ?? null, updateDate: at });
    ctx.changed(reward.memberId);
    ctx.emit('RewardIssue', reward);
    return c.json<IssueRewardResult>({ reward, resultInfo: success('Reward issued.') });
  });
  return app;
}
