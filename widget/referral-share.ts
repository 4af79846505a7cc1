import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { TIME_PERIODS, type MeResponse, type TimePeriod } from '../types/v1.js';
import { anchor } from './anchor.js';
import { availableChannels, parseList, shareText, type Channel, type LinkChannel } from './channels.js';
import type { ReferralShareCopyDetail, ReferralShareErrorDetail, ReferralShareLoadDetail, ReferralShareShareDetail } from './events.js';
import { formatters } from './format.js';
import { en, fill, type LoadedStrings, type Strings } from './i18n/en.js';
import { isRtl, resolveLocale, type Locale } from './i18n/locale.js';
import { loadCatalog, loadQrEncoder, loadRewardsView, type QrEncoder, type RewardsView } from './lazy.js';
import { MeLoadError, fetchMe, fetchRewards } from './me-client.js';
import type { QrCode } from './qr-encoder.js';
import { styles } from './referral-share.styles.js';
import { safeUrl } from './safe-url.js';
import type { RewardsState } from './rewards-view.js';
import { copyText, shareView } from './share-view.js';
import { statsView } from './stats-view.js';

export type * from './events.js';

type LoadState = { status: 'idle' | 'loading' } | { status: 'loaded'; data: MeResponse } | { status: 'error'; error: MeLoadError };

const SECTIONS = ['stats', 'rewards', 'qr'] as const;
const REWARDS_PAGE = 5;

/**
 * @tagname referral-share
 * @summary Shows one Referral Rock member their share link, every share channel, a QR code, their
 * stats and rewards — inline, or in a popover behind one button.
 *
 * @slot heading - Replaces the heading ("Share and earn, {name}").
 * @slot intro - Replaces the intro sentence under the heading.
 *
 * @event referral-share-load - The member's data arrived. `detail: { data }`.
 * @event referral-share-error - A load failed. `detail: { code, message, status }`.
 * @event referral-share-copy - The member copied their link. `detail: { url }`.
 * @event referral-share-share - The member chose a channel. `detail: { channel, url }`.
 *
 * @csspart base - The wrapper carrying `dir` and `lang`.
 * @csspart open-button - The "Share & earn" button (`layout="button"`).
 * @csspart popover - The popover holding the card (`layout="button"`).
 * @csspart card - The card.
 * @csspart heading - The default heading.
 * @csspart intro - The default intro.
 * @csspart link - The read-only field holding the share URL.
 * @csspart copy-button - The Copy button.
 * @csspart tooltip - The "Link copied" tooltip.
 * @csspart channels - The list of channels.
 * @csspart channel - One channel (link or button; `data-channel` names it).
 * @csspart qr - The QR code panel.
 * @csspart stats - The stats list.
 * @csspart rewards - The rewards disclosure.
 * @csspart reward - One reward.
 * @csspart reward-status - Its status badge.
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
 * @cssproperty --referral-share-density - Multiplies the padding of controls (0.75 compact, 1, 1.25 roomy).
 * @cssproperty --referral-share-font - Font family.
 */
export class ReferralShareElement extends LitElement {
  static override styles = styles;
  static override properties = {
    load: { state: true },
    rewards: { state: true },
    copied: { state: true },
    open: { state: true },
    qrOpen: { state: true },
    qr: { state: true },
    rewardsView: { state: true },
    catalog: { state: true },
    endpoint: {},
    token: {},
    tokenProvider: { attribute: false },
    timePeriod: { attribute: 'time-period' },
    currency: {},
    layout: { reflect: true },
    theme: { reflect: true },
    channels: {},
    hide: {},
    message: {},
    lang: {},
    strings: { attribute: false },
  };

  /**
   * Registers the element under `tag` in `registry`; safe to call twice and where custom
   * elements do not exist (server rendering, Node).
   */
  static define(tag = 'referral-share', registry: CustomElementRegistry | undefined = globalThis.customElements): void {
    if (!registry || registry.get(tag)) return;
    // A class can be registered once per registry: another tag gets a subclass of its own.
    registry.define(tag, registry.getName?.(this) ? class extends this {} : this);
  }

