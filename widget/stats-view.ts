import { html, nothing } from 'lit';
import type { MeResponse } from '../types/v1.js';
import type { Formatters } from './format.js';
import type { LoadedStrings } from './i18n/en.js';

/** The stats in the order shown: counts, then reward amounts (their names end in `Amount`). */
const STATS = ['memberShares', 'memberViews', 'referralsPending', 'referralsQualified', 'referralsApproved', 'rewardsPendingAmount', 'rewardsIssuedAmount'] as const;

/**
 * The member's numbers, each with its label. Without `values` (loading, or the task before the
 * numbers are formatted) each number is a skeleton of its size, and the list is not yet
 * `part="stats"`.
 */
export function statsView(t: LoadedStrings, values?: { stats: MeResponse['stats']; format: Formatters }) {
  const number = (field: (typeof STATS)[number]) =>
    values ? (field.endsWith('Amount') ? values.format.money : values.format.count)(values.stats[field]) : html`<span class="skeleton number"></span>`;
  return html`<dl part=${values ? 'stats' : nothing} class="stats" aria-label=${t.stats}>
    ${STATS.map((field) => html`<div><dt>${t[field]}</dt><dd>${number(field)}</dd></div>`)}
  </dl>`;
}
