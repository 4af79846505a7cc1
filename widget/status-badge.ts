/**
 * Status badges for the rewards and referrals lists: a word on a tinted pill with a dot, each status
 * its own colour — the word carries the meaning, the colour only helps scanning. Each text/background
 * pair passes WCAG AA (4.5:1) in both themes; the test measures them.
 */
import { css, html } from 'lit';

/** A colour family; several statuses may share one (Issued and Approved are both done). */
export type BadgeTone = 'waiting' | 'progress' | 'done' | 'denied';

/** The badge: `label` as text, in the colours of `tone`. */
export const statusBadge = (part: string, tone: BadgeTone, label: string) =>
  html`<span part=${part} class="badge" data-tone=${tone}>${label}</span>`;

/**
 * Each pair as `light-dark()`: the element's `color-scheme` (its `theme`) picks the dark pair, as it
 * does for the element's own colours.
 */
export const statusBadgeStyles = css`
  :host {
    --_waiting-fg: light-dark(#854d0e, #fcd34d);
    --_waiting-bg: light-dark(#fef9c3, #422006);
    --_progress-fg: light-dark(#1e40af, #93c5fd);
    --_progress-bg: light-dark(#dbeafe, #172554);
    --_done-fg: light-dark(#166534, #86efac);
    --_done-bg: light-dark(#dcfce7, #052e16);
    --_denied-fg: light-dark(#991b1b, #fca5a5);
    --_denied-bg: light-dark(#fee2e2, #450a0a);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3125rem;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 500;
    line-height: 1.4;
    white-space: nowrap;
    color: var(--_fg);
    background: var(--_bg);
  }
  .badge::before {
    content: '';
    width: 0.4375rem;
    height: 0.4375rem;
    border-radius: 50%;
    background: currentColor;
  }
  [data-tone='waiting'] {
    --_fg: var(--_waiting-fg);
    --_bg: var(--_waiting-bg);
  }
  [data-tone='progress'] {
    --_fg: var(--_progress-fg);
    --_bg: var(--_progress-bg);
  }
  [data-tone='done'] {
    --_fg: var(--_done-fg);
    --_bg: var(--_done-bg);
  }
  [data-tone='denied'] {
    --_fg: var(--_denied-fg);
    --_bg: var(--_denied-bg);
  }
  /* A hollow dot for statuses still waiting: a second cue besides colour. */
  [data-tone='waiting']::before {
    background: transparent;
    box-shadow: inset 0 0 0 1.5px currentColor;
  }
`;
