import { css } from 'lit';

/** Hidden from sight, still read out: a live region, the name of an icon-only button. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;
