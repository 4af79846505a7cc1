/**
 * The parts loaded on demand: the popover's positioning (Floating UI), the QR encoder, the rewards
 * and friends lists, the card's extras (icons, the later parts' styles) and the non-English catalogs. Bundlers split these
 * `import()`s into chunks; the script-tag build swaps this module for `lazy.iife.ts`.
 */
import type { Strings } from './i18n/en.js';
import type { Locale } from './i18n/locale.js';

export type Anchor = typeof import('./anchor.js');
export type QrEncoder = typeof import('./qr-encoder.js');
export type RewardsView = typeof import('./rewards-view.js');
export type ReferralsView = typeof import('./referrals-view.js');
export type CardExtras = typeof import('./card-extras.js');
type Catalog = Promise<{ default: Strings }>;

const catalogs: Record<Exclude<Locale, 'en'>, () => Catalog> = {
  es: () => import('./i18n/es.js'),
  fr: () => import('./i18n/fr.js'),
  de: () => import('./i18n/de.js'),
  'pt-BR': () => import('./i18n/pt-BR.js'),
  ja: () => import('./i18n/ja.js'),
  ar: () => import('./i18n/ar.js'),
};

export const loadCatalog = async (locale: Exclude<Locale, 'en'>): Promise<Strings> => (await catalogs[locale]()).default;
export const loadQrEncoder = (): Promise<QrEncoder> => import('./qr-encoder.js');
export const loadRewardsView = (): Promise<RewardsView> => import('./rewards-view.js');
export const loadReferralsView = (): Promise<ReferralsView> => import('./referrals-view.js');
export const loadCardExtras = (): Promise<CardExtras> => import('./card-extras.js');
export const loadAnchor = (): Promise<Anchor> => import('./anchor.js');
