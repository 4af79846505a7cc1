import { css } from 'lit';

/**
 * `data-longest` (stats-view.ts) as a number CSS can compute with (`attr()` gives only strings
 * outside the newest Chromium), written out: the lazy modules' Lit has no `unsafeCSS` to generate
 * them. 16 characters or more count as 16.
 */
const longestRules = css`
  [part='stats'] {
    --_longest: 16;
  }
  [part='stats'][data-longest='1'] {
    --_longest: 1;
  }
  [part='stats'][data-longest='2'] {
    --_longest: 2;
  }
  [part='stats'][data-longest='3'] {
    --_longest: 3;
  }
  [part='stats'][data-longest='4'] {
    --_longest: 4;
  }
  [part='stats'][data-longest='5'] {
    --_longest: 5;
  }
  [part='stats'][data-longest='6'] {
    --_longest: 6;
  }
  [part='stats'][data-longest='7'] {
    --_longest: 7;
  }
  [part='stats'][data-longest='8'] {
    --_longest: 8;
  }
  [part='stats'][data-longest='9'] {
    --_longest: 9;
  }
  [part='stats'][data-longest='10'] {
    --_longest: 10;
  }
  [part='stats'][data-longest='11'] {
    --_longest: 11;
  }
  [part='stats'][data-longest='12'] {
    --_longest: 12;
  }
  [part='stats'][data-longest='13'] {
    --_longest: 13;
  }
  [part='stats'][data-longest='14'] {
    --_longest: 14;
  }
  [part='stats'][data-longest='15'] {
    --_longest: 15;
  }
`;

/**
 * Each stat's number fits its tile: every number takes the size at which the grid's longest one
 * would fit a count's tile (a character is at most about 0.66em wide, digits and currency symbols
 * alike), between 0.75rem and the element's number size. One size for the whole grid, so the
 * numbers match; an amount's tile is never narrower than a count's (the element's grid), so at
 * 0.75rem the longest amount still fits. A count's tile, from the card's width (`cqi`, the card is
 * the size container): half the card in two columns, a quarter in a wide card (the element's 26rem
 * breakpoint: a container query takes no variable), less the grid's gaps and the tiles' padding.
 * The line keeps the skeleton's height (`dd` in `statTextStyles`: a line of the number size, in whole
 * pixels), so a tile does not shrink when its number arrives.
 */
const statNumberStyles = css`
  ${longestRules}
  [part='stats'] {
    --_column: ((100cqi - var(--_stat-gap)) / 2 - 2 * var(--_stat-padding));
  }
  @container card (width >= 26rem) {
    [part='stats'] {
      --_column: ((100cqi - 3 * var(--_stat-gap)) / 4 - 2 * var(--_stat-padding));
    }
  }
  [part='stats'] dd {
    font-size: clamp(0.75rem, var(--_column) / (var(--_longest) * 0.66), var(--_number-size));
  }
`;

/**
 * A stat's tile is one column no wider than itself: a label's long word ("Empfehlungen" in a
 * phone's tile) breaks, hyphenated where the browser can, rather than push out of the tile. Labels
 * break between words only (the card breaks anywhere, for URLs) and take two lines however short:
 * the skeleton's tiles (without text) hold them. Their lines are whole pixels (the element's
 * `--_label-line` and `--_number-line`), as WebKit draws them, so the skeleton's tiles match in every
 * engine. The number comes first (a `dl` wants the `dt` first in the markup).
 */
const statTextStyles = css`
  .stats > div {
    grid-template-columns: minmax(0, 1fr);
  }
  dt {
    line-height: var(--_label-line);
    min-height: calc(2 * var(--_label-line));
    color: var(--referral-share-muted);
    font-size: var(--_label-size);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  dd {
    order: -1;
    margin: 0;
    font-size: var(--_number-size);
    line-height: var(--_number-line);
    font-weight: 600;
  }
`;

/** The nudge (a member with no activity yet) and the period's name. */
const nudgeStyles = css`
  [part='nudge'],
  .period {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  [part='nudge'] {
    padding: 0.75rem;
    border-radius: calc(var(--referral-share-radius) / 2);
    background: color-mix(in srgb, var(--referral-share-accent) 8%, transparent);
    color: var(--referral-share-text);
  }
`;

/** Adopted with the card's extras, when the numbers (or the nudge) render. */
export const statsLaterStyles = [nudgeStyles, statNumberStyles, statTextStyles];
