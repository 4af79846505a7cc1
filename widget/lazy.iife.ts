/**
 * `lazy.ts` for the script-tag build (an IIFE cannot split code): the lazy parts are ES modules in
 * `referral-share-lazy/` beside the script, imported by URL. Vite aliases `./lazy.js` to this file
 * in `--mode iife`; `--mode lazy` builds the modules.
 */
import { css, html, nothing } from 'lit';
import type { Strings } from './i18n/en.js';
import type { Locale } from './i18n/locale.js';
import type { Anchor, CardExtras, QrEncoder, ReferralsView, RewardsView } from './lazy.js';
import { lazyLoader } from './lazy-load.js';

// Lazy modules that render use this bundle's Lit (see lit-shared.ts), not a second copy.
(globalThis as Record<symbol, unknown>)[Symbol.for('referral-share:lit')] = { css, html, nothing };

/** Read while the script runs: `currentScript` is only set then. */
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

// The browser's module map fetches each URL once, however many elements ask.
const load = lazyLoader(new URL('referral-share-lazy/', scriptUrl));

export const loadCatalog = async (locale: Exclude<Locale, 'en'>): Promise<Strings> =>
  (await load<{ default: Strings }>(`i18n-${locale}`)).default;
export const loadQrEncoder = (): Promise<QrEncoder> => load<QrEncoder>('qr-encoder');
export const loadRewardsView = (): Promise<RewardsView> => load<RewardsView>('rewards-view');
export const loadReferralsView = (): Promise<ReferralsView> => load<ReferralsView>('referrals-view');
export const loadCardExtras = (): Promise<CardExtras> => load<CardExtras>('card-extras');
export const loadAnchor = (): Promise<Anchor> => load<Anchor>('anchor');
