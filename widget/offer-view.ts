/**
 * The member's referral code. Small, for the first paint. (The offer line is worded by
 * `offer-line.ts`, and the first-share nudge comes with the stats' view: both with the card's extras.)
 */
import { html, nothing } from 'lit';
import type { MeResponse } from '../types/v1.js';
import { fill, type LoadedStrings } from './i18n/en.js';

/** English, in the main bundle with the card (the other catalogs have the same keys). */
export const offerEn = {
  codeLabel: 'Your code',
  copyCode: 'Copy code {code}',
};

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
