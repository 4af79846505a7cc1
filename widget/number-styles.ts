import { css } from 'lit';

/**
 * Numbers and amounts never break across lines, in any language: the card breaks long words
 * anywhere (`overflow-wrap: anywhere`, for URLs), which would split "US$ 25.00" or "1,234". Numbers
 * the views render carry `class="num"`; the stats' values are matched where they are. `unicode-bidi:
 * isolate` keeps an amount's symbol beside its digits in right-to-left text.
 */
export const numberStyles = css`
  .num,
  [part='stats'] dd {
    white-space: nowrap;
    unicode-bidi: isolate;
  }
`;
