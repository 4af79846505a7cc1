import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { TIME_PERIODS, type MeResponse, type ShareLinkField, type TimePeriod } from '../types/api.js';
import { MeLoadError, fetchMe } from './me-client.js';
import { styles } from './referral-share.styles.js';
import { safeUrl } from './safe-url.js';

/** Labels of the channel links, in display order; `shareUrl` is the copy field instead. */
const CHANNEL_LABELS: Array<[Exclude<ShareLinkField, 'shareUrl'>, string]> = [
  ['emailShareUrl', 'Email'],
  ['smsShareUrl', 'SMS'],
  ['whatsAppShareUrl', 'WhatsApp'],
  ['facebookShareUrl', 'Facebook'],
  ['facebookMessengerShareUrl', 'Messenger'],
  ['twitterShareUrl', 'X'],
  ['linkedInShareUrl', 'LinkedIn'],
  ['telegramShareUrl', 'Telegram'],
  ['webShareUrl', 'Web'],
];

export interface ReferralShareCopyDetail {
  url: string;
}
export interface ReferralShareLoadDetail {
  data: MeResponse;
}
export interface ReferralShareErrorDetail {
  code: string;
  message: string;
  status: number;
}

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; data: MeResponse }
  | { status: 'error'; error: MeLoadError };

/**
 * @tagname referral-share
 * @summary Shows one Referral Rock member their share link, channel links and stats.
 *
 * @slot heading - Replaces the heading ("Share and earn").
 *
 * @event referral-share-load - The member's data arrived. `detail: { data }`.
 * @event referral-share-error - Loading failed. `detail: { code, message, status }`.
 * @event referral-share-copy - The member copied their link. `detail: { url }`.
 *
 * @csspart card - The outer card.
 * @csspart link - The read-only field holding the share URL.
 * @csspart copy-button - The Copy button.
 * @csspart channels - The list of channel links.
 * @csspart channel - One channel link.
 * @csspart stats - The stats list.
 * @csspart error - The error message and Retry button.
 *
 * @cssproperty --referral-share-accent - Buttons, links and focus rings.
 * @cssproperty --referral-share-accent-text - Text on accent buttons.
 * @cssproperty --referral-share-background - Card background.
 * @cssproperty --referral-share-text - Main text colour.
 * @cssproperty --referral-share-muted - Labels and secondary text.
 * @cssproperty --referral-share-border - Borders and skeletons.
 * @cssproperty --referral-share-radius - Corner radius of the card.
 * @cssproperty --referral-share-spacing - Space inside and between sections.
 * @cssproperty --referral-share-font - Font family.
 */
export class ReferralShareElement extends LitElement {
  static override styles = styles;

  /**
   * Registers the element under `tag` in `registry`; safe to call twice and where custom
   * elements do not exist (server rendering, Node).
   */
  static define(tag = 'referral-share', registry: CustomElementRegistry | undefined = globalThis.customElements): void {
    if (!registry || registry.get(tag)) return;
    // A class can be registered once per registry: another tag gets a subclass of its own.
    registry.define(tag, registry.getName?.(this) ? class extends this {} : this);
  }

  @query('input[part="link"]') private linkInput?: HTMLInputElement;

  @state() private load: LoadState = { status: 'idle' };
  @state() private copied = false;

  /** Base URL of the referral-share backend, e.g. `https://rewards.example.com`. */
  @property() endpoint = '';

  /** Member token (HS256 JWT) minted by the host site's backend. */
  @property() token = '';

  /** Stats period: `All`, `MonthToDate`, `LastMonth`, `Last7Days` or `Last30Days`. */
  @property({ attribute: 'time-period' }) timePeriod: TimePeriod = 'All';

  /** ISO 4217 currency of reward amounts. */
  @property() currency = 'USD';

