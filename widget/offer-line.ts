/**
 * The offer line ("You get a $25 gift card · Your friend gets 15% off"), loaded with the card's
 * extras, before the line first shows: not on the first frame's path. The program's own words
 * are put in as they are; an offer the server built from reward rules is worded in the widget's
 * language from its terms (`MemberOffer.terms`) instead of the server's English.
 */
import type { MemberOffer, OfferTerm } from '../types/v1.js';
import type { Formatters } from './format.js';
import { fill, type LoadedStrings } from './i18n/en.js';

/** English, built in here (the other catalogs have the same keys). */
export const offerLineEn = {
  offerBoth: 'You get {member} · Your friend gets {friend}',
  offerMember: 'You get {member} for every friend who joins',
  offerFriend: 'Your friend gets {friend}',
  offerTermPayout: '{amount} {payout}',
  offerTermPercent: '{percent} of what your friend spends',
  offerTermPending: '{reward} when a friend signs up',
  offerTermQualified: '{reward} when a friend qualifies',
  offerTermApproved: '{reward} when a friend is approved',
  offerTermsJoin: '{first}, and {second}',
};

/**
 * The offer as one line in the language of `t`, or '' when the program says nothing.
 *
 * @example offerLine({ member: 'a $25 gift card', friend: '15% off' }, en, formatters('en', 'USD')) // 'You get ⁨a $25 gift card⁩ · Your friend gets ⁨15% off⁩'
 */
export function offerLine(offer: MemberOffer | undefined, t: LoadedStrings, format: Formatters): string {
  return offerText(offerInLanguage(offer, t, format), t);
}

/** The offer's phrases put in the line as they are (no terms worded). */
export function offerText(offer: MemberOffer | undefined, t: LoadedStrings): string {
  // Each phrase isolated (FSI … PDI): an English phrase in Arabic text keeps its own direction.
  const isolate = (phrase: string | null | undefined) => (phrase?.trim() ? `\u2068${phrase.trim()}\u2069` : '');
  const member = isolate(offer?.member);
  const friend = isolate(offer?.friend);
  const s = { ...offerLineEn, ...t };
  if (member && friend) return fill(s.offerBoth, { member, friend });
  if (member) return fill(s.offerMember, { member });
  if (friend) return fill(s.offerFriend, { friend });
  return '';
}

const WHEN_KEYS = { pending: 'offerTermPending', qualified: 'offerTermQualified', approved: 'offerTermApproved' } as const;

/**
 * The member's and the friend's phrases worded from `offer.terms` in the language of `t`, each
 * undefined where no term is for that side (the server's phrase then stands).
 *
 * @example offerTermPhrases({ member: '$25 when a friend qualifies', friend: null, terms: [{ for: 'member', kind: 'fixed', amount: 25, currency: 'USD', when: 'qualified' }] }, de, formatters('de', 'USD'))
 * // → { member: '25,00 $, wenn sich ein Freund qualifiziert', friend: undefined }
 */
export function offerTermPhrases(offer: MemberOffer | undefined, t: LoadedStrings, format: Formatters): { member?: string; friend?: string } {
  const s = { ...offerLineEn, ...t };
  const phrase = (side: OfferTerm['for']) => {
    const worded = (offer?.terms ?? []).filter((term) => term.for === side).map((term) => termPhrase(term, s, format));
    return worded.length === 0 ? undefined : worded.reduce((first, second) => fill(s.offerTermsJoin, { first, second }));
  };
  return { member: phrase('member'), friend: phrase('friend') };
}

function termPhrase(term: OfferTerm, s: typeof offerLineEn & LoadedStrings, format: Formatters): string {
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

/**
 * `offer` with the phrases built from its terms in the language of `t` (the program's own words,
 * and a side without terms, as they are): what the offer line shows.
 */
export function offerInLanguage(offer: MemberOffer | undefined, t: LoadedStrings, format: Formatters): MemberOffer | undefined {
  if (!offer?.terms?.length) return offer;
  const worded = offerTermPhrases(offer, t, format);
  return { ...offer, member: worded.member ?? offer.member, friend: worded.friend ?? offer.friend };
}

const percentText = (percent: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
