import { html } from 'lit';
import type { MeResponse } from '../types/v1.js';
import type { Formatters } from './format.js';
import type { LoadedStrings } from './i18n/en.js';

/** The stats in the order shown: counts, then reward amounts (their names end in `Amount`). */
const STATS = ['memberShares', 'memberViews', 'referralsPending', 'referralsQualified', 'referralsApproved', 'rewardsPendingAmount', 'rewardsIssuedAmount'] as const;

/** The member's numbers, each with its label. */
export const statsView = (stats: MeResponse['stats'], t: LoadedStrings, f: Formatters) =>
  html`<dl part="stats" aria-label=${t.stats}>
    ${STATS.map((field) => html`<div><dt>${t[field]}</dt><dd>${(field.endsWith('Amount') ? f.money : f.count)(stats[field])}</dd></div>`)}
  </dl>`;
