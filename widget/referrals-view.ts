/**
 * "Your friends": the friends the member referred, each with a status and a date. Loaded on demand
 * with the first page, when the member first opens its disclosure, like the rewards list.
 */
import { css, html, nothing } from 'lit';
import { REFERRAL_STATUSES } from '../shared/v1.js';
import type { MemberReferral, ReferralStatus } from '../types/v1.js';
import { formatDate } from './date-format.js';
import { fill, type LoadedStrings, type en } from './i18n/en.js';
import { statusBadge, statusBadgeStyles, type BadgeTone } from './status-badge.js';

/** English for this view (the other languages' catalogs have the same keys). */
export const referralsEn = {
  referralsEmpty: "No friends yet — share your link and they'll show up here.",
  referralPending: 'Pending',
  referralQualified: 'Qualified',
  referralApproved: 'Approved',
  referralDenied: 'Denied',
  referredOn: 'Joined {date}',
  // A friend whose name fields held only contact details (never shown): the backend sends no name.
  referralUnnamed: 'A friend',
  // The rewards list has the same key: each lazy view carries its English.
  showMore: 'Show more',
};

type ViewStrings = typeof en & typeof referralsEn;

export type ReferralsState =
  | { status: 'idle' }
  | { status: 'loading' | 'loaded' | 'error'; items: MemberReferral[]; total: number; next: number | null; message?: string };

const STATUS: Record<ReferralStatus, { label: keyof typeof referralsEn; tone: BadgeTone }> = {
  Pending: { label: 'referralPending', tone: 'waiting' },
  Qualified: { label: 'referralQualified', tone: 'progress' },
  Approved: { label: 'referralApproved', tone: 'done' },
  Denied: { label: 'referralDenied', tone: 'denied' },
};

const isKnown = (status: string): status is ReferralStatus => (REFERRAL_STATUSES as readonly string[]).includes(status);

function referralItem(referral: MemberReferral, t: ViewStrings, locale: string) {
  const status = isKnown(referral.status) ? STATUS[referral.status] : undefined;
  const date = formatDate(locale, referral.createDate);
  // The initial is decoration: the name beside it says the same. `<bdi>`: a Latin name in Arabic
  // text keeps its own direction ("Sam F.", not ".Sam F") and the row's alignment. The name keeps
  // one line (an ellipsis if it must): `title` shows the whole of a cut one to a pointer.
  const name = referral.name.trim();
  return html`<li part="referral" tabindex="-1">
    <span class="avatar" aria-hidden="true">${[...name][0]?.toUpperCase() ?? ''}</span>
    <span class="who">
      <span class="name" title=${name || t.referralUnnamed}><bdi>${name || t.referralUnnamed}</bdi></span>
      ${date ? html`<time class="when" datetime=${referral.createDate}>${fill(t.referredOn, { date })}</time>` : nothing}
    </span>
    ${statusBadge('referral-status', status?.tone ?? 'waiting', status ? t[status.label] : referral.status)}
  </li>`;
}

/**
 * The inside of the "Your friends" disclosure. `more` loads the next page (or retries after an
 * error). While a page loads, "Show more" stays where it is (focus with it) and says it is busy;
 * after the last page, {@link focusFirstNewReferral} gives focus to the first new friend.
 */
export function referralsBody(state: Exclude<ReferralsState, { status: 'idle' }>, loaded: LoadedStrings, f: { locale: string }, more: () => void) {
  const t: ViewStrings = { ...referralsEn, ...loaded };
  const { items } = state;
  const hasMore = state.next !== null;
  return html`${items.length
      ? html`<ul part="referrals" aria-label=${t.referrals}>${items.map((r) => referralItem(r, t, f.locale))}</ul>`
      : state.status === 'loaded'
        ? html`<p class="empty">${t.referralsEmpty}</p>`
        : nothing}
    ${state.status === 'loading' && !items.length ? html`<div class="skeleton"></div>` : nothing}
    ${state.status === 'error' ? html`<p role="alert">${state.message}</p>` : nothing}
    ${state.status === 'error' || hasMore
      ? html`<button type="button" class="secondary more" aria-disabled=${state.status === 'loading'} @click=${() => state.status !== 'loading' && more()}>
          ${state.status === 'error' ? t.retry : t.showMore}
        </button>`
      : nothing}`;
}

/**
 * Call after a page arrived that `more` asked for: if "Show more" is gone (the last page), focus
 * moves to the first friend the page added instead of falling to the page's body.
 */
export function focusFirstNewReferral(root: ParentNode, shownBefore: number): void {
  if (root.querySelector('.more')) return;
  root.querySelectorAll<HTMLElement>('[part="referral"]')[shownBefore]?.focus();
}

/** Adopted by the element when this module loads; includes the badges' styles. */
export const referralsStyles = css`
  ${statusBadgeStyles}
  [part='referrals'] {
    container: referrals / inline-size;
    display: flex;
    flex-direction: column;
    width: 100%;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* A narrow list (a phone): the initial, then the name, the badge under it, the date last; the
     name has the row's whole width. */
  [part='referral'] {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-areas: 'avatar name' 'avatar badge' 'avatar when';
    align-items: center;
    justify-items: start;
    gap: 0.125rem 0.75rem;
    padding-block: 0.5rem;
    border-bottom: 1px solid var(--referral-share-border);
  }
  /* A wide one: the badge beside the name and the date, at the row's end. */
  @container referrals (min-width: 20rem) {
    [part='referral'] {
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-areas: 'avatar name badge' 'avatar when badge';
    }
  }
  [part='referral']:focus-visible {
    outline-offset: -2px;
  }
  .avatar {
    grid-area: avatar;
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: var(--referral-share-accent);
    color: var(--referral-share-accent-text);
    font-weight: 600;
    font-size: 0.875rem;
  }
  /* Name and date are cells of the row's grid (the markup keeps them together for reading order). */
  .who {
    display: contents;
  }
  .name {
    grid-area: name;
    max-width: 100%;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .when {
    grid-area: when;
    color: var(--referral-share-muted);
    font-size: 0.8125rem;
  }
  [part='referral-status'] {
    grid-area: badge;
  }
  .empty {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  .more[aria-disabled='true'] {
    cursor: progress;
  }
`;
