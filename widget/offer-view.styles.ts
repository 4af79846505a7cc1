import { css } from 'lit';

/**
 * The offer's and the code's first-paint styles (in the element's styles): the room the offer (or
 * the intro) keeps whatever its length, and the skeleton boxes of the offer and the code's row.
 */
export const offerStyles = css`
  /* The offer's skeleton holds two lines of it: a shorter offer or intro keeps the room. */
  [part='offer'],
  [part='intro'] {
    min-height: var(--_offer-room);
  }
  .skeleton.offer {
    height: var(--_offer-room);
  }
  /* The code's box: a line, its padding and border. */
  .skeleton.code-row {
    height: calc(1lh + 0.5rem + 2px);
    width: 12rem;
  }
`;
