import { css, html, nothing } from 'lit';
import { REWARD_STATUSES, type MemberReward } from '../types/v1.js';
import type { Formatters } from './format.js';
import { fill, type LoadedStrings, type en } from './i18n/en.js';

/** English for this view (the other languages' catalogs have the same keys). */
export const rewardsEn = {
  rewardsEmpty: 'No rewards yet. Share your link: when a friend joins, your reward shows up here.',
  Pending: 'Pending',
  Processing: 'Processing',
  Issued: 'Issued',
  availableOn: 'Available on {date}',
  issuedOn: 'Issued on {date}',
  showMore: 'Show more',
};

type ViewStrings = typeof en & typeof rewardsEn;

export type RewardsState =
  | { status: 'idle' }
  | { status: 'loading' | 'loaded' | 'error'; items: MemberReward[]; total: number; message?: string };


/**
 * Formats dates the way `locale` writes them ("Mar 2, 2024"); an unreadable date gives ''. Here
 * rather than in `format.ts`: only this lazy view shows dates, so the main bundle goes without.
 */
function dateFormatter(locale: string): (iso: string) => string {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (iso) => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? '' : dates.format(time);
  };
}

function when(reward: MemberReward, t: ViewStrings, date: (iso: string) => string): string {
  if (reward.issueDate) return fill(t.issuedOn, { date: date(reward.issueDate) });
  const eligible = reward.eligibilityDate ? Date.parse(reward.eligibilityDate) : NaN;
  return eligible > Date.now() ? fill(t.availableOn, { date: date(reward.eligibilityDate!) }) : '';
}

const statusLabel = (status: string, t: ViewStrings) => ((REWARD_STATUSES as readonly string[]).includes(status) ? t[status as keyof typeof rewardsEn] : status);

const rewardItem = (reward: MemberReward, t: ViewStrings, f: Formatters, date: (iso: string) => string) =>
  html`<li part="reward">
    <span class="amount">${f.money(reward.amount, reward.currencyCode)}</span>
    <span part="reward-status" class=${`badge ${reward.status.toLowerCase()}`}>${statusLabel(reward.status, t)}</span>
    <span class="when">${when(reward, t, date)}</span>
  </li>`;

/** The inside of the rewards disclosure (loaded on demand, with the first page). */
export function rewardsBody(state: Exclude<RewardsState, { status: 'idle' }>, loaded: LoadedStrings, f: Formatters, more: () => void) {
  const t: ViewStrings = { ...rewardsEn, ...loaded };
  const { items } = state;
  const date = dateFormatter(f.locale);
  return html`${items.length
      ? html`<ul class="rewards">${items.map((r) => rewardItem(r, t, f, date))}</ul>`
      : state.status === 'loaded'
        ? html`<p class="muted">${t.rewardsEmpty}</p>`
        : nothing}
    ${state.status === 'loading' ? html`<div class="skeleton"></div>` : nothing}
    ${state.status === 'error' ? html`<p role="alert">${state.message}</p>` : nothing}
    ${state.status === 'error' || (state.status === 'loaded' && items.length < state.total)
      ? html`<button type="button" class="secondary" @click=${more}>${state.status === 'error' ? t.retry : t.showMore}</button>`
      : nothing}`;
}

/** Adopted by the element when this module loads. */
export const rewardsStyles = css`
  .rewards {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    width: 100%;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part=reward] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding-block: 0.375rem;
    border-bottom: 1px solid var(--referral-share-border);
  }
  .amount {
    font-weight: 600;
  }
  [part=reward-status] {
    font-size: 0.8125rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  .when {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
`;
