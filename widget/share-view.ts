import { html, nothing, type TemplateResult } from 'lit';
import type { Channel, LinkChannel } from './channels.js';
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
}

export interface ShareActions {
  copy(): void;
  /** A link channel was followed (the link itself navigates). */
  shared(channel: LinkChannel, url: string): void;
  nativeShare(): void;
  toggleQr(): void;
}

const selectAll = (event: FocusEvent) => (event.target as HTMLInputElement).select();
/** Web links open a tab; `mailto:` and `sms:` hand over to an app and must not leave a blank tab. */
const opensTab = (url: string) => /^https?:/.test(url);

/** The link field with Copy and its tooltip (drawn with CSS above the button). */
function linkRow(shareUrl: string, showCopy: boolean, copied: boolean, t: LoadedStrings, copy: () => void) {
  return html`<div class="link-row">
    <input part="link" type="text" readonly .value=${shareUrl} aria-label=${t.linkLabel} @focus=${selectAll} />
    ${showCopy
      ? html`<span class="copy">
          <button part="copy-button" type="button" @click=${copy}>${copied ? t.copied : t.copy}</button>
          ${copied ? html`<span part="tooltip" aria-hidden="true">${t.copiedMessage}</span>` : nothing}
        </span>`
      : nothing}
  </div>`;
}

function channelItem({ channel, url }: ChannelEntry, qrOpen: boolean, t: LoadedStrings, a: ShareActions) {
  if (url) {
    return html`<li>
      <a part="channel" data-channel=${channel} href=${url} target=${opensTab(url) ? '_blank' : nothing} rel="noopener noreferrer" @click=${() => a.shared(channel as LinkChannel, url)}>${t[channel]}</a>
    </li>`;
  }
  const isQr = channel === 'qr';
  // A boolean bound to an attribute is written "true" or "false", as aria-expanded wants.
  return html`<li>
    <button part="channel" data-channel=${channel} type="button" aria-expanded=${isQr ? qrOpen : nothing} aria-controls=${isQr ? 'qr' : nothing} @click=${isQr ? a.toggleQr : a.nativeShare}>${t[channel]}</button>
  </li>`;
}

/** The link field with Copy, the channel list and the QR panel. */
export function shareView(m: ShareModel, t: LoadedStrings, a: ShareActions) {
  const showCopy = m.channels.some((c) => c.channel === 'copy');
  const others = m.channels.filter((c) => c.channel !== 'copy');
  return html`
    ${m.shareUrl ? linkRow(m.shareUrl, showCopy, m.copied, t, a.copy) : nothing}
    <div class="sr-only" role="status" aria-live="polite">${m.copied ? t.copiedMessage : ''}</div>
    ${others.length
      ? html`<ul part="channels" class="channels" aria-label=${t.shareOn}>
          ${others.map((entry) => channelItem(entry, m.qrOpen, t, a))}
        </ul>`
      : nothing}
    ${m.qrOpen ? html`<div part="qr" id="qr">${m.qr ?? html`<div class="skeleton"></div>`}</div>` : nothing}
  `;
}

/**
 * The same boxes while the data loads: the link row, and each channel expected as a pill of its
 * label's width (the label hidden), so nothing below moves when the data arrives.
 */
export function shareSkeleton(channels: Channel[], t: LoadedStrings) {
  const others = channels.filter((channel) => channel !== 'copy');
  return html`<div class="link-row" aria-hidden="true"><div class="skeleton field"></div></div>
    ${others.length
      ? html`<ul class="channels" aria-hidden="true">
          ${others.map((channel) => html`<li><span class="skeleton pill">${t[channel]}</span></li>`)}
        </ul>`
      : nothing}`;
}
