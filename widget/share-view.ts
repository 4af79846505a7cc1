import { html, nothing, type TemplateResult } from 'lit';
import { channelButtons, type ChannelButtonsActions, type ChannelButtonsModel } from './channel-buttons.js';
import type { Channel } from './channels.js';
import type { LoadedStrings } from './i18n/en.js';

export interface ChannelEntry {
  channel: Channel;
  /** The link of a link channel; actions (`copy`, `native`, `qr`) have none. */
  url?: string;
}

export interface ShareModel {
  shareUrl: string | undefined;
  /** Channels to show, in order. */
  channels: ChannelEntry[];
  copied: boolean;
  qrOpen: boolean;
  /** The QR panel's content once the encoder has loaded. */
  qr: TemplateResult | undefined;
  /** The referral code's row (or its skeleton), under the link. */
  code?: TemplateResult;
  /** `channelIcon`, once the card's extras have loaded. */
  icon?: ChannelButtonsModel['icon'];
  /** The icons are on their way (not failed): lay the buttons out for them already. */
  iconsExpected?: boolean;
}

export interface ShareActions extends ChannelButtonsActions {
  copy(): void;
}

const selectAll = (event: FocusEvent) => (event.target as HTMLInputElement).select();

/** The link as the field shows it: without its scheme, so a narrow card shows the part that differs. */
export const displayedLink = (url: string) => url.replace(/^https?:\/\//, '');

/**
 * The link field with Copy and its tooltip (drawn with CSS above the button). The button's width
 * holds its longer label (`data-sizer`, drawn hidden in the same place), so "Copied" never widens it.
 */
export function linkRow(shareUrl: string, showCopy: boolean, copied: boolean, t: LoadedStrings, copy: () => void) {
  return html`<div class="link-row">
    <input part="link" type="text" readonly .value=${displayedLink(shareUrl)} aria-label=${t.linkLabel} @focus=${selectAll} />
    ${showCopy
      ? html`<span class="copy">
          <button part="copy-button" class="sized" type="button" data-sizer=${copied ? t.copy : t.copied} @click=${copy}><span>${copied ? t.copied : t.copy}</span></button>
          ${copied ? html`<span part="tooltip" aria-hidden="true">${t.copiedMessage}</span>` : nothing}
        </span>`
      : nothing}
  </div>`;
}

/** The link field with Copy, the channel buttons (with their icons once loaded) and the QR panel. */
export function shareView(model: ShareModel, t: LoadedStrings, actions: ShareActions) {
  const showCopy = model.channels.some((c) => c.channel === 'copy');
  return html`
    ${model.shareUrl ? linkRow(model.shareUrl, showCopy, model.copied, t, actions.copy) : nothing}
    <div class="sr-only" role="status" aria-live="polite">${model.copied ? t.copiedMessage : ''}</div>
    ${model.code ?? nothing}
    ${channelButtons({ channels: model.channels, qrOpen: model.qrOpen, icon: model.icon, iconsExpected: model.iconsExpected }, t, actions)}
    ${model.qrOpen ? html`<div part="qr" id="qr">${model.qr ?? html`<div class="skeleton"></div>`}</div>` : nothing}
  `;
}

/** The code row's box until the code shows (it renders in the task after the link). */
const codeSkeleton = html`<div class="skeleton code-row" aria-hidden="true"></div>`;
/** The link row's box: the field's, as tall as the field and Copy. */
const fieldSkeleton = html`<div class="skeleton field" aria-hidden="true"></div>`;
/** A channel's cell, filled by an empty pill (or a square, in a narrow card). */
const pillSkeleton = html`<li class="skeleton pill"></li>`;

/**
 * The same boxes while the data loads: the link row, the code, and an empty pill for each channel
 * expected (the channels' grid cells do not depend on their labels), so nothing below moves when
 * the data arrives. Each is one box without text: the first frame is often still being drawn when
 * the answer comes, and text (fonts, shaping) and boxes are what it costs. Once the answer is in,
 * `link` (the real {@link linkRow}) takes the field's place in the same template: the task that
 * shows the link builds that row and nothing else; the rest follows a task later.
 */
export function shareSkeleton(channels: Channel[], link?: TemplateResult) {
  const others = channels.filter((channel) => channel !== 'copy');
  return html`${link ?? fieldSkeleton}
    ${codeSkeleton}
    ${others.length ? html`<ul class="channels with-icons" aria-hidden="true">${others.map(() => pillSkeleton)}</ul>` : nothing}`;
}
