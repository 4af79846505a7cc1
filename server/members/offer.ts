import type { Program, RewardRule } from '../../types/referralrock.js';
import type { MemberOffer, OfferTerm } from '../../types/v1.js';
import { finiteNumber } from '../lib/finite-number.js';

/** The parts of a program the offer is made of. */
type OfferProgram = Pick<Program, 'memberOffer' | 'referralOffer' | 'type'>;

/** Longest offer phrase passed on: a program's own words are a line on a card, not an essay. */
export const MAX_OFFER_LENGTH = 160;

/** What the friend's referral must reach for the member to earn, as the end of a sentence. */
const TRIGGER_WORDS: Record<string, string> = {
  pending: 'when a friend signs up',
  qualified: 'when a friend qualifies',
  approved: 'when a friend is approved',
};

/** Rules of one program worth describing: at most this many, in upstream's order. */
const MAX_RULES_DESCRIBED = 2;
/**
 * Largest amount a rule is described with, as money or as a percent: a reward past it is a
 * broken or hostile rule (`fixedAmount: 1e300` would print a thousand digits), not an offer.
 */
export const MAX_OFFER_AMOUNT = 1_000_000;
const MAX_OFFER_PERCENT = 100;

/**
 * The offer a member sees: the program's own `memberOffer` and `referralOffer` where set, else,
 * for the member's side, words built from the program's enabled reward rules that are in force
 * at `now` (a fixed amount or a percent, and the referral status that earns it). A program has no
 * currency: fixed amounts are in `currency` (the server's `CURRENCY`, ISO 4217). The friend's side
 * has no rule to build from: it is the program's `referralOffer` or null.
 *
 * @example
 * describeOffer({}, [{ isEnabled: true, reward: { amountCalculationMethod: 'Fixed', fixedAmount: 25 }, trigger: { referralStatus: 'Qualified' } }], new Date(), 'USD')
 * // → { member: '$25 when a friend qualifies', friend: null }
 */
export function describeOffer(program: OfferProgram | undefined, rules: readonly RewardRule[], now: Date, currency = 'USD'): MemberOffer {
  const memberWords = plainText(program?.memberOffer);
  const friendWords = plainText(program?.referralOffer);
  const member = memberWords ?? wordsFromRules(rules, currency, now);
  // Words we built (English) come with their terms, for the widget to word in its language.
  const terms = memberWords === null && member !== null ? termsFromRules(rules, currency, now) : [];
  const programType = (['Web', 'Form'] as const).find((type) => typeof program?.type === 'string' && program.type.toLowerCase() === type.toLowerCase());
  return { member, friend: friendWords, ...(terms.length > 0 ? { terms } : {}), ...(programType ? { programType } : {}) };
}

/** The rules {@link wordsFromRules} describes, as terms: the same rules, amounts and order. Rules pay the member. */
function termsFromRules(rules: readonly RewardRule[], currency: string, now: Date): OfferTerm[] {
  return rules
    .filter((rule) => typeof rule === 'object' && rule !== null && inForce(rule, now))
    .map((rule) => ruleTerm(rule, currency))
    .filter((term): term is OfferTerm => term !== null)
    .slice(0, MAX_RULES_DESCRIBED);
}

function ruleTerm(rule: RewardRule, currency: string): OfferTerm | null {
  const reward = rule.reward ?? {};
  const method = String(reward.amountCalculationMethod ?? '').toLowerCase();
  const fixed = positiveNumber(reward.fixedAmount, MAX_OFFER_AMOUNT);
  const percent = positiveNumber(reward.startingPercentAmount, MAX_OFFER_PERCENT);
  const when = String(rule.trigger?.referralStatus ?? '').toLowerCase();
  const trigger = when === 'pending' || when === 'qualified' || when === 'approved' ? { when } as const : {};
  if ((method.includes('percent') || fixed === undefined) && percent !== undefined) return { for: 'member', kind: 'percent', amount: percent, ...trigger };
  if (fixed === undefined) return null;
  const payout = plainText(rule.payoutDescription);
  return { for: 'member', kind: 'fixed', amount: fixed, currency, ...(payout ? { payout: payout.slice(0, 60) } : {}), ...trigger };
}

// Upstream's fields are read as unknown: the shapes are unconfirmed, and a hostile or broken
// answer may hold anything where the type says a string or a number.
function wordsFromRules(rules: readonly RewardRule[], currency: string, now: Date): string | null {
  const phrases = rules
    .filter((rule) => typeof rule === 'object' && rule !== null && inForce(rule, now))
    .map((rule) => rulePhrase(rule, currency))
    .filter((phrase): phrase is string => phrase !== null)
    .slice(0, MAX_RULES_DESCRIBED);
  return phrases.length > 0 ? bounded(phrases.join(', and ')) : null;
}

function inForce(rule: RewardRule, now: Date): boolean {
  if (rule.isEnabled === false) return false;
  const starts = dateOf(rule.ruleStartDate);
  const ends = dateOf(rule.ruleEndDate);
  return (starts === undefined || starts <= now.getTime()) && (ends === undefined || ends >= now.getTime());
}

function rulePhrase(rule: RewardRule, currency: string): string | null {
  const reward = rule.reward ?? {};
  const method = String(reward.amountCalculationMethod ?? '').toLowerCase();
  const fixed = positiveNumber(reward.fixedAmount, MAX_OFFER_AMOUNT);
  const percent = positiveNumber(reward.startingPercentAmount, MAX_OFFER_PERCENT);
  let amount: string;
  if (method.includes('percent') && percent !== undefined) amount = `${formatNumber(percent)}% of what your friend spends`;
  else if (fixed !== undefined) amount = formatMoney(fixed, currency);
  else if (percent !== undefined) amount = `${formatNumber(percent)}% of what your friend spends`;
  else return null;
  const payout = plainText(rule.payoutDescription);
  const what = payout && fixed !== undefined && !method.includes('percent') ? `${amount} ${payout.toLowerCase()}` : amount;
  const when = TRIGGER_WORDS[String(rule.trigger?.referralStatus ?? '').toLowerCase()];
  return when ? `${what} ${when}` : what;
}

/** A single line of plain text, trimmed and bounded; anything else is null. */
function plainText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Control characters and line breaks would break the card's one line; markup is rendered as text by the widget.
  const line = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line === '' ? null : bounded(line);
}

/** At most {@link MAX_OFFER_LENGTH} characters, an ellipsis marking a cut. */
function bounded(line: string): string {
  return line.length > MAX_OFFER_LENGTH ? `${line.slice(0, MAX_OFFER_LENGTH - 1).trimEnd()}…` : line;
}

function positiveNumber(value: unknown, max: number): number | undefined {
  const number = finiteNumber(value);
  return number !== undefined && number > 0 && number <= max ? number : undefined;
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

// Built once: the offer's words are English (a program's own words are in its own language).
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

const formatNumber = (n: number): string => numberFormat.format(n);

function formatMoney(amount: number, currency: string): string {
  const whole = Number.isInteger(amount);
  const key = `${currency}|${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}
