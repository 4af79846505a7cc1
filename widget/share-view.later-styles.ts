import { css } from 'lit';

/** Adopted with the card's extras, with the icons. */
export const shareLaterStyles = css`
  /* Icons take the text colour. */
  .icon path {
    fill: currentColor;
  }
`;
