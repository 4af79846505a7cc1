import { css } from 'lit';

/** Adopted with the card's extras, when the offer line and the code render. */
export const offerLaterStyles = css`
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
  .code-label {
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
`;