  private load: LoadState = { status: 'idle' };
  private rewards: RewardsState = { status: 'idle' };
  private copied = false;
  private open = false;
  private qrOpen = false;
  private qr?: QrCode & { url: string; encoder: QrEncoder };
  private rewardsView?: RewardsView;
  private catalog: { locale: Locale; strings: LoadedStrings } = { locale: 'en', strings: en };

  /** Base URL of the referral-share backend, e.g. `https://rewards.example.com`. */
  endpoint = '';
  /** Member token (HS256 JWT) minted by the host site's backend. */
  token = '';
  /** Async function returning a fresh member token: used when `token` is empty, and once after a 401. */
  tokenProvider?: () => Promise<string>;
  /** Stats period: `All`, `MonthToDate`, `LastMonth`, `Last7Days` or `Last30Days`. */
  timePeriod: TimePeriod = 'All';
  /** ISO 4217 currency of the stats' reward amounts (rewards carry their own). */
  currency = 'USD';
  /** `inline`: the card in the page; `button`: one button opening the card in a popover. */
  layout: 'inline' | 'button' = 'inline';
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto' = 'light';
  /** Channels to show, in order (space- or comma-separated); default all available. */
  channels = '';
  /** Sections to leave out: `stats`, `rewards`, `qr`. */
  hide = '';
  /** Share text for email, SMS and social; `{url}` marks where the link goes (else appended). */
  message = '';
  /** Language (BCP 47); falls back to the page's `lang`, and follows it when `<html lang>` changes. */
  override lang = '';
  /** Overrides any built-in text, e.g. `{ copy: 'Copy link' }`. */
  strings: Partial<Strings> = {};

