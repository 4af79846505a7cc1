import { html, nothing } from 'lit';
import type { Channel, LinkChannel } from './channels.js';
import type { LoadedStrings } from './i18n/en.js';
import type { TemplateResult } from 'lit';

export interface ShareModel {
  shareUrl: string | undefined;
  /** Channels to show, in order; link channels carry their URL. */
  channels: Array<{ channel: Channel; url?: string }>;
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

const selectAll = (e: FocusEvent) => (e.target as HTMLInputElement).select();

/** The link field with Copy, the channel list and the QR panel. */
export function shareView(m: ShareModel, t: LoadedStrings, a: ShareActions) {
  const copy = m.shareUrl && m.channels.some((c) => c.channel === 'copy');
  const others = m.channels.filter((c) => c.channel !== 'copy');
  return html`
    ${m.shareUrl
      ? html`<div class="link-row">
          <input part="link" type="text" readonly .value=${m.shareUrl} aria-label=${t.linkLabel} @focus=${selectAll} />
          ${copy ? html`<button part="copy-button" type="button" @click=${a.copy}>${m.copied ? t.copied : t.copy}</button>` : nothing}
        </div>`
      : nothing}
    ${m.copied ? html`<div part="tooltip" aria-hidden="true">${t.copiedMessage}</div>` : nothing}
    <div class="sr-only" role="status" aria-live="polite">${m.copied ? t.copiedMessage : ''}</div>
    ${others.length
      ? html`<ul part="channels" aria-label=${t.shareOn}>
          ${others.map(({ channel, url }) =>
            html`<li>
              ${url
                ? html`<a part="channel" data-channel=${channel} href=${url} target=${/^https?:/.test(url) ? '_blank' : nothing} rel="noopener noreferrer" @click=${() => a.shared(channel as LinkChannel, url)}>${t[channel]}</a>`
                : html`<button part="channel" data-channel=${channel} type="button" aria-expanded=${channel === 'qr' ? m.qrOpen : nothing} aria-controls=${channel === 'qr' ? 'qr' : nothing} @click=${channel === 'qr' ? a.toggleQr : a.nativeShare}>${t[channel]}</button>`}
            </li>`,
          )}
        </ul>`
      : nothing}
    ${m.qrOpen
      ? html`<div part="qr" id="qr">
          ${m.qr ?? html`<div class="skeleton"></div>`}
        </div>`
      : nothing}
  `;
}

/** Copies with the Clipboard API; where a page refuses it, selects `field` and copies the old way. */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}
