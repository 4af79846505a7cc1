import { css } from 'lit';
import { offerStyles } from './offer-view.styles.js';
import { shareStyles } from './share-view.styles.js';
import { statsStyles } from './stats-view.styles.js';

/**
 * The element's own styles, minified at build time (`@lit-labs/rollup-plugin-minify-html-literals`):
 * what the card as a whole needs (its box, text, buttons, disclosures); each view's first-paint
 * sheet sits beside it (`share-view.styles.ts`, `offer-view.styles.ts`, `stats-view.styles.ts`), and
 * the skeletons' common box comes last, after the views' rules it must win over.
 *
 * Colours: each custom property holds a `light-dark()` pair, and `theme` picks the scheme through
 * `color-scheme` (`auto` follows the system's). A value the page sets wins over both palettes.
 * `theme` and `layout` arrive as custom states (`:state(dark)`), never as attributes the element
 * writes on itself.
 *
 * Skeletons have the boxes of what replaces them (the link row, each channel's pill, each
 * number), so nothing moves when the data arrives; each view's sheet sizes its own.
 */
const cardStyles = css`
  :host {
    --referral-share-accent: light-dark(#4338ca, #a5b4fc);
    --referral-share-accent-text: light-dark(#fff, #1e1b4b);
    --referral-share-background: light-dark(#fff, #111827);
    --referral-share-text: light-dark(#1f2937, #f3f4f6);
    --referral-share-muted: light-dark(#4b5563, #b6bcc6);
    --referral-share-border: light-dark(#8b929c, #6b7280);
    --referral-share-radius: 0.75rem;
    --referral-share-spacing: 1rem;
    --referral-share-density: 1;
    --referral-share-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --_line-height: 1.4;
    --_heading-size: 1.125rem;
    /* The stats' sizes and spacing, which their skeleton's tiles and the numbers' sizing (with the
       card's extras) work from. */
    --_number-size: 1.25rem;
    --_label-size: 0.8125rem;
    --_stat-gap: 0.5rem;
    --_stat-padding: 0.75rem;
    /* The numbers' and labels' lines, in whole pixels: WebKit rounds line boxes and lh to whole
       pixels, the others do not, and the stats' skeleton tiles must hold the loaded tiles' shape in
       every engine. */
    --_number-line: round(var(--_line-height) * var(--_number-size), 1px);
    --_label-line: round(var(--_line-height) * var(--_label-size), 1px);
    /* Two lines of the offer (1rem), the room the offer or the intro gets whatever its length. */
    --_offer-room: calc(2 * var(--_line-height) * 1rem);
    --_pad: calc(0.5rem * var(--referral-share-density));
    /* The field's and a button's height: a line of their text, padding and borders (lh resolves
       where it is used: in the element's font, as theirs). */
    --_control-height: calc(1lh + 2 * var(--_pad) + 2px);
    --_gap: calc(var(--referral-share-spacing) * var(--referral-share-density));

    color-scheme: light;
    display: block;
    box-sizing: border-box;
    max-width: 32rem;
    min-width: 0;
    font-family: var(--referral-share-font);
    color: var(--referral-share-text);
    line-height: var(--_line-height);
  }
  :host(:state(dark)) {
    color-scheme: dark;
  }
  :host(:state(auto)) {
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  :host(:state(button)) {
    display: inline-block;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [part='card'] {
    background: var(--referral-share-background);
    color: var(--referral-share-text);
    border: 1px solid var(--referral-share-border);
    border-radius: var(--referral-share-radius);
    padding: var(--_gap);
    display: grid;
    /* One column as wide as the card: no list's content can widen it. */
    grid-template-columns: minmax(0, 1fr);
    /* The channels' and the stats' layouts follow the card's width (not the window's). */
    container: card / inline-size;
    gap: var(--_gap);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  h2 {
    margin: 0;
    font-size: var(--_heading-size);
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  :focus-visible {
    outline: 2px solid var(--referral-share-accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  button {
    font: inherit;
    cursor: pointer;
    padding: var(--_pad) calc(var(--_pad) * 1.75);
    border: 1px solid var(--referral-share-accent);
    border-radius: calc(var(--referral-share-radius) / 2);
    background: var(--referral-share-accent);
    color: var(--referral-share-accent-text);
  }
  .secondary {
    background: transparent;
    color: var(--referral-share-accent);
    border-color: var(--referral-share-border);
  }
  .rewards-body {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    padding-block: 0.25rem;
  }
  /* The triangle takes no line height of its own: in Firefox its glyph made the line half a pixel
     taller than the skeleton's box for it (1lh), and a card with three disclosures moved. */
  summary::marker {
    line-height: 0;
  }
  .rewards-body {
    padding-top: 0.5rem;
  }
  [part='error'] p {
    margin-bottom: 0.5rem;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;

/**
 * The skeleton's boxes (after the views' rules: a skeleton pill's colour wins over the pill's), and
 * the pulse of a slow load.
 */
const skeletonStyles = css`
  .skeleton {
    height: 1rem;
    width: 100%;
    border-radius: 0.25rem;
    background: var(--referral-share-border);
  }
  /* A load taking more than a second (MeController's slow flag) pulses; one answering sooner never
     animates, and the first frame creates no animation while the answer is on its way. */
  .slow .skeleton {
    animation: pulse 1.2s ease-in-out infinite;
  }
  /* A list's page on its way (after the first frame): the same pulse, after a second. */
  .rewards-body[aria-busy='true'] > .skeleton {
    animation: pulse 1.2s ease-in-out 1s infinite;
  }
  /* The first frame's boxes hold no text (text costs it most: fonts and shaping), so each takes the
     font size of what replaces it and a number of its lines (the lh unit needs no font loaded). */
  .skeleton.heading {
    font-size: var(--_heading-size);
    height: 1lh;
    width: 12rem;
  }
  /* A closed disclosure's line: its summary's padding and line. */
  .skeleton.disclosure {
    height: 1lh;
    margin-block: 0.25rem;
    width: 8rem;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
`;

/** The element's first-paint styles: the card's, each view's, then the skeletons'. */
export const styles = [cardStyles, offerStyles, shareStyles, statsStyles, skeletonStyles];
