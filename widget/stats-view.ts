import { html, nothing } from 'lit';
import { CARD_STAT_FIELDS as STATS } from '../shared/v1.js';
import type { MeResponse, TimePeriod } from '../types/v1.js';
import type { Formatters } from './format.js';
import type { LoadedStrings } from './i18n/en.js';

/**
 * English of the stats' view and of the nudge that replaces it, loaded with them (the card's
 * extras): the first paint's skeleton has no text.
 */
export const statsEn = {
  stats: 'Your stats',
  // The period's name over the stats when they are not "All time".
  periodMonthToDate: 'This month so far',
  periodLastMonth: 'Last month',
  periodLast7Days: 'Last 7 days',
  periodLast30Days: 'Last 30 days',
  memberShares: 'Shares',
  memberViews: 'Views',
  referralsPending: 'Referrals pending',
  referralsQualified: 'Referrals qualified',
  referralsApproved: 'Referrals approved',
  rewardsPendingAmount: 'Rewards pending',
  rewardsIssuedAmount: 'Rewards issued',
  nudgeFirstShare: 'Send your link to one friend to get started — it only takes a moment.',
};
type ViewStrings = LoadedStrings & typeof statsEn;

/** The name of each period but "All time" (which needs none). */
const PERIOD_LABELS: Record<Exclude<TimePeriod, 'All'>, keyof typeof statsEn> = {
  MonthToDate: 'periodMonthToDate',
  LastMonth: 'periodLastMonth',
  Last7Days: 'periodLast7Days',
  Last30Days: 'periodLast30Days',
};

/** The period's name, or undefined for "All time" (or a period this version does not know). */
const periodLabel = (period: TimePeriod | undefined, t: ViewStrings): string | undefined =>
  period && period !== 'All' && period in PERIOD_LABELS ? t[PERIOD_LABELS[period]] : undefined;

/** Nothing shared, viewed or referred yet (in the period shown). */
export const hasNoActivity = (stats: MeResponse['stats']): boolean =>
  !stats.memberShares && !stats.memberViews && !stats.referralsPending && !stats.referralsQualified && !stats.referralsApproved;

/** The nudge that replaces the stats for a member with no activity (`hasNoActivity`). */
export const firstShareNudge = (t: LoadedStrings) => html`<p part="nudge">${{ ...statsEn, ...t }.nudgeFirstShare}</p>`;

/** How many characters `value` shows: the bidi marks and isolates of `Intl` and format.ts take no room. */
const shownLength = (value: string): number => value.replace(/\p{Cf}/gu, '').length;

/** The stats' tiles before the details: boxes as tall as a number and a two-line label, without text (what a first frame pays most for). */
export const statsSkeleton = html`<div class="stats-box" aria-hidden="true">
  <div class="stats">${STATS.map(() => html`<div class="skeleton tile"></div>`)}</div>
</div>`;

/**
 * The member's numbers, each with its label, under the period's name when it is not "All time"
 * (with the card's extras: `card-extras.ts`). The grid (`stats-view.styles.ts`) fills every row
 * and never gives an amount less room than a count.
 */
export function statsView(loaded: LoadedStrings, values: { stats: MeResponse['stats']; format: Formatters; period?: TimePeriod }) {
  const t: ViewStrings = { ...statsEn, ...loaded };
  // A stat Referral Rock did not send is left out, never shown as 0 (the backend logs which).
  const shown = STATS.filter((field) => values.stats[field] !== undefined);
  const numbers = shown.map((field) => (field.endsWith('Amount') ? values.format.money : values.format.count)(values.stats[field]));
  const period = periodLabel(values.period, t);
  // `data-longest`: the numbers' size follows the longest one (`stats-view.later-styles.ts`), so all fit their tiles.
  return html`<div class="stats-box">
    ${period ? html`<p class="period">${period}</p>` : nothing}
    <dl
      part="stats"
      class="stats"
      aria-label=${period ? `${t.stats} · ${period}` : t.stats}
      data-longest=${Math.max(0, ...numbers.map(shownLength))}
    >
      ${shown.map((field, i) => html`<div><dt>${t[field]}</dt><dd>${numbers[i]}</dd></div>`)}
    </dl>
  </div>`;
}

/**
 * The stats of the member's data, or for a member with nothing yet (over all time) a nudge to share
 * rather than seven zeros.
 */
export function statsSection(t: LoadedStrings, data: MeResponse, format: Formatters) {
  if (hasNoActivity(data.stats) && data.timePeriod === 'All') return firstShareNudge(t);
  return statsView(t, { stats: data.stats, format, period: data.timePeriod });
}
