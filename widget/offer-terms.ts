/**
 * An offer the server built from reward rules, worded in the widget's language from its terms
 * (`MemberOffer.terms`) instead of the server's English. Loaded with the card's extras, before the
 * offer line first shows: not on the first frame's path.
 */
import type { MemberOffer, OfferTerm } from '../types/v1.js';
import type { Formatters } from './format.js';
import { fill, type LoadedStrings } from './i18n/en.js';

/** English, built in here (the other catalogs have the same keys). */
export const offerTermsEn = {
  offerTermPayout: '{amount} {payout}',
  offerTermPercent: '{percent} of what your friend spends',
  offerTermPending: '{reward} when a friend signs up',
  offerTermQualified: '{reward} when a friend qualifies',
  offerTermApproved: '{reward} when a friend is approved',
  offerTermsJoin: '{first}, and {second}',
};

const WHEN_KEYS = { pending: 'offerTermPending', qualified: 'offerTermQualified', approved: 'offerTermApproved' } as const;

/**
 * The member's and the friend's phrases worded from `offer.terms` in the language of `t`, each
 * undefined where no term is for that side (the server's phrase then stands).
 *
 * @example offerTermPhrases({ member: '$25 when a friend qualifies', friend: null, terms: [{ for: 'member', kind: 'fixed', amount: 25, currency: 'USD', when: 'qualified' }] }, de, formatters('de', 'USD'))
 * // → { member: '25,00 $, wenn sich ein Freund qualifiziert', friend: undefined }
 */
export function offerTermPhrases(offer: MemberOffer | undefined, t: LoadedStrings, format: Formatters): { member?: string; friend?: string } {
  const s = { ...offerTermsEn, ...t };
  const phrase = (side: OfferTerm['for']) => {
    const worded = (offer?.terms ?? []).filter((term) => term.for === side).map((term) => termPhrase(term, s, format));
    return worded.length === 0 ? undefined : worded.reduce((first, second) => fill(s.offerTermsJoin, { first, second }));
  };
  return { member: phrase('member'), friend: phrase('friend') };
}

function termPhrase(term: OfferTerm, s: typeof offerTermsEn & LoadedStrings, format: Formatters): string {
  let reward: string;
  if (term.kind === 'percent') {
    reward = fill(s.offerTermPercent, { percent: percentText(term.amount, format.locale) });
  } else {
    const amount = format.money(term.amount, term.currency);
    // The payout's name is the program's own words: put in as written.
    reward = term.payout ? fill(s.offerTermPayout, { amount, payout: term.payout }) : amount;
  }
  return term.when ? fill(s[WHEN_KEYS[term.when]], { reward }) : reward;
}

const percentText = (percent: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
