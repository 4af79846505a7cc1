/**
 * The member's referral code, and a nudge for a member who has not shared yet. Small, for the
 * first paint. (The offer line is worded by `offer-line.ts`, loaded with the card's extras.)
 */
import { html, nothing } from 'lit';
import type { MeResponse } from '../types/v1.js';
import { fill, type LoadedStrings } from './i18n/en.js';

/** English, in the main bundle with the card (the other catalogs have the same keys). */
export const offerEn = {
  codeLabel: 'Your code',
  copyCode: 'Copy code {code}',
  nudgeFirstShare: 'Send your link to one friend to get started — it only takes a moment.',
};

/** Nothing shared, viewed or referred yet (in the period shown). */
export const hasNoActivity = (stats: MeResponse['stats']): boolean =>
  !stats.memberShares && !stats.memberViews && !stats.referralsPending && !stats.referralsQualified && !stats.referralsApproved;

/** Copying the code: the element's copy action and whether "Copied" shows. */
export interface CodeCopy {
  copied: boolean;
  copy(): void;
}

/**
 * `part="code"` (when the member has one), with a `part="code-copy"` button when `copyCode` is
 * given. The button's width holds its longer label (`data-sizer`), so "Copied" never widens it.
 */
export function codeView(member: MeResponse['member'], t: LoadedStrings, copyCode?: CodeCopy) {
  const s = { ...offerEn, ...t };
  const code = member.referralCode;
  return html`${code
      ? html`<p part="code"><span class="code-label">${s.codeLabel}</span> <span class="code" dir="ltr">${code}</span>${copyCode
            ? html`<button part="code-copy" class="secondary sized" type="button" aria-label=${copyCode.copied ? s.copied : fill(s.copyCode, { code })} data-sizer=${copyCode.copied ? s.copy : s.copied} @click=${copyCode.copy}><span>${copyCode.copied ? s.copied : s.copy}</span></button>`
            : nothing}</p>`
      : nothing}`;
}

/** The nudge, for a member with no activity (`hasNoActivity`). */
export const firstShareNudge = (t: LoadedStrings) => html`<p part="nudge">${{ ...offerEn, ...t }.nudgeFirstShare}</p>`;
