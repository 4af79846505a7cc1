import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { MemberReferral, MemberReward, MeResponse, TimePeriod } from '../types/v1.js';
import { availableChannels, parseList, shareText, type Channel, type LinkChannel } from './channels.js';
import { CopyController } from './copy-controller.js';
import { emit } from './events.js';
import { fill, type LoadedStrings, type Strings } from './i18n/en.js';
import { isRtl } from './i18n/locale.js';
import { LocaleController } from './locale-controller.js';
import { canRetry, errorMessage } from './error-messages.js';
import { loadPart, type ReferralsView, type RewardsView } from './lazy-parts.js';
import { ListController, type ListSource, type ListState } from './list-controller.js';
import { fetchReferrals, fetchRewards, MeLoadError } from './me-client.js';
import { MeController } from './me-controller.js';
import { codeView } from './offer-view.js';
import { parseStyles } from './style-sheets.js';
import { PopoverController } from './popover-controller.js';
import { QrController } from './qr-controller.js';
import { styles } from './referral-share.styles.js';
import { safeUrl } from './safe-url.js';
import { showStates } from './custom-states.js';
import { linkRow, shareSkeleton, shareView } from './share-view.js';
import { StagedRevealController } from './staged-reveal-controller.js';
import { statsSkeleton } from './stats-view.js';

export type * from './events.js';

const SECTIONS = ['stats', 'rewards', 'referrals', 'qr', 'refer'] as const;
/** The links a member usually has (every built channel comes from the share link; Messenger's from Referral Rock): the skeleton's pills. */
const EXPECTED_LINKS: MeResponse['links'] = { shareUrl: 'https://example.invalid/', facebookMessengerShareUrl: 'https://example.invalid/' };

/**
 * The first frame's box of the heading, and what assistive technology reads of the loading card
 * (an indeterminate progress bar: a name and no text to lay out).
 */
const headingSkeleton = (t: LoadedStrings) => html`<div class="skeleton heading" role="progressbar" aria-label=${t.loading}></div>`;
/** The first frame's box of the offer (or of the intro, for a program without one). */
const offerSkeleton = html`<div class="skeleton offer" aria-hidden="true"></div>`;
/** The first frame's box of a closed disclosure's line. */
const disclosureSkeleton = html`<div class="skeleton disclosure" aria-hidden="true"></div>`;

/**
 * Runs `work` in a task of its own once the page is idle (Safari has no `requestIdleCallback`: a
 * task after the ones waiting).
 */
const whenFirstIdle = (work: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => work()) : setTimeout(work));

/** Starts ICU: a page's first `Intl` call builds its available locales (tens of ms, one task). */
const startIcu = () => Intl.NumberFormat.supportedLocalesOf('en');

