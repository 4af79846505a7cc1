/** The sandbox's reward rules at work: which rule a reward falls under, and how rewards name the friend. */
import type { Program, Referral, RewardRule } from '../../types/referralrock.js';

/**
 * A friend as a member's reward names them: first name and last initial ("Sam F."), never their
 * e-mail; "A friend" when the referral has no name.
 *
 * @example friendShortName({ firstName: 'Augustus', lastName: 'De Morgan' }) // "Augustus D."
 */
export function friendShortName(referral: Pick<Referral, 'firstName' | 'lastName'>): string {
  const first = referral.firstName.trim();
  const initial = referral.lastName.trim().charAt(0).toUpperCase();
  if (!first) return 'A friend';
  return initial ? `${first} ${initial}.` : first;
}

/** What happened, by the referral's status. */
const WHAT_HAPPENED: Record<Referral['status'], string> = {
  Pending: 'signed up',
  Qualified: 'placed a qualifying order',
  Approved: 'became a customer',
  Denied: 'was referred',
};

/**
 * The description of a reward earned through `referral`: the member's reward says what the friend
 * did ("Sam F. signed up"); the friend's own reward welcomes them.
 *
 * @example rewardDescription(referral) // "Charles B. became a customer"
 */
export function rewardDescription(referral: Pick<Referral, 'firstName' | 'lastName' | 'status'>, recipient: 'Member' | 'Referral' = 'Member'): string {
  const name = friendShortName(referral);
  return recipient === 'Referral' ? `Welcome reward for ${name}` : `${name} ${WHAT_HAPPENED[referral.status] ?? 'was referred'}`;
}

/**
 * The enabled member reward rule a reward of `program` falls under: the one the referral's status
 * triggers, else the first with a fixed amount.
 */
export function ruleFor(rules: RewardRule[], program: Pick<Program, 'id'>, referral?: Pick<Referral, 'status'>): RewardRule | undefined {
  const enabled = rules.filter((r) => r.programId === program.id && r.isEnabled !== false);
  return (referral && enabled.find((r) => r.trigger?.referralStatus === referral.status)) ?? enabled.find((r) => typeof r.reward?.fixedAmount === 'number');
}