  private abort?: AbortController;
  private copiedTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    performance.mark('referral-share:connected');
    // Reconnected after a move in the DOM: fetch again only if the last load did not finish.
    if (this.hasUpdated && this.load.status !== 'loaded') void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    clearTimeout(this.copiedTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('token') || changed.has('timePeriod')) void this.reload();
  }

  protected override updated(changed: PropertyValues): void {
    // `npm run bench` measures connection → links on screen with these two marks.
    if (changed.has('load') && this.load.status === 'loaded') performance.mark('referral-share:loaded');
  }

  /** Loads the member's data again (the Retry button does this). */
  async reload(): Promise<void> {
    this.abort?.abort();
    if (!this.endpoint || !this.token) {
      this.load = { status: 'idle' };
      return;
    }
    const abort = (this.abort = new AbortController());
    this.load = { status: 'loading' };
    const period = (TIME_PERIODS as readonly string[]).includes(this.timePeriod) ? this.timePeriod : 'All';
    try {
      const data = await fetchMe(this.endpoint, this.token, period, abort.signal);
      if (abort.signal.aborted) return;
      this.load = { status: 'loaded', data };
      this.emit<ReferralShareLoadDetail>('referral-share-load', { data });
    } catch (err) {
      if (abort.signal.aborted) return;
      const error = err instanceof MeLoadError ? err : new MeLoadError('unknown', 'Something went wrong.', 0);
      this.load = { status: 'error', error };
      this.emit<ReferralShareErrorDetail>('referral-share-error', { code: error.code, message: error.message, status: error.status });
    }
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private async copyLink(url: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      // The Clipboard API is refused on some pages (no permission, insecure context): fall back.
      this.linkInput?.select();
      ok = document.execCommand?.('copy') ?? false;
    }
    if (!ok) return;
    this.copied = true;
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = false), 2000);
    this.emit<ReferralShareCopyDetail>('referral-share-copy', { url });
  }

  private renderLoaded(data: MeResponse) {
    const shareUrl = safeUrl(data.links.shareUrl);
    const channels = CHANNEL_LABELS.map(([field, label]) => [safeUrl(data.links[field]), label] as const).filter(([url]) => url);
    const count = (n: number | undefined) => new Intl.NumberFormat(undefined).format(n ?? 0);
    const money = (n: number | undefined) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: this.currency }).format(n ?? 0);
    const stats: Array<[string, string]> = [
      ['Shares', count(data.stats.memberShares)],
      ['Views', count(data.stats.memberViews)],
      ['Referrals pending', count(data.stats.referralsPending)],
      ['Referrals qualified', count(data.stats.referralsQualified)],
      ['Referrals approved', count(data.stats.referralsApproved)],
      ['Rewards pending', money(data.stats.rewardsPendingAmount)],
      ['Rewards issued', money(data.stats.rewardsIssuedAmount)],
    ];
    return html`
      <slot name="heading"><h2>${data.member.name ? `Share and earn, ${data.member.name}` : 'Share and earn'}</h2></slot>
      ${shareUrl
        ? html`<div class="link-row">
              <input part="link" type="text" readonly .value=${shareUrl} aria-label="Your referral link" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <button part="copy-button" type="button" @click=${() => this.copyLink(shareUrl)}>${this.copied ? 'Copied' : 'Copy'}</button>
            </div>
            <div class="status" role="status" aria-live="polite">${this.copied ? 'Link copied to clipboard' : ''}</div>`
        : nothing}
      ${channels.length
        ? html`<ul part="channels" aria-label="Share on">
            ${channels.map(([url, label]) => html`<li><a part="channel" href=${url!} target="_blank" rel="noopener noreferrer">${label}</a></li>`)}
          </ul>`
        : nothing}
      <dl part="stats">
        ${stats.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
      </dl>
    `;
  }

  override render() {
    const load = this.load;
    return html`<section part="card" aria-busy=${load.status === 'loading' ? 'true' : 'false'}>
      ${load.status === 'loaded'
        ? this.renderLoaded(load.data)
        : load.status === 'error'
          ? html`<div part="error" role="alert">
              <p>${load.error.code === 'token_expired' ? 'Your session has expired. Reload the page to see your referral links.' : load.error.message}</p>
              <button type="button" @click=${() => this.reload()}>Retry</button>
            </div>`
          : html`<div class="skeleton short"></div>
              <div class="skeleton"></div>
              <span class="status">Loading your referral links…</span>`}
    </section>`;
  }
}
