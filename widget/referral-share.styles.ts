import { css } from 'lit';

/**
 * The element's styles, minified at build time (`@lit-labs/rollup-plugin-minify-html-literals`).
 *
 * Colours: each custom property holds a `light-dark()` pair, and `theme` picks the scheme through
 * `color-scheme` (`auto` follows the system's). A value the page sets wins over both palettes.
 *
 * Skeletons have the boxes of what replaces them (the link row, each channel's pill, each
 * number), so nothing moves when the data arrives.
 *
 * Stats: each stat sits at the top of its row (`align-items: start`) and shows its number first
 * (`dd { order: -1 }`; a `dl` wants the `dt` first in the markup), so the numbers of a row line up
 * however many lines their labels take.
 */
export const styles = css`
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
    --_pad: calc(0.5rem * var(--referral-share-density));
    --_gap: calc(var(--referral-share-spacing) * var(--referral-share-density));

    color-scheme: light;
    display: block;
    box-sizing: border-box;
    max-width: 32rem;
    min-width: 0;
    font-family: var(--referral-share-font);
    color: var(--referral-share-text);
    line-height: 1.4;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  :host([layout='button']) {
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
    /* One column of sections: a column flexbox lays each out once at the card's width, where a
       grid first measures every descendant's min- and max-content to size its implicit column. */
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  [part='popover'] {
    position: fixed;
    inset: 0 auto auto 0;
    margin: 0;
    padding: 0;
    border: 0;
    background: transparent;
    width: min(26rem, calc(100vw - 16px));
    overflow: auto;
  }
  [part='popover'] [part='card'] {
    box-shadow: 0 10px 30px rgb(0 0 0 / 0.25);
  }
  [part='popover']:focus-visible {
    outline-offset: -2px;
  }

  h2 {
    margin: 0;
    font-size: 1.125rem;
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

  /* The link row: the field, and Copy with its tooltip. */
  .link-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  input {
    flex: 1 1 8rem;
    min-width: 0;
    font: inherit;
    padding: var(--_pad) calc(var(--_pad) * 1.25);
    border: 1px solid var(--referral-share-border);
    border-radius: calc(var(--referral-share-radius) / 2);
    color: inherit;
    background: transparent;
    direction: ltr;
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
  .copy {
    position: relative;
    display: flex;
  }
  [part='tooltip'] {
    position: absolute;
    bottom: calc(100% + 6px);
    left: 50%;
    translate: -50% 0;
    padding: 0.25rem 0.5rem;
    border-radius: 0.25rem;
    background: var(--referral-share-text);
    color: var(--referral-share-background);
    font-size: 0.8125rem;
    pointer-events: none;
    white-space: nowrap;
  }

  /* Channels: pills in rows. */
  .channels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='channel'],
  .pill {
    display: inline-block;
    font: inherit;
    cursor: pointer;
    padding: calc(var(--_pad) * 0.75) calc(var(--_pad) * 1.75);
    border: 1px solid var(--referral-share-border);
    border-radius: 999px;
    background: transparent;
    color: var(--referral-share-accent);
    text-decoration: none;
  }

  [part='qr'],
  .rewards-body {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }
  [part='qr'] svg {
    width: 10rem;
    height: 10rem;
  }
  svg path {
    fill: #000;
  }
  .qr-bg {
    fill: #fff;
  }

  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(7rem, 100%), 1fr));
    gap: 0.5rem;
    align-items: start;
    margin: 0;
  }
  .stats div {
    display: grid;
  }
  dt {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  dd {
    order: -1;
    margin: 0;
    font-size: 1.25rem;
    font-weight: 600;
  }

  summary {
    cursor: pointer;
    font-weight: 600;
    padding-block: 0.25rem;
  }
  .rewards-body {
    padding-top: 0.5rem;
  }
  [part='error'] p {
    margin-bottom: 0.5rem;
  }

  /* The pulse waits a second: a load that answers sooner never animates, and the first frame
     promotes no layer, starts no animation and asks for no frame while the answer is on its way. */
  .skeleton {
    height: 1rem;
    width: 100%;
    border-radius: 0.25rem;
    background: var(--referral-share-border);
    animation: pulse 1.2s ease-in-out 1s infinite;
  }
  /* As tall as the field and the button beside it: a line, their padding and borders. */
  .skeleton.field {
    height: calc(1lh + 2 * var(--_pad) + 2px);
    border-radius: calc(var(--referral-share-radius) / 2);
  }
  .skeleton.pill {
    width: auto;
    height: auto;
    border-color: transparent;
    border-radius: 999px;
    color: transparent;
    cursor: default;
  }
  .skeleton.number {
    display: block;
    height: 1lh;
    width: 3ch;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
