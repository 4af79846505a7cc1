import { css } from 'lit';

export const styles = css`
  :host {
    --referral-share-accent: #4338ca;
    --referral-share-accent-text: #ffffff;
    --referral-share-background: #ffffff;
    --referral-share-text: #1f2937;
    --referral-share-muted: #4b5563;
    --referral-share-border: #d1d5db;
    --referral-share-radius: 0.75rem;
    --referral-share-spacing: 1rem;
    --referral-share-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;

    display: block;
    box-sizing: border-box;
    max-width: 32rem;
    min-width: 0;
    font-family: var(--referral-share-font);
    color: var(--referral-share-text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [part='card'] {
    background: var(--referral-share-background);
    border: 1px solid var(--referral-share-border);
    border-radius: var(--referral-share-radius);
    padding: var(--referral-share-spacing);
    display: grid;
    gap: var(--referral-share-spacing);
  }
  h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  .link-row {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .link-row input {
    flex: 1 1 12rem;
    min-width: 0;
    font: inherit;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--referral-share-border);
    border-radius: calc(var(--referral-share-radius) / 2);
    color: inherit;
    background: transparent;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: 0.5rem 0.875rem;
    border: 0;
    border-radius: calc(var(--referral-share-radius) / 2);
    background: var(--referral-share-accent);
    color: var(--referral-share-accent-text);
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--referral-share-accent);
    outline-offset: 2px;
  }
  [part='channels'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='channel'] {
    display: inline-block;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--referral-share-border);
    border-radius: 999px;
    color: var(--referral-share-accent);
    text-decoration: none;
  }
  [part='stats'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  [part='stats'] div {
    display: flex;
    flex-direction: column-reverse;
  }
  dt {
    font-size: 0.8125rem;
    color: var(--referral-share-muted);
  }
  dd {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .status {
    min-height: 1.25rem;
    font-size: 0.875rem;
    color: var(--referral-share-muted);
  }
  .skeleton {
    height: 1rem;
    border-radius: 0.25rem;
    background: var(--referral-share-border);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .skeleton.short {
    width: 60%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  [part='error'] p {
    margin: 0 0 0.5rem;
  }
`;
