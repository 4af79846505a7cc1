import type { errorsEn } from '../error-messages.js';
import type { offerEn } from '../offer-view.js';
import type { offerLineEn } from '../offer-line.js';
import type { qrEn } from '../qr-encoder.js';
import type { referEn } from '../refer-view.js';
import type { referralsEn } from '../referrals-view.js';
import type { rewardsEn } from '../rewards-view.js';
import type { statsEn } from '../stats-view.js';

/**
 * English, built in. Every other catalog has the same keys and is loaded on demand. `{name}`-style
 * placeholders are filled by `fill()`. The English of each view sits in its own module, loaded with
 * it: `rewardsEn`, `referralsEn`, `qrEn`, `offerLineEn`, `statsEn`, `referEn` (lazy), `offerEn`, `errorsEn`.
 */
export const en = {
  heading: 'Share and earn',
  headingNamed: 'Share and earn, {name}',
  intro: 'Share your link. When friends join, you earn a reward.',
  openButton: 'Share & earn',
  // The bottom sheet's Close button (phones).
  close: 'Close',
  linkLabel: 'Your referral link',
  copy: 'Copy',
  copied: 'Copied',
  copiedMessage: 'Link copied',
  shareOn: 'Share on',
  shareMessage: 'Join me and get a reward: {url}',
  emailSubject: 'A gift for you',
  email: 'Email',
  sms: 'SMS',
  x: 'X',
  facebook: 'Facebook',
  messenger: 'Messenger',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  native: 'More…',
  qr: 'QR code',
  rewards: 'Your rewards',
  referrals: 'Your friends',
  loading: 'Loading…',
  retry: 'Retry',
};

export type StringKey =
  | keyof typeof en
  | keyof typeof rewardsEn
  | keyof typeof referralsEn
  | keyof typeof qrEn
  | keyof typeof referEn
  | keyof typeof statsEn
  | keyof typeof offerEn
  | keyof typeof offerLineEn
  | keyof typeof errorsEn;
/** A full catalog; the `strings` property takes any part of one. */
export type Strings = Record<StringKey, string>;
/** The texts the main bundle has in every language; the lazy views add their English defaults. */
export type LoadedStrings = typeof en & Partial<Strings>;

/** Replaces `{key}` in `template` with `values[key]`. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
