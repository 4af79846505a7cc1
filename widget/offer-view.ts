/**
 * What the program offers ("You get a $25 gift card · Your friend gets 15% off"), the member's
 * referral code, and a nudge for a member who has not shared yet. Small, for the first paint.
 */
import { html, nothing } from 'lit';
import type { MeResponse, MemberOffer } from '../types/v1.js';
import { fill, type LoadedStrings } from './i18n/en.js';

/** English, in the main bundle with the card (the other catalogs have the same keys). */
export const offerEn = {
  offerBoth: 'You get {member} · Your friend gets {friend}',
  offerMember: 'You get {member} for every friend who joins',
  offerFriend: 'Your friend gets {friend}',
  codeLabel: 'Your code',
  copyCode: 'Copy code {code}',
  nudgeFirstShare: 'Send your link to one friend to get started — it only takes a moment.',
};

/**
 * The offer as one line, or '' when the program says nothing. The phrases come from the program in
 * its own words, so they are put in as they are — unless `worded` has them in the widget's
 * language (an offer the server built from rules: `offerTermPhrases`).
 */
export function offerText(offer: MemberOffer | undefined, t: LoadedStrings, worded: { member?: string; friend?: string } = {}): string {
  // Each phrase isolated (FSI … PDI): an English phrase in Arabic text keeps its own direction.
  const isolate = (phrase: string | null | undefined) => (phrase?.trim() ? `\u2068${phrase.trim()}\u2069` : '');
  const member = isolate(worded.member ?? offer?.member);
  const friend = isolate(worded.friend ?? offer?.friend);
  const s = { ...offerEn, ...t };
  if (member && friend) return fill(s.offerBoth, { member, friend });
  if (member) return fill(s.offerMember, { member });
  if (friend) return fill(s.offerFriend, { friend });
  return '';
}

/** Nothing shared, viewed or referred yet (in the period shown). */
export const hasNoActivity = (stats: MeResponse['stats']): boolean =>
  !stats.memberShares && !stats.memberViews && !stats.referralsPending && !stats.referralsQualified && !stats.referralsApproved;

/** Copying the code: the element's copy action and whether "Copied" shows. */
export interface CodeCopy {
  copied: boolean;
  copy(): void;
}

/**
 * `part="offer"` (when there is one) and `part="code"` (when the member has one), with a
 * `part="code-copy"` button when `copyCode` is given. The button's width holds its longer label
 * (`data-sizer`), so "Copied" never widens it.
 */
export function offerView(data: Pick<MeResponse, 'offer' | 'member'>, t: LoadedStrings, copyCode?: CodeCopy) {
  const s = { ...offerEn, ...t };
  const line = offerText(data.offer, t);
  const code = data.member.referralCode;
  return html`${line ? html`<p part="offer">${line}</p>` : nothing}
    ${code
      ? html`<p part="code"><span class="code-label">${s.codeLabel}</span> <span class="code" dir="ltr">${code}</span>${copyCode
            ? html`<button part="code-copy" class="secondary sized" type="button" aria-label=${copyCode.copied ? s.copied : fill(s.copyCode, { code })} data-sizer=${copyCode.copied ? s.copy : s.copied} @click=${copyCode.copy}><span>${copyCode.copied ? s.copied : s.copy}</span></button>`
            : nothing}</p>`
      : nothing}`;
}

/** The nudge, for a member with no activity (`hasNoActivity`). */
export const firstShareNudge = (t: LoadedStrings) => html`<p part="nudge">${{ ...offerEn, ...t }.nudgeFirstShare}</p>`;
