/**
 * The share channels as buttons with icons: pills with icon and name in a wide card, a grid of
 * icon-only buttons (names visually hidden, still their accessible names) when the list is narrower
 * than 26rem — a container query, so it follows the card, not the window. Until the icons have
 * loaded (`channel-icons.ts`, on demand) the names show in every width.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Channel, LinkChannel } from './channels.js';
import type { IconName } from './channel-icons.js';
import type { LoadedStrings } from './i18n/en.js';

export interface ChannelButtonsModel {
  /** Channels to show, in order; link channels carry their URL. `copy` is left out (it sits by the link). */
  channels: Array<{ channel: Channel; url?: string }>;
  qrOpen: boolean;
  /** `channelIcon` from `channel-icons.ts` once it has loaded. */
  icon?: (name: IconName) => TemplateResult;
}

export interface ChannelButtonsActions {
  /** A link channel was followed (the link itself navigates). */
  shared(channel: LinkChannel, url: string): void;
  nativeShare(): void;
  toggleQr(): void;
}

/** The `<ul part="channels">`, one `part="channel"` link or button per channel (`data-channel` names it). */
export function channelButtons(m: ChannelButtonsModel, t: LoadedStrings, a: ChannelButtonsActions) {
  const shown = m.channels.filter(({ channel }) => channel !== 'copy');
  if (!shown.length) return nothing;
  const inside = (channel: Channel) => html`${m.icon ? m.icon(channel) : nothing}<span class="label">${t[channel]}</span>`;
  return html`<ul part="channels" class=${m.icon ? 'with-icons' : ''} aria-label=${t.shareOn}>
    ${shown.map(({ channel, url }) =>
      html`<li>
        ${url
          ? html`<a part="channel" data-channel=${channel} href=${url} target=${/^https?:/.test(url) ? '_blank' : nothing} rel="noopener noreferrer" @click=${() => a.shared(channel as LinkChannel, url)}>${inside(channel)}</a>`
          : html`<button part="channel" data-channel=${channel} type="button" aria-expanded=${channel === 'qr' ? m.qrOpen : nothing} aria-controls=${channel === 'qr' ? 'qr' : nothing} @click=${channel === 'qr' ? a.toggleQr : a.nativeShare}>${inside(channel)}</button>`}
      </li>`,
    )}
  </ul>`;
}

/** To adopt after the element's own styles (these win where both style a channel). */
export const channelButtonStyles = css`
  [part='channels'] {
    container: channels / inline-size;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='channel'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.75rem;
    padding: 0 0.875rem;
    border: 1px solid var(--referral-share-border);
    border-radius: 999px;
    background: transparent;
    color: var(--referral-share-text);
    font: inherit;
    font-size: 0.875rem;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
  }
  [part='channel']:hover {
    border-color: var(--referral-share-accent);
    color: var(--referral-share-accent);
  }
  [part='channel'][aria-expanded='true'] {
    border-color: var(--referral-share-accent);
    box-shadow: inset 0 0 0 1px var(--referral-share-accent);
  }
  .icon {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
  }
  /* The element paints QR modules with \`svg path\`; icons take the text colour instead. */
  .icon path {
    fill: currentColor;
  }
  @container channels (max-width: 26rem) {
    .with-icons {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(2.75rem, 1fr));
      justify-items: center;
    }
    .with-icons [part='channel'] {
      width: 2.75rem;
      padding: 0;
      justify-content: center;
    }
    /* Visually hidden, still the button's accessible name. */
    .with-icons .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }
`;
