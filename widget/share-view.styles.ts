import { css } from 'lit';

/**
 * The link row's and the channels' first-paint styles (in the element's styles): the link row, the
 * field, Copy and its tooltip, the channels' grid of pills (icon-only squares in a narrow card), and
 * their skeleton boxes.
 */
export const shareStyles = css`
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
`;
