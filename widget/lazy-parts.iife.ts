/**
 * `lazy-parts.ts` for the script-tag build (an IIFE cannot split code): a part is an ES module in
 * `referral-share-lazy/` beside the script, imported by URL. Vite aliases `./lazy-parts.js` to this
 * file in `--mode iife`; `--mode lazy` builds the modules.
 */
import { css, html, nothing } from 'lit';
import type { LazyPart, PartModule } from './lazy-parts.js';
import { lazyLoader } from './lazy-load.js';

// A classic script can hand its Lit to ES modules only through a global: the parts render with it
// (lit-shared.ts) rather than download a second copy.
(globalThis as Record<symbol, unknown>)[Symbol.for('referral-share:lit')] = { css, html, nothing };

/** Read while the script runs: `currentScript` is only set then. */
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

// The browser's module map fetches each URL once, however many elements ask.
export const loadPart: <P extends LazyPart>(part: P) => Promise<PartModule<P>> = lazyLoader(new URL('referral-share-lazy/', scriptUrl));