  private abort?: AbortController;
  private activeToken = '';
  private wantedLocale: Locale = 'en';
  private copiedTimer?: ReturnType<typeof setTimeout>;
  private stopPopover?: () => void;
  private stopTooltip?: () => void;
  /** Watches the page's `lang` while connected: a single-page app may change it at any time. */
  private pageLangObserver?: MutationObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    performance.mark('referral-share:connected');
    // The language of the page as it is now (this may be a move to another part of it), then live.
    void this.useLocale();
    (this.pageLangObserver ??= new MutationObserver(() => this.useLocale())).observe(document.documentElement, { attributeFilter: ['lang'] });
    // Reconnected after a move in the DOM: fetch again only if the last load did not finish.
    if (this.hasUpdated && this.load.status !== 'loaded') void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageLangObserver?.disconnect();
    this.abort?.abort();
    clearTimeout(this.copiedTimer);
    this.close(false);
    this.stopTooltip?.();
    this.stopTooltip = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('token') || changed.has('timePeriod') || (changed.has('tokenProvider') && !this.token)) void this.reload();
    if (changed.has('lang')) void this.useLocale();
    if (this.layout !== 'button') this.close(false); // a no-op unless the popover is open
  }

  protected override updated(changed: PropertyValues): void {
    // `npm run bench` measures connection → links on screen with these two marks.
    if (changed.has('load') && this.load.status === 'loaded') performance.mark('referral-share:loaded');
    // The tooltip exists while `copied`; anchor each new one to the Copy button.
    const tooltip = this.renderRoot.querySelector<HTMLElement>('[part="tooltip"]');
    const copyButton = this.renderRoot.querySelector('[part="copy-button"]');
    this.stopTooltip?.();
    this.stopTooltip = tooltip && copyButton ? anchor(copyButton, tooltip, { placement: 'top', gap: 6 }) : undefined;
  }

  /** Loads the member's data again (the Retry button does this). */
  async reload(): Promise<void> {
    this.abort?.abort();
    this.rewards = { status: 'idle' };
    this.activeToken = this.token;
    if (!this.endpoint || (!this.token && !this.tokenProvider)) {
      this.load = { status: 'idle' };
      return;
    }
    const abort = (this.abort = new AbortController());
    this.load = { status: 'loading' };
    const period = (TIME_PERIODS as readonly string[]).includes(this.timePeriod) ? this.timePeriod : 'All';
    try {
      const data = await this.withToken((token) => fetchMe(this.endpoint, token, period, abort.signal));
      if (abort.signal.aborted) return;
      this.load = { status: 'loaded', data };
      this.emit<ReferralShareLoadDetail>('referral-share-load', { data });
    } catch (err) {
      if (!abort.signal.aborted) this.load = { status: 'error', error: this.failed(err) };
    }
  }

  /** Calls the backend with the token, asking `tokenProvider` for one when there is none and once more after a 401. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const provide = async () => {
      try {
        return (this.activeToken = (await this.tokenProvider!()) || '');
      } catch {
        throw new MeLoadError('token_unavailable', en.failed, 0);
      }
    };
    const token = this.activeToken || (await provide());
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof MeLoadError && err.status === 401 && this.tokenProvider)) throw err;
      return call(await provide());
    }
  }

  /** Turns a failure into a {@link MeLoadError} and reports it. */
  private failed(err: unknown): MeLoadError {
    const error = err instanceof MeLoadError ? err : new MeLoadError('unknown', en.failed, 0);
    this.emit<ReferralShareErrorDetail>('referral-share-error', { code: error.code, message: error.message, status: error.status });
    return error;
  }

  private async useLocale(): Promise<void> {
    const locale = resolveLocale(this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    if (locale === this.wantedLocale) return; // shown already, or on its way
    this.wantedLocale = locale;
    const strings = locale === 'en' ? en : await loadCatalog(locale).catch(() => en);
    // Another language may have been asked for while this one loaded.
    if (this.wantedLocale === locale) this.catalog = { locale, strings };
  }

  private byPart<E extends HTMLElement = HTMLElement>(name: string): E | null {
    return this.renderRoot.querySelector<E>(`[part="${name}"]`);
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private async copyLink(url: string): Promise<void> {
    if (!(await copyText(url, this.byPart<HTMLInputElement>('link')))) return;
    this.copied = true;
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = false), 2000);
    this.emit<ReferralShareCopyDetail>('referral-share-copy', { url });
  }

  private shared(channel: Channel, url: string): void {
    this.emit<ReferralShareShareDetail>('referral-share-share', { channel, url });
  }

  private async toggleQr(url: string): Promise<void> {
    this.qrOpen = !this.qrOpen;
    if (!this.qrOpen || this.qr?.url === url) return;
    try {
      const encoder = await loadQrEncoder();
      this.qr = { ...encoder.encodeQr(url), url, encoder };
    } catch (err) {
      this.qrOpen = false;
      this.failed(err);
    }
  }

  private async downloadQr(): Promise<void> {
    if (!this.qr) return;
    await this.qr.encoder.downloadPng(this.qr);
    this.shared('qr', this.qr.url);
  }

  private async loadRewards(): Promise<void> {
    const { items, total } = this.rewards.status === 'idle' ? { items: [], total: 0 } : this.rewards;
    this.rewards = { status: 'loading', items, total };
    const signal = this.abort?.signal;
    try {
      const [page, view] = await Promise.all([
        this.withToken((token) => fetchRewards(this.endpoint, token, items.length, REWARDS_PAGE, signal)),
        loadRewardsView(),
      ]);
      this.useRewardsView(view);
      if (!signal?.aborted) this.rewards = { status: 'loaded', items: [...items, ...page.rewards], total: page.total };
    } catch (err) {
      if (signal?.aborted) return;
      this.rewards = { status: 'error', items, total, message: this.errorText(this.failed(err)) };
      // Without its module the list cannot show the error: go back to idle, so reopening retries.
      await loadRewardsView().then((view) => this.useRewardsView(view), () => (this.rewards = { status: 'idle' }));
    }
  }

  private useRewardsView(view: RewardsView): void {
    if (this.rewardsView) return;
    this.rewardsView = view;
    const root = this.renderRoot as ShadowRoot;
    // A constructed stylesheet, as Lit's own styles: allowed under a strict style-src.
    if (root.adoptedStyleSheets && view.rewardsStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, view.rewardsStyles.styleSheet];
  }

  private async openPopover(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    const panel = this.byPart('popover')!;
    panel.showPopover?.(); // The top layer: no ancestor's overflow or z-index can clip it.
    this.stopPopover = anchor(this.byPart('open-button')!, panel, { fit: true });
    document.addEventListener('click', this.onDocumentClick, true);
    panel.focus();
  }

  private close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.stopPopover?.();
    const panel = this.byPart('popover');
    if (panel?.matches(':popover-open')) panel.hidePopover();
    document.removeEventListener('click', this.onDocumentClick, true);
    if (returnFocus) this.byPart('open-button')?.focus();
  }

  private onDocumentClick = (event: MouseEvent): void => {
    if (event.composedPath().includes(this)) return;
    // Focus goes back to the button unless the click put it somewhere of its own.
    this.close(!document.activeElement || document.activeElement === document.body);
  };

  /** Tabbing out of the popover closes it: it must never cover where focus went. */
  private onFocusout = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && !this.contains(to) && !this.renderRoot.contains(to)) this.close(false);
  };

  private onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.close(true);
    }
  };

  private errorText(error: MeLoadError): string {
    const t = this.t;
    return error.code === 'token_expired' ? t.expired : error.code === 'network_error' ? t.unreachable : (this.catalog.locale === 'en' && error.message) || t.failed;
  }

  private get t(): LoadedStrings {
    return { ...this.catalog.strings, ...this.strings };
  }

  private renderLoaded(data: MeResponse, t: LoadedStrings) {
    const f = formatters(this.catalog.locale, this.currency);
    const hidden = parseList(this.hide, SECTIONS);
    const shareUrl = safeUrl(data.links.shareUrl);
    const text = shareUrl ? shareText(this.message || t.shareMessage, shareUrl) : '';
    const channels = shareUrl ? availableChannels(this.channels, data.links, text, t.emailSubject, hidden.includes('qr')) : [];
    const name = data.member.name;
    return html`
      <slot name="heading"><h2 part="heading">${name ? fill(t.headingNamed, { name }) : t.heading}</h2></slot>
      <slot name="intro"><p part="intro" class="muted">${t.intro}</p></slot>
      ${shareView({ shareUrl, channels, copied: this.copied, qrOpen: this.qrOpen, qr: this.qr && this.qr.encoder.qrView(this.qr, t, () => this.downloadQr()) }, t, {
        copy: () => this.copyLink(shareUrl!),
        shared: (channel: LinkChannel, url: string) => this.shared(channel, url),
        nativeShare: () =>
          navigator.share({ title: t.emailSubject, text, url: shareUrl }).then(() => this.shared('native', shareUrl!), () => {}),
        toggleQr: () => this.toggleQr(shareUrl!),
      })}
      ${hidden.includes('stats') ? nothing : statsView(data.stats, t, f)}
      ${hidden.includes('rewards')
        ? nothing
        : html`<details part="rewards" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.rewards.status === 'idle' && this.loadRewards()}>
            <summary>${t.rewards}</summary>
            <div class="rewards-body" aria-busy=${this.rewards.status === 'loading'}>
              ${this.rewards.status !== 'idle' && this.rewardsView
                ? this.rewardsView.rewardsBody(this.rewards, t, f, () => (this.renderRoot.querySelector('summary')!.focus(), this.loadRewards()))
                : html`<div class="skeleton"></div>`}
            </div>
          </details>`}
    `;
  }

  override render() {
    const { load, t } = this;
    // A boolean bound to an attribute is written "true" or "false", as aria-busy and aria-expanded want.
    const card = html`<section part="card" tabindex="-1" aria-busy=${load.status === 'loading'}>
      ${load.status === 'loaded'
        ? this.renderLoaded(load.data, t)
        : load.status === 'error'
          ? html`<div part="error" role="alert">
              <p>${this.errorText(load.error)}</p>
              <button type="button" @click=${() => (this.byPart('card')!.focus(), this.reload())}>${t.retry}</button>
            </div>`
          : html`<div class="skeleton short"></div>
              <div class="skeleton"></div>
              <span class="muted">${t.loading}</span>`}
    </section>`;
    return html`<div part="base" dir=${isRtl(this.catalog.locale) ? 'rtl' : 'ltr'} lang=${this.catalog.locale} @keydown=${this.onKeydown} @focusout=${this.onFocusout}>
      ${this.layout === 'button'
        ? html`<button part="open-button" type="button" aria-haspopup="dialog" aria-expanded=${this.open} aria-controls="panel" @click=${() => (this.open ? this.close(true) : this.openPopover())}>
              ${t.openButton}
            </button>
            <div id="panel" part="popover" popover="manual" role="dialog" aria-label=${t.heading} tabindex="-1" ?hidden=${!this.open}>${card}</div>`
        : card}
    </div>`;
  }
}