/**
 * @tagname referral-share
 * @summary Shows one Referral Rock member their share link, every share channel, a QR code, their
 * stats and rewards — inline, or in a popover behind one button.
 *
 * @slot heading - Replaces the heading ("Share and earn, {name}").
 * @slot offer - Replaces the offer line ("You get a $25 gift card · Your friend gets 15% off").
 * @slot intro - Replaces the intro sentence under the heading (shown by default only when the
 * program has no offer).
 *
 * @event referral-share-load - The member's data arrived. `detail: { data }` (a `MeResponse`).
 * @event referral-share-error - A load failed, after the `tokenProvider` retry if any. `detail: { code,
 * message, status }` (technical; the card shows a sentence written for the member); `status` 0: the
 * backend was not reached.
 * @event referral-share-copy - The member copied their link, or their code. `detail: { url, code? }`
 * (`code` set for the code).
 * @event referral-share-share - The member followed a channel link, completed the native share sheet
 * (`native`) or downloaded the QR code (`qr`). `detail: { channel, url }`.
 * @event referral-share-refer - The member submitted "Refer a friend". `detail: { status }` (`sent`,
 * or why not: `invalid`, `self_referral`, `cannot_invite`, `already_referred`, `daily_referral_limit`,
 * `failed`); never the friend's details.
 *
 * @csspart base - The wrapper carrying `dir` and `lang`.
 * @csspart open-button - The "Share & earn" button (`layout="button"`).
 * @csspart popover - The popover holding the card (`layout="button"`); a sheet along the bottom of a narrow screen.
 * @csspart close-button - The sheet's Close button (on a narrow screen).
 * @csspart card - The card.
 * @csspart heading - The default heading.
 * @csspart offer - The default offer line (what the member and their friend get).
 * @csspart intro - The default intro.
 * @csspart link - The read-only field showing the share URL (without its scheme; Copy copies it whole).
 * @csspart copy-button - The Copy button.
 * @csspart code - The referral code's row ("Your code ADA2024").
 * @csspart code-copy - The button copying the code.
 * @csspart icon - Each channel's icon (inline SVG in the text colour).
 * @csspart tooltip - The "Link copied" tooltip.
 * @csspart channels - The list of channels.
 * @csspart channel - One channel (link or button; `data-channel` names it): a pill with icon and
 * name, or a 44 px icon-only button (its name read out) in a card narrower than 26rem.
 * @csspart qr - The QR code panel.
 * @csspart stats - The stats list (once its numbers are in).
 * @csspart nudge - What shows instead of the stats for a member with no activity yet.
 * @csspart rewards - The rewards disclosure.
 * @csspart reward - One reward.
 * @csspart reward-status - Its status badge.
 * @csspart friends - The "Your friends" disclosure.
 * @csspart referrals - The list of friends.
 * @csspart referral - One friend: initial, name, the date they joined, status badge.
 * @csspart referral-status - Its status badge.
 * @csspart refer - "Refer a friend": first and open for a `Form` program, else a disclosure under the channels.
 * @csspart refer-form - Its form (first name, last name, e-mail; "Choose from contacts" where the
 * browser can pick contacts).
 * @csspart refer-submit - Its submit button (says it is sending; one submission at a time).
 * @csspart error - The error message (written for the member) and Retry button.
 *
 * @cssproperty [--referral-share-accent=#4338ca] - Buttons, links and focus rings; `#a5b4fc` in the dark theme.
 * @cssproperty [--referral-share-accent-text=#fff] - Text on accent buttons; `#1e1b4b` in the dark theme.
 * @cssproperty [--referral-share-background=#fff] - Card and popover background; `#111827` in the dark theme.
 * @cssproperty [--referral-share-text=#1f2937] - Main text colour; `#f3f4f6` in the dark theme.
 * @cssproperty [--referral-share-muted=#4b5563] - Labels and secondary text; `#b6bcc6` in the dark theme.
 * @cssproperty [--referral-share-border=#8b929c] - Borders and skeletons; `#6b7280` in the dark theme.
 * @cssproperty [--referral-share-radius=0.75rem] - Corner radius of the card (its controls use half).
 * @cssproperty [--referral-share-spacing=1rem] - Space inside and between sections.
 * @cssproperty [--referral-share-density=1] - Multiplies the padding of controls and the spacing (0.75 compact, 1, 1.25 roomy).
 * @cssproperty [--referral-share-font=system-ui] - Font family (the system UI stack by default).
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
    // What every card needs, got ready while the page is idle (before the first element, or while
    // its request is in flight): the element's styles, ICU's start-up (its available locales, the
    // one costly step of a page's first number format), and the card's extras, which then build
    // the page language's number formats and their own styles. Each in a task of its own. Not on a
    // server: Lit's DOM shim gives Node a registry, and there is no page.
    if (typeof document === 'undefined') return;
    whenFirstIdle(() => parseStyles(this.elementStyles));
    whenFirstIdle(startIcu);
    whenFirstIdle(() => loadPart('card-extras').then((extras) => extras.warmUp(), () => {}));
  }

  /** Base URL of the referral-share backend, e.g. `https://rewards.example.com`. */
  @property() endpoint = '';
  /** Member token (HS256 JWT) minted by the host site's backend. */
  @property() token = '';
  /**
   * Async function returning a fresh member token: asked when `token` is empty, and once more after a
   * 401 (an expired token) before the error shows.
   */
  @property({ attribute: false }) tokenProvider?: () => Promise<string>;
  /** Stats period: `All`, `MonthToDate`, `LastMonth`, `Last7Days` or `Last30Days`. */
  @property({ attribute: 'time-period' }) timePeriod: TimePeriod = 'All';
  /** ISO 4217 currency of the stats' reward amounts (rewards carry their own). */
  @property() currency = 'USD';
  /** `inline`: the card in the page; `button`: one button opening the card in a popover. */
  @property() layout: 'inline' | 'button' = 'inline';
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property() theme: 'light' | 'dark' | 'auto' = 'light';
  /**
   * Channels to show, in order (space- or comma-separated); default all available: `copy native email
   * sms whatsapp facebook messenger x linkedin telegram qr`.
   */
  @property() channels = '';
  /** Sections to leave out: `stats`, `rewards`, `referrals` (Your friends), `qr`, `refer` (Refer a friend). */
  @property() hide = '';
  /** Share text for email, SMS and social; `{url}` marks where the link goes (else appended). */
  @property() message = '';
  /** Language (BCP 47); falls back to the page's `lang`, and follows it when `<html lang>` changes. */
  @property() override lang = '';
  /**
   * Overrides any built-in text, e.g. `{ copy: 'Copy link', headingNamed: 'Hi {name}!' }`; the keys
   * are those of `widget/i18n/en.ts` and of each part's English (docs/widget.md lists them).
   */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  readonly #me = new MeController(this);
  readonly #rewards = this.#listOf<MemberReward, RewardsView>({
    part: 'rewards',
    fetchPage: async (token, offset, count, signal) => {
      const page = await fetchRewards(this.endpoint, token, offset, count, signal);
      return { items: page.rewards, total: page.total, nextOffset: page.nextOffset };
    },
    loadView: () => loadPart('rewards-view'),
    stylesOf: (view) => view.rewardsStyles,
  });
  readonly #referrals = this.#listOf<MemberReferral, ReferralsView>({
    part: 'friends',
    fetchPage: async (token, offset, count, signal) => {
      const page = await fetchReferrals(this.endpoint, token, offset, count, signal);
      return { items: page.referrals, total: page.total, nextOffset: page.nextOffset };
    },
    loadView: () => loadPart('referrals-view'),
    stylesOf: (view) => view.referralsStyles,
  });
  readonly #locale = new LocaleController(this);
  readonly #popover = new PopoverController(this);
  /** Layout and theme reach the styles as custom states: the element writes no attribute of its own. */
  readonly #internals = this.attachInternals();
  readonly #copy = new CopyController(this);
  readonly #qr = new QrController(this, () => this.#shareUrl(), (err) => this.#me.failed(err));
  /** The link first, the rest of the card a frame later. */
  readonly #reveal = new StagedRevealController(this, this.#me, { withToken: (call) => this.#me.withToken(call), LoadError: MeLoadError, friends: this.#referrals });
  /** The skeleton's channels, and the attributes they were worked out from. */
  #expected?: { key: string; channels: Channel[] };

  /** A list of the member's (rewards, friends) that follows their data and speaks the card's language. */
  #listOf<Item, View>(source: ListSource<Item, View>): ListController<Item, View> {
    return new ListController(this, this.#me, source, (error) => this.#errorText(error));
  }

  /** Loads the member's data again (the Retry button does this). */
  reload(): Promise<void> {
    return this.#me.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layout') || changed.has('theme')) showStates(this.#internals, [this.layout, this.theme]);
  }

  get #t(): LoadedStrings {
    return { ...this.#locale.strings, ...this.strings };
  }

  /** A sentence for the member; the error event keeps the code and the backend's message. */
  #errorText(error: MeLoadError): string {
    return errorMessage(error.code, this.#t);
  }

  #part<E extends HTMLElement = HTMLElement>(name: string): E | null {
    return this.renderRoot.querySelector<E>(`[part="${name}"]`);
  }

  #onRetry = (): void => {
    // The Retry button goes away with the error: focus stays in the widget, on its card.
    this.#part('card')?.focus();
    void this.reload();
  };

  #onMoreRewards = (): void => {
    // The button goes away while the page loads: focus waits on the summary.
    this.renderRoot.querySelector<HTMLElement>('[part="rewards"] summary')?.focus();
    void this.#rewards.loadMore();
  };

  /** "Show more" stays while the page loads; after the last page, focus goes to the first new friend. */
  #onMoreFriends = async (): Promise<void> => {
    const shownBefore = this.#referrals.shown;
    await this.#referrals.loadMore();
    await this.updateComplete;
    this.#referrals.view?.focusFirstNewReferral(this.renderRoot, shownBefore);
  };

  /** The channels the skeleton shows, worked out once per `channels` and `hide`. */
  #expectedChannels(noQr: boolean): Channel[] {
    const key = `${this.channels}|${noQr}`;
    if (this.#expected?.key !== key) this.#expected = { key, channels: availableChannels(this.channels, EXPECTED_LINKS, '', '', noQr).map((c) => c.channel) };
    return this.#expected.channels;
  }

  /** The member's share link, once their data is in. */
  #shareUrl(): string | undefined {
    const { state } = this.#me;
    return state.status === 'loaded' ? safeUrl(state.data.links.shareUrl) : undefined;
  }

  #renderShare(details: MeResponse | undefined, t: LoadedStrings, noQr: boolean) {
    const shareUrl = this.#shareUrl();
    const copy = () => this.#copy.copy(shareUrl!, this.#part<HTMLInputElement>('link'));
    if (!details) {
      // Loading: the skeleton. The answer's task: the link takes the field's place; the rest stays.
      const expected = this.#expectedChannels(noQr);
      return shareSkeleton(expected, shareUrl ? linkRow(shareUrl, expected.includes('copy'), this.#copy.copied, t, copy) : undefined);
    }
    const text = shareUrl ? shareText(this.message || t.shareMessage, shareUrl) : '';
    const channels = shareUrl ? availableChannels(this.channels, details.links, text, t.emailSubject, noQr) : [];
    const code = details.member.referralCode;
    const model = {
      shareUrl,
      channels,
      copied: this.#copy.copied,
      qrOpen: this.#qr.open,
      qr: this.#qr.code?.encoder.qrView(this.#qr.code, t, () => this.#qr.download()),
      // The code renders with the rest of the details, in the task after the link.
      code: codeView(details.member, t, { copied: this.#copy.shows === 'code', copy: () => this.#copy.copyCode(code!, shareUrl ?? '') }),
      icon: this.#reveal.extras?.channelIcon,
      iconsExpected: !this.#reveal.extrasFailed,
    };
    return shareView(model, t, {
      copy,
      shared: (channel: LinkChannel, url: string) => emit(this, 'referral-share-share', { channel, url }),
      nativeShare: () => navigator.share({ title: t.emailSubject, text, url: shareUrl }).then(() => emit(this, 'referral-share-share', { channel: 'native', url: shareUrl! }), () => {}),
      toggleQr: () => this.#qr.toggle(shareUrl!),
    });
  }

  /** A list behind a disclosure, its module and first page loaded when it first opens. */
  #renderList<Item, View>(summary: string, list: ListController<Item, View>, body: (view: View, state: Exclude<ListState<Item>, { status: 'idle' }>) => unknown) {
    const { state, view } = list;
    // Until the card's details first show: the box of the closed disclosure's line (a <details>
    // costs more to build and lay out). Once built, the disclosure stays (open or not) through reloads.
    if (!this.#reveal.shown) return disclosureSkeleton;
    return html`<details part=${list.part} @toggle=${list.onToggle}>
      <summary>${summary}</summary>
      <div class="rewards-body" aria-busy=${state.status === 'loading'}>
        ${state.status !== 'idle' && view ? body(view, state) : html`<div class="skeleton"></div>`}
      </div>
    </details>`;
  }

  /** Stats (or the nudge), with the card's extras: without them (a failed chunk) the card goes on without its numbers. */
  #renderStats(details: MeResponse | undefined, t: LoadedStrings) {
    const { extras } = this.#reveal;
    if (!details) return statsSkeleton;
    return extras ? extras.statsSection(t, details, extras.formatters(this.#locale.formatLocale, this.currency)) : nothing;
  }

  /** The card: while loading, the same sections with skeletons where the data goes. */
  #renderCard(t: LoadedStrings) {
    const { state } = this.#me;
    if (state.status === 'error') {
      return html`<section part="card" tabindex="-1" aria-busy="false">
        <div part="error" role="alert">
          <p>${this.#errorText(state.error)}</p>
          ${canRetry(state.error.code) ? html`<button type="button" @click=${this.#onRetry}>${t.retry}</button>` : nothing}
        </div>
      </section>`;
    }
    const data = state.status === 'loaded' ? state.data : undefined;
    const details = data && this.#reveal.shown === data ? data : undefined;
    const hidden = parseList(this.hide, SECTIONS);
    const name = data?.member.name;
    const numbers = { locale: this.#locale.formatLocale, currency: this.currency };
    // The offer line comes with the extras (worded in the widget's language); without them, the intro.
    const { extras, refer } = this.#reveal;
    const offer = details ? (extras?.offerLine(details.offer, t, extras.formatters(numbers.locale, numbers.currency)) ?? '') : undefined;
    // Busy from the request to the last number.
    return html`<section part="card" class=${this.#me.slow ? 'slow' : ''} tabindex="-1" aria-busy=${state.status === 'loading' || (data && !details) === true}>
      <slot name="heading">${data ? html`<h2 part="heading">${name ? fill(t.headingNamed, { name }) : t.heading}</h2>` : headingSkeleton(t)}</slot>
      <slot name="offer">${offer === undefined ? offerSkeleton : offer ? html`<p part="offer">${offer}</p>` : nothing}</slot>
      <slot name="intro">${offer === '' ? html`<p part="intro" class="muted">${t.intro}</p>` : nothing}</slot>
      ${refer?.render(details, t, true)}
      ${this.#renderShare(details, t, hidden.includes('qr'))}
      ${refer ? refer.render(details, t, false) : hidden.includes('refer') || this.#reveal.extrasFailed ? nothing : disclosureSkeleton}
      ${hidden.includes('stats') ? nothing : this.#renderStats(details, t)}
      ${hidden.includes('rewards') ? nothing : this.#renderList(t.rewards, this.#rewards, (view, list) => view.rewardsBody(list, t, numbers, this.#onMoreRewards))}
      ${hidden.includes('referrals') ? nothing : this.#renderList(t.referrals, this.#referrals, (view, list) => view.referralsBody(list, t, numbers, this.#onMoreFriends))}
    </section>`;
  }

  override render() {
    const t = this.#t;
    const popover = this.#popover;
    const card = this.#renderCard(t);
    return html`<div part="base" dir=${isRtl(this.#locale.locale) ? 'rtl' : 'ltr'} lang=${this.#locale.locale} @keydown=${popover.onKeydown} @focusout=${popover.onFocusout}>
      ${this.layout === 'button'
        ? html`<button part="open-button" type="button" aria-haspopup="dialog" aria-expanded=${popover.open} aria-controls="panel" @click=${popover.toggle} @pointerenter=${popover.prepare} @focus=${popover.prepare}>
              ${t.openButton}
            </button>
            <div id="panel" part="popover" class=${popover.sheet ? 'sheet' : ''} popover="manual" role="dialog" aria-label=${t.heading} tabindex="-1" ?hidden=${!popover.open}>
              ${popover.sheet ? html`<button part="close-button" type="button" @click=${popover.toggle}>${t.close}</button>` : nothing}${card}
            </div>`
        : card}
    </div>`;
  }
}
