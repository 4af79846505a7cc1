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

/** Light pairs by default; the dark theme's pairs under `theme="dark"` or `auto` in a dark system. */
const darkTones = css`
  --_waiting-fg: #fcd34d;
  --_waiting-bg: #422006;
  --_progress-fg: #93c5fd;
  --_progress-bg: #172554;
  --_done-fg: #86efac;
  --_done-bg: #052e16;
  --_denied-fg: #fca5a5;
  --_denied-bg: #450a0a;
`;

export const statusBadgeStyles = css`
  :host {
    --_waiting-fg: #854d0e;
    --_waiting-bg: #fef9c3;
    --_progress-fg: #1e40af;
    --_progress-bg: #dbeafe;
    --_done-fg: #166534;
    --_done-bg: #dcfce7;
    --_denied-fg: #991b1b;
    --_denied-bg: #fee2e2;
  }
  :host([theme='dark']) {
    ${darkTones}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTones}
    }
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
