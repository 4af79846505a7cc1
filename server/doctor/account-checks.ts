/** The account's checks: the key is accepted, programs are listed with their offers, reward rules can be read. */
import { type Program, type RewardRule } from '../../types/referralrock.js';
import { describeOffer } from '../members/offer.js';
import { isUnsubscribed } from '../referrals/upstream-referrals.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { listItems, rewardRulesOf } from '../upstream/lists.js';
import type { CheckResult } from './report.js';
import { describeFailure, failureOf, printable } from './text.js';

/** Programs read (one page) and whose rules are asked for: an account has a handful. */
const PROGRAM_PAGE = 100;
const PROGRAMS_CHECKED = 10;

export interface AccountChecks {
  checks: CheckResult[];
  /** Whether the key was accepted: the member's checks need it. */
  keyAccepted: boolean;
}

/**
 * `GET api/programs` (the key, then the programs), `GET api/rewardrules?programId=` for each, and
 * each program's offer as the card will word it (its own words, or words built from its rules, in
 * `currency`).
 */
export async function checkAccount(referralRock: ReferralRockClient, currency: string, now: Date): Promise<AccountChecks> {
  let answer: unknown;
  try {
    answer = await referralRock.request<unknown>('GET', `api/programs?${new URLSearchParams({ offset: '0', count: String(PROGRAM_PAGE) })}`);
  } catch (err) {
    const skipped = (id: CheckResult['id']): CheckResult => ({ id, status: 'skip', summary: 'Not checked: Referral Rock did not accept the call.' });
    const key: CheckResult = { id: 'key', status: 'fail', summary: describeFailure(err, 'api/programs'), forMembers: forMembersOf(err) };
    return { checks: [key, skipped('programs'), skipped('rewardRules')], keyAccepted: false };
  }
  const key: CheckResult = { id: 'key', status: 'ok', summary: 'Referral Rock accepted the API key.' };

  let programs: Program[];
  try {
    programs = listItems<Program>(answer, 'programs').filter((p) => typeof p === 'object' && p !== null && typeof p.id === 'string');
  } catch (err) {
    return { checks: [key, { id: 'programs', status: 'fail', summary: describeFailure(err, 'api/programs'), forMembers: 'offers are left out of every card.' }, skippedRules()], keyAccepted: true };
  }
  if (programs.length === 0) {
    const wrapped = typeof answer === 'object' && answer !== null && Array.isArray((answer as { programs?: unknown }).programs);
    return {
      checks: [
        key,
        {
          id: 'programs',
          status: 'fail',
          summary: wrapped ? 'The account has no programs.' : 'api/programs answered without a `programs` list.',
          forMembers: 'no member can be found, and no offer shown.',
        },
        skippedRules(),
      ],
      keyAccepted: true,
    };
  }

  const checked = programs.slice(0, PROGRAMS_CHECKED);
  const rules = await Promise.all(checked.map((program) => rulesOf(referralRock, program.id)));
  const details = checked.map((program, i) => offerLine(program, rules[i]!, currency, now));
  if (programs.length > checked.length) details.push(`… and ${programs.length - checked.length} more (not checked).`);
  const silent = checked.filter((program, i) => !offerOf(program, rules[i]!, currency, now).member);
  const programsCheck: CheckResult = {
    id: 'programs',
    status: silent.length > 0 ? 'warn' : 'ok',
    summary: `${programs.length} ${programs.length === 1 ? 'program' : 'programs'}, with the offers the card shows:`,
    details,
    ...(silent.length > 0 ? { forMembers: `members of ${silent.map((p) => `"${printable(p.title ?? p.name, 40)}"`).join(', ')} see no offer (no memberOffer, no reward rule in force).` } : {}),
  };
  return { checks: [key, programsCheck, rulesCheck(rules)], keyAccepted: true };
}

/** One program's rules, or why they could not be read. */
type Rules = { rules: RewardRule[] } | { error: unknown };

async function rulesOf(referralRock: ReferralRockClient, programId: string): Promise<Rules> {
  try {
    return { rules: rewardRulesOf(await referralRock.request<unknown>('GET', `api/rewardrules?${new URLSearchParams({ programId })}`)) };
  } catch (error) {
    return { error };
  }
}

const offerOf = (program: Program, rules: Rules, currency: string, now: Date) =>
  describeOffer(program, 'rules' in rules ? rules.rules : [], now, currency);

function offerLine(program: Program, rules: Rules, currency: string, now: Date): string {
  const offer = offerOf(program, rules, currency, now);
  const ownWords = typeof program.memberOffer === 'string' && program.memberOffer.trim() !== '';
  const member = offer.member ? `"${printable(offer.member)}" (${ownWords ? 'its own words' : 'from its reward rules'})` : 'nothing';
  const friend = offer.friend ? `"${printable(offer.friend)}"` : 'nothing';
  const inactive = program.isActive === false ? ' [inactive]' : '';
  return `"${printable(program.title ?? program.name, 40)}"${inactive}: members are offered ${member}; friends ${friend}.`;
}

/** A 403 on reward rules is a warning: offers then come from the programs' own words alone. */
function rulesCheck(all: Rules[]): CheckResult {
  const failed = all.filter((r): r is { error: unknown } => 'error' in r);
  if (failed.length === 0) {
    const count = all.reduce((sum, r) => sum + ('rules' in r ? r.rules.length : 0), 0);
    return { id: 'rewardRules', status: 'ok', summary: `Readable: ${count} ${count === 1 ? 'rule' : 'rules'} in all.` };
  }
  const refused = failed.some((r) => failureOf(r.error).code === 'upstream_auth');
  return {
    id: 'rewardRules',
    status: 'warn',
    summary: refused ? 'Referral Rock refused api/rewardrules to this key (403).' : describeFailure(failed[0]!.error, 'api/rewardrules'),
    forMembers: 'offers come from the programs\' own words (memberOffer, referralOffer) alone; a program without them shows none.',
  };
}

/** An address no one has: the check reads the list's answer, never a member's entry. */
const PROBE_ADDRESS = 'referral-share-doctor@example.invalid';

/**
 * `GET api/email/getunsubscribed`, which "Refer a friend" asks before every referral it sends: a
 * failure there refuses every member's referral (502), while their link and stats still load.
 */
export async function checkUnsubscribeList(referralRock: ReferralRockClient): Promise<CheckResult> {
  try {
    await isUnsubscribed(referralRock, PROBE_ADDRESS);
    return { id: 'unsubscribes', status: 'ok', summary: 'Referral Rock\'s unsubscribe list can be read (Refer a friend checks it).' };
  } catch (err) {
    return {
      id: 'unsubscribes',
      status: 'warn',
      summary: describeFailure(err, 'api/email/getunsubscribed'),
      forMembers: '"Refer a friend" refuses every referral ("try again later"); links, stats and lists still work.',
    };
  }
}

const skippedRules = (): CheckResult => ({ id: 'rewardRules', status: 'skip', summary: 'Not checked: no program was read.' });

/** What a refused key or a wrong URL means for the members. */
export function forMembersOf(err: unknown): string {
  return failureOf(err).code === 'upstream_misconfigured'
    ? 'every member sees "Referrals aren\'t working on this page" instead of their link and stats.'
    : 'every member sees an error instead of their link and stats.';
}
