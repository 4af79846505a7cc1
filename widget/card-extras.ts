/**
 * What the card adds once the link is on screen, loaded on demand in the task after it: the channel
 * icons and the styles of the parts that render from then on (icons and the narrow icon grid, the
 * offer and code, the nudge, the period label, numbers that never break and fit their stats'
 * tiles). Kept out of the first frame's stylesheet: styling the first frame is on the link's path.
 */
import { css } from 'lit';
import { numberStyles, statNumberStyles } from './number-styles.js';

export { channelIcon } from './channel-icons.js';

const channelIconStyles = css`
  /* The element paints QR modules with \`svg path\`; icons take the text colour instead. */
  .icon path {
    fill: currentColor;
  }
`;

const offerStyles = css`
  [part='offer'] {
    font-size: 1rem;
    font-weight: 600;
    color: var(--referral-share-accent);
  }
  [part='code'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .code-label,
  [part='nudge'],
  .period {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  .code {
    padding: 0.25rem 0.625rem;
    border: 1px dashed var(--referral-share-border);
    border-radius: 0.375rem;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-weight: 600;
    letter-spacing: 0.05em;
    white-space: nowrap;
    user-select: all;
  }
  [part='code-copy'] {
    padding-block: 0.25rem;
    font-size: 0.875rem;
  }
  [part='nudge'] {
    padding: 0.75rem;
    border-radius: calc(var(--referral-share-radius) / 2);
    background: color-mix(in srgb, var(--referral-share-accent) 8%, transparent);
    color: var(--referral-share-text);
  }
`;

/**
 * A stat's tile is one column no wider than itself: a label's long word ("Empfehlungen" in a
 * phone's tile) breaks, hyphenated where the browser can, rather than push out of the tile.
 */
const statLabelStyles = css`
  .stats > div {
    grid-template-columns: minmax(0, 1fr);
  }
  .stats dt {
    overflow-wrap: break-word;
  }
`;

/** Adopted after the element's own styles once this module has loaded. */
export const cardExtrasStyles = [channelIconStyles, offerStyles, numberStyles, statNumberStyles, statLabelStyles];
