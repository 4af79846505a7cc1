import { css, html, nothing } from 'lit';
import { REWARD_STATUSES } from '../shared/v1.js';
import type { MemberReward, RewardStatus } from '../types/v1.js';
import { formatDate } from './date-format.js';
import { formatters, type Formatters } from './format.js';
import { fill, type LoadedStrings, type en } from './i18n/en.js';
import { numberStyles } from './number-styles.js';
import { statusBadge, statusBadgeStyles, type BadgeTone } from './status-badge.js';

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
  | { status: 'loading' | 'loaded' | 'error'; items: MemberReward[]; total: number; next: number | null; message?: string };

const TONE: Record<RewardStatus, BadgeTone> = { Pending: 'waiting', Processing: 'progress', Issued: 'done' };

const isKnown = (status: string): status is RewardStatus => (REWARD_STATUSES as readonly string[]).includes(status);

function when(reward: MemberReward, t: ViewStrings, locale: string): string {
  if (reward.issueDate) return fill(t.issuedOn, { date: formatDate(locale, reward.issueDate) });
  const eligible = reward.eligibilityDate ? Date.parse(reward.eligibilityDate) : NaN;
  return eligible > Date.now() ? fill(t.availableOn, { date: formatDate(locale, reward.eligibilityDate) }) : '';
}

const rewardItem = (reward: MemberReward, t: ViewStrings, f: Formatters) => {
  const status = reward.status;
  const known = isKnown(status);
  return html`<li part="reward">
    <span class="amount num">${f.money(reward.amount, reward.currencyCode)}</span>
    ${statusBadge('reward-status', known ? TONE[status] : 'waiting', known ? t[status] : status)}
    <span class="when">${when(reward, t, f.locale)}</span>
    ${reward.description ? html`<span class="description"><bdi>${reward.description}</bdi></span>` : nothing}
  </li>`;
};

/**
 * The inside of the rewards disclosure (loaded on demand, with the first page); amounts without a
 * currency of their own are in `numbers.currency`.
 */
export function rewardsBody(state: Exclude<RewardsState, { status: 'idle' }>, loaded: LoadedStrings, numbers: { locale: string; currency: string }, more: () => void) {
  const t: ViewStrings = { ...rewardsEn, ...loaded };
  const f = formatters(numbers.locale, numbers.currency);
  const { items } = state;
  return html`${items.length
      ? html`<ul class="rewards">${items.map((r) => rewardItem(r, t, f))}</ul>`
      : state.status === 'loaded'
        ? html`<p class="muted">${t.rewardsEmpty}</p>`
        : nothing}
    ${state.status === 'loading' ? html`<div class="skeleton"></div>` : nothing}
    ${state.status === 'error' ? html`<p role="alert">${state.message}</p>` : nothing}
    ${state.status === 'error' || (state.status === 'loaded' && state.next !== null)
      ? html`<button type="button" class="secondary" @click=${more}>${state.status === 'error' ? t.retry : t.showMore}</button>`
      : nothing}`;
}

/** Adopted by the element when this module loads; includes the badges' and numbers' styles. */
export const rewardsStyles = css`
  ${statusBadgeStyles}
  ${numberStyles}
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
  .when {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  .description {
    flex-basis: 100%;
    font-size: 0.875rem;
  }
`;
