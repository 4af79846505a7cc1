import { css } from 'lit';

/**
 * The popover's styles (`layout="button"`), adopted on its first opening: a page showing the card
 * inline never applies them. In the first load, not with the positioning code (`anchor.ts`, on
 * demand): the popover and the sheet are styled when that module does not arrive.
 */
export const popoverStyles = css`
  /* The popover carries the shadow and scrolls (only when the card is taller than the room
     Floating UI leaves it); the card inside it loses its border. */
  [part='popover'] {
    position: fixed;
    inset: 0 auto auto 0;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: var(--referral-share-radius);
    background: var(--referral-share-background);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.24), 0 2px 6px rgb(0 0 0 / 0.12);
    width: min(26rem, calc(100vw - 16px));
    max-height: calc(100dvh - 16px);
    overflow: auto;
    overscroll-behavior: contain;
    /* The theme's colours (Firefox draws a white classic scrollbar in a dark popover otherwise). */
    scrollbar-color: var(--referral-share-border) var(--referral-share-background);
  }
  [part='popover'] [part='card'] {
    border: 0;
  }
  /* A narrow screen: a sheet along the bottom. The controller decides (BOTTOM_SHEET in
     popover-controller.ts), not an @media rule here: WebKit can keep stale @media results in a
     shadow root created after the viewport changed. */
  [part='popover'].sheet {
    inset: auto 0 0;
    width: 100%;
    max-height: 85dvh;
    border-radius: var(--referral-share-radius) var(--referral-share-radius) 0 0;
    box-shadow: 0 -8px 32px rgb(0 0 0 / 0.28);
  }
  /* The sheet's Close button, at its top end, staying in view while the sheet scrolls (on a
     background of its own over what scrolls under it). */
  [part='close-button'] {
    position: sticky;
    top: var(--_pad);
    z-index: 1;
    display: block;
    min-height: 2.75rem;
    margin: var(--_pad) var(--_pad) 0 auto;
    margin-inline: auto var(--_pad);
    background: var(--referral-share-background);
    color: var(--referral-share-accent);
    border-color: var(--referral-share-border);
  }
  [part='popover']:focus-visible {
    outline-offset: -2px;
  }
`;
