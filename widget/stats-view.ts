import { html } from 'lit';
import type { MeResponse } from '../types/api.js';
import type { Formatters } from './format.js';
import type { LoadedStrings } from './i18n/en.js';

const COUNTS = ['memberShares', 'memberViews', 'referralsPending', 'referralsQualified', 'referralsApproved'] as const;
const AMOUNTS = ['rewardsPendingAmount', 'rewardsIssuedAmount'] as const;

/** The member's numbers, each with its label. */
export const statsView = (stats: MeResponse['stats'], t: LoadedStrings, f: Formatters) =>
  html`<dl part="stats" aria-label=${t.stats}>
    ${COUNTS.map((field) => html`<div><dt>${t[field]}</dt><dd>${f.count(stats[field])}</dd></div>`)}
    ${AMOUNTS.map((field) => html`<div><dt>${t[field]}</dt><dd>${f.money(stats[field])}</dd></div>`)}
  </dl>`;
