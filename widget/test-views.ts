/**
 * Test support: `<test-views>` composes the card's view modules the way the element does (a card with the
 * offer, channel buttons, the rewards and friends disclosures), so the tests and screenshots see
 * them together under the element's own styles. Not part of the package.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { MeResponse, MemberReward, MemberReferral } from '../types/v1.js';
import { cardExtrasStyles } from './card-extras.js';
import { channelButtons } from './channel-buttons.js';
import { channelIcon } from './channel-icons.js';
import type { Channel } from './channels.js';
import { formatters } from './format.js';
import { en, type LoadedStrings } from './i18n/en.js';
import { isRtl, resolveLocale } from './i18n/locale.js';
import { fetchReferrals } from './me-client.js';
import { offerLine } from './offer-line.js';
import { codeView } from './offer-view.js';
import { styles } from './referral-share.styles.js';
import { focusFirstNewReferral, referralsBody, referralsStyles, type ReferralsState } from './referrals-view.js';
import { rewardsBody, rewardsStyles, type RewardsState } from './rewards-view.js';
import { firstShareNudge, hasNoActivity, statsView } from './stats-view.js';
import { showStates } from './custom-states.js';
import { errorMessage } from './error-messages.js';
import { MeLoadError } from './me-client.js';

export const REFERRALS_PAGE = 5;

export class TestViews extends LitElement {
  static override styles = [styles, ...cardExtrasStyles, rewardsStyles, referralsStyles];
  static override properties = {
    referrals: { state: true },
    rewards: { attribute: false },
    me: { attribute: false },
    channels: { attribute: false },
    catalog: { attribute: false },
    icons: { type: Boolean },
    theme: {},
  };

  referrals: ReferralsState = { status: 'idle' };
  rewards?: RewardsState;
  me?: MeResponse;
  channels: Array<{ channel: Channel; url?: string }> = [];
  catalog: LoadedStrings = en;
  icons = true;
  theme: 'light' | 'dark' | 'auto' = 'light';
  readonly #internals = this.attachInternals();
  /** The shared `referral-share-error` detail of the last failure. */
  lastError?: { code: string; message: string; status: number };
  shared: string[] = [];
  qrOpen = false;

  private get locale() {
    return resolveLocale(this.lang || 'en');
  }

  private async loadReferrals(): Promise<void> {
    const { items, total, next } = this.referrals.status === 'idle' ? { items: [] as MemberReferral[], total: 0, next: 0 } : this.referrals;
    const askedForMore = items.length > 0;
    const offset = next ?? items.length;
    this.referrals = { status: 'loading', items, total, next };
    try {
      const page = await fetchReferrals('https://api.example', 'tok', offset, REFERRALS_PAGE);
      const after = offset + page.referrals.length;
      this.referrals = { status: 'loaded', items: [...items, ...page.referrals], total: page.total, next: page.nextOffset !== undefined ? page.nextOffset : after < page.total ? after : null };
      await this.updateComplete;
      if (askedForMore) focusFirstNewReferral(this.renderRoot, items.length);
    } catch (err) {
      const error = err instanceof MeLoadError ? err : new MeLoadError('unknown', '', 0);
      this.lastError = { code: error.code, message: error.message, status: error.status };
      this.referrals = { status: 'error', items, total, next, message: errorMessage(error.code, this.catalog) };
    }
  }

  #offer(me: MeResponse, t: LoadedStrings, f: ReturnType<typeof formatters>) {
    const line = offerLine(me.offer, t, f);
    return line ? html`<p part="offer">${line}</p>` : nothing;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) showStates(this.#internals, [this.theme]);
  }

  override render() {
    const t = this.catalog;
    const f = formatters(this.locale, 'USD');
    const me = this.me;
    return html`<div part="base" dir=${isRtl(this.locale) ? 'rtl' : 'ltr'} lang=${this.locale}>
      <section part="card">
        ${me ? html`<h2 part="heading">${t.heading}</h2>${this.#offer(me, t, f)}${codeView(me.member, t)}` : nothing}
        ${me && hasNoActivity(me.stats) ? firstShareNudge(t) : nothing}
        ${channelButtons({ channels: this.channels, qrOpen: this.qrOpen, icon: this.icons ? channelIcon : undefined }, t, {
          shared: (channel) => this.shared.push(channel),
          nativeShare: () => this.shared.push('native'),
          toggleQr: () => {
            this.qrOpen = !this.qrOpen;
            this.requestUpdate();
          },
        })}
        ${me ? statsView(t, { stats: me.stats, format: f }) : nothing}
        ${this.rewards && this.rewards.status !== 'idle'
          ? html`<details part="rewards" open><summary>${t.rewards}</summary><div class="rewards-body">${rewardsBody(this.rewards, t, { locale: this.locale, currency: 'USD' }, () => {})}</div></details>`
          : nothing}
        <details part="friends" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.referrals.status === 'idle' && this.loadReferrals()}>
          <summary>${t.referrals}</summary>
          <div class="rewards-body" aria-busy=${this.referrals.status === 'loading'}>
            ${this.referrals.status === 'idle' ? html`<div class="skeleton"></div>` : referralsBody(this.referrals, t, f, () => this.loadReferrals())}
          </div>
        </details>
      </section>
    </div>`;
  }
}

if (!customElements.get('test-views')) customElements.define('test-views', TestViews);

/** Friends in every status, one name that looks like markup. */
export const FRIENDS: MemberReferral[] = [
  { name: 'Sam F.', status: 'Approved', createDate: '2024-02-20T10:00:00Z', qualifiedDate: '2024-02-25T10:00:00Z', approvedDate: '2024-03-02T12:00:00Z' },
  { name: 'Priya K.', status: 'Qualified', createDate: '2024-03-05T10:00:00Z', qualifiedDate: '2024-03-09T12:00:00Z' },
  { name: 'Jordan L.', status: 'Pending', createDate: '2024-03-11T12:00:00Z' },
  { name: '<img src=x onerror=alert(1)>', status: 'Denied', createDate: '2024-03-12T12:00:00Z' },
];

/** Rewards with descriptions, in every status. */
export const REWARDS_WITH_DESCRIPTIONS: MemberReward[] = [
  { id: 'a', amount: 25, status: 'Pending', currencyCode: 'USD', createDate: '2024-03-12T00:00:00Z', issueDate: null, eligibilityDate: '2099-01-15T12:00:00Z', description: 'Gift card for referring Jordan L.' },
  { id: 'b', amount: 10, status: 'Processing', currencyCode: 'USD', createDate: '2024-03-09T00:00:00Z', issueDate: null, eligibilityDate: null, description: '<b>Bonus</b> for Priya K.' },
  { id: 'c', amount: 1250, status: 'Issued', currencyCode: 'USD', createDate: '2024-03-01T00:00:00Z', issueDate: '2024-03-02T12:00:00Z', eligibilityDate: null, description: null },
];

/** Answers `/v1/me/referrals` with pages of `friends`. */
export const referralsBackend = (friends: MemberReferral[]) => (url: string) => {
  const parsed = new URL(url);
  const offset = Number(parsed.searchParams.get('offset'));
  const count = Number(parsed.searchParams.get('count'));
  return Response.json({ referrals: friends.slice(offset, offset + count), offset, total: friends.length });
};
