/**
 * What the element loads on demand, a loader a job: the popover's positioning (Floating UI), the QR
 * encoder, the rewards and friends lists, the card's extras (icons, the later parts' styles) and
 * the non-English catalogs. `lazy-parts.ts` lists the parts.
 */
import type { Strings } from './i18n/en.js';
import type { Locale } from './i18n/locale.js';
import { loadPart, type PartModule } from './lazy-parts.js';

export type Anchor = PartModule<'anchor'>;
export type QrEncoder = PartModule<'qr-encoder'>;
export type RewardsView = PartModule<'rewards-view'>;
export type ReferralsView = PartModule<'referrals-view'>;
export type CardExtras = PartModule<'card-extras'>;

export const loadCatalog = async (locale: Exclude<Locale, 'en'>): Promise<Strings> => (await loadPart(`i18n-${locale}`)).default;
export const loadQrEncoder = (): Promise<QrEncoder> => loadPart('qr-encoder');
export const loadRewardsView = (): Promise<RewardsView> => loadPart('rewards-view');
export const loadReferralsView = (): Promise<ReferralsView> => loadPart('referrals-view');
export const loadCardExtras = (): Promise<CardExtras> => loadPart('card-extras');
export const loadAnchor = (): Promise<Anchor> => loadPart('anchor');
