/**
 * The parts loaded on demand, listed once: the popover's positioning (Floating UI), the QR encoder,
 * the rewards and friends lists, the card's extras (icons, the later parts' styles), Refer a friend
 * and the non-English catalogs. Bundlers split each `import()` into a chunk;
 * `vite build --mode lazy` builds the script-tag build's `referral-share-lazy/` from this list, a
 * file a part named by its key (`i18n/es.ts` → `i18n-es.js`), and the script-tag build swaps this
 * module for `lazy-parts.iife.ts`, which imports a part from there by its key.
 */
export const LAZY_PARTS = {
  anchor: () => import('./anchor.js'),
  'qr-encoder': () => import('./qr-encoder.js'),
  'rewards-view': () => import('./rewards-view.js'),
  'referrals-view': () => import('./referrals-view.js'),
  'card-extras': () => import('./card-extras.js'),
  // Asked for by the card's extras; listed so the lazy build names it and splits as the ES build does.
  'refer-form': () => import('./refer-form.js'),
  'i18n-es': () => import('./i18n/es.js'),
  'i18n-fr': () => import('./i18n/fr.js'),
  'i18n-de': () => import('./i18n/de.js'),
  'i18n-pt-BR': () => import('./i18n/pt-BR.js'),
  'i18n-ja': () => import('./i18n/ja.js'),
  'i18n-ar': () => import('./i18n/ar.js'),
};

export type LazyPart = keyof typeof LAZY_PARTS;
export type PartModule<P extends LazyPart> = Awaited<ReturnType<(typeof LAZY_PARTS)[P]>>;

export type Anchor = PartModule<'anchor'>;
export type QrEncoder = PartModule<'qr-encoder'>;
export type RewardsView = PartModule<'rewards-view'>;
export type ReferralsView = PartModule<'referrals-view'>;
export type CardExtras = PartModule<'card-extras'>;

export const loadPart = <P extends LazyPart>(part: P): Promise<PartModule<P>> => LAZY_PARTS[part]() as Promise<PartModule<P>>;
