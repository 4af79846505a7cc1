import { css } from 'lit';

/**
 * The stats' first-paint styles (in the element's styles): the grid of tiles and the skeleton's
 * tiles. Each stat's tile fills its row's height, its content at the top, its number first (in
 * `statsLaterStyles`), so the numbers of a row line up however many lines their labels take.
 *
 * Seven stats: five counts, then two amounts, the longest numbers ("1,250.00 US$"). Every row is
 * full, and an amount never has less room than a count:
 * - two columns: the counts two a row, the last stat spanning both;
 * - in the narrowest cards, the fifth count and each amount on a row of their own;
 * - in a wide card (twelve columns): the counts four a row, then the fifth count and the amounts
 *   a third of the row each.
 */
export const statsStyles = css`
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
  /* A stat's tile (its padding and tint): its number's line and its label's two (dt's min-height). */
  .skeleton.tile {
    box-sizing: content-box;
    width: auto;
    height: calc(var(--_number-line) + 2 * var(--_label-line));
  }
`;
