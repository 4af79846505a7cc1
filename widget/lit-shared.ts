/**
 * `lit` for the lazy modules of the script-tag build (`vite build --mode lazy` aliases `lit` here):
 * the Lit of the main bundle, published by `lazy-parts.iife.ts`, so no second copy is downloaded.
 */
import type { css as Css, html as Html, nothing as Nothing } from 'lit';

const lit = (globalThis as Record<symbol, { css: typeof Css; html: typeof Html; nothing: typeof Nothing }>)[Symbol.for('referral-share:lit')]!;
export const html = lit.html;
export const nothing = lit.nothing;
export const css = lit.css;
