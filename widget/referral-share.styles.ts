import { css } from 'lit';

/**
 * The element's styles, minified at build time (`@lit-labs/rollup-plugin-minify-html-literals`).
 *
 * Colours: each custom property holds a `light-dark()` pair, and `theme` picks the scheme through
 * `color-scheme` (`auto` follows the system's). A value the page sets wins over both palettes.
 * `theme` and `layout` arrive as custom states (`:state(dark)`), never as attributes the element
 * writes on itself.
 *
 * Skeletons have the boxes of what replaces them (the link row, each channel's pill, each
 * number), so nothing moves when the data arrives.
 *
 * Stats: each stat's tile fills its row's height, its content at the top, its number first
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
  /* The offer's skeleton holds two lines of it: a shorter offer or intro keeps the room. */
  [part='offer'],
  [part='intro'] {
    min-height: var(--_offer-room);
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

  /* The link row: the field, and Copy with its tooltip, on one line (the field gives way); in the
     narrowest cards, Copy goes under the field. The card's width decides, not the labels', so the
     skeleton's box holds the same rows. */
  .link-row {
    display: flex;
    gap: 0.5rem;
  }
  @container card (width < 14rem) {
    .link-row {
      flex-wrap: wrap;
    }
    .link-row > input {
      flex-basis: 100%;
    }
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
  /* A button as wide as its longer label: the other one (data-sizer) sits hidden in the same cell. */
  .sized {
    display: inline-grid;
  }
  .sized > span,
  .sized::after {
    grid-area: 1 / 1;
  }
  .sized::after {
    content: attr(data-sizer);
    visibility: hidden;
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

  /* Channels: a grid of equal cells, each a 44 px pill filling its cell; in a narrow card, 44 px
     icon-only squares. The rows depend only on the number of channels and the card's width, so the
     skeleton's empty pills hold the same rows as the buttons without laying out any text. */
  .channels {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .channels > li {
    display: flex;
    min-width: 0;
  }
  [part='channel'],
  .pill {
    position: relative;
    display: inline-flex;
    flex: 1;
    min-width: 0;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    font: inherit;
    font-size: 0.875rem;
    cursor: pointer;
    padding: 0 0.875rem;
    border: 1px solid var(--referral-share-border);
    border-radius: 999px;
    background: transparent;
    color: var(--referral-share-text);
    text-decoration: none;
    white-space: nowrap;
  }
  [part='channel']:hover,
  [part='channel'][aria-expanded='true'] {
    border-color: var(--referral-share-accent);
    color: var(--referral-share-accent);
  }
  /* The icon's box is here, its path with the card's extras: skeleton and buttons keep one size. */
  .icon {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
    margin-inline-end: 0.375rem;
  }
  .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* A narrow card: 44 px icon-only buttons, their names visually hidden but read out. */
  @container card (width < 26rem) {
    .with-icons {
      grid-template-columns: repeat(auto-fill, minmax(2.75rem, 1fr));
    }
    .with-icons > li {
      justify-content: center;
    }
    .with-icons > li > * {
      flex: none;
      width: 2.75rem;
      padding: 0;
      justify-content: center;
    }
    .with-icons .icon {
      margin: 0;
    }
    .with-icons > .skeleton {
      width: 2.75rem;
      justify-self: center;
    }
    .with-icons .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }

  .rewards-body {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }

  /* Seven stats: five counts, then two amounts, the longest numbers ("1,250.00 US$"). Every row is
     full, and an amount never has less room than a count:
     - two columns: the counts two a row, the last stat spanning both;
     - in the narrowest cards, the fifth count and each amount on a row of their own;
     - in a wide card (twelve columns): the counts four a row, then the fifth count and the amounts
       a third of the row each. */
  .stats-box {
    display: grid;
    gap: 0.5rem;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: var(--_stat-gap);
    align-items: stretch;
    margin: 0;
  }
  /* Tiles: a row is visibly full, the last stat's double tile included. */
  .stats div {
    display: grid;
    align-content: start;
    padding: 0.5rem var(--_stat-padding);
    border-radius: calc(var(--referral-share-radius) / 2);
    background: color-mix(in srgb, var(--referral-share-text) 6%, transparent);
  }
  .stats > div:last-child {
    grid-column: span 2;
  }
  @container card (width < 20rem) {
    .stats > div:nth-child(n + 5) {
      grid-column: span 2;
    }
  }
  @container card (width >= 26rem) {
    .stats {
      grid-template-columns: repeat(12, minmax(0, 1fr));
    }
    .stats > div {
      grid-column: span 3;
    }
    .stats > div:nth-child(n + 5) {
      grid-column: span 4;
    }
  }
  /* The labels and numbers inside the tiles: with the stats' view, in card-extras.ts. */

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
  /* As tall as the field and the button beside it. */
  .skeleton.field {
    height: var(--_control-height);
    border-radius: calc(var(--referral-share-radius) / 2);
  }
  @container card (width < 14rem) {
    .skeleton.field {
      height: calc(2 * var(--_control-height) + 0.5rem);
    }
  }
  .skeleton.pill {
    width: auto;
    height: auto;
    border-color: transparent;
    border-radius: 999px;
    cursor: default;
  }
  .skeleton.offer {
    height: var(--_offer-room);
  }
  /* The code's box: a line, its padding and border. */
  .skeleton.code-row {
    height: calc(1lh + 0.5rem + 2px);
    width: 12rem;
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
  /* A stat's tile (its padding and tint): its number's line and its label's two (dt's min-height). */
  .skeleton.tile {
    box-sizing: content-box;
    width: auto;
    height: calc(var(--_number-line) + 2 * var(--_label-line));
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
