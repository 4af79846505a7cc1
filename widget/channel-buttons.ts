/**
 * The share channels as buttons with icons: pills with icon and name in a wide card, a grid of
 * icon-only buttons (names visually hidden, still their accessible names) when the list is narrower
 * than 26rem — a container query, so it follows the card, not the window. Until the icons have
 * loaded (`card-extras.ts`, on demand) the names show in every width; the pill's box and the
 * narrow grid are in `share-view.styles.ts` (first paint), the icons' colour in
 * `share-view.later-styles.ts` (with the extras).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Channel, LinkChannel } from './channels.js';
import type { IconName } from './channel-icons.js';
import type { LoadedStrings } from './i18n/en.js';

export interface ChannelButtonsModel {
  /** Channels to show, in order; link channels carry their URL. `copy` is left out (it sits by the link). */
  channels: Array<{ channel: Channel; url?: string }>;
  qrOpen: boolean;
  /** `channelIcon` from `channel-icons.ts` once it has loaded. */
  icon?: (name: IconName) => TemplateResult;
  /** The icons are on their way: each button keeps an icon's box, so nothing moves when they come. */
  iconsExpected?: boolean;
}

export interface ChannelButtonsActions {
  /** A link channel was followed (the link itself navigates). */
  shared(channel: LinkChannel, url: string): void;
  nativeShare(): void;
  toggleQr(): void;
}

/** The `<ul part="channels">`, one `part="channel"` link or button per channel (`data-channel` names it). */
export function channelButtons(model: ChannelButtonsModel, t: LoadedStrings, actions: ChannelButtonsActions) {
  const shown = model.channels.filter(({ channel }) => channel !== 'copy');
  if (!shown.length) return nothing;
  const inside = (channel: Channel) =>
    html`${model.icon ? model.icon(channel) : model.iconsExpected ? html`<span class="icon"></span>` : nothing}<span class="label">${t[channel]}</span>`;
  return html`<ul part="channels" class=${model.icon || model.iconsExpected ? 'channels with-icons' : 'channels'} aria-label=${t.shareOn}>
    ${shown.map(({ channel, url }) =>
      html`<li>
        ${url
          ? html`<a part="channel" data-channel=${channel} href=${url} target=${/^https?:/.test(url) ? '_blank' : nothing} rel="noopener noreferrer" @click=${() => actions.shared(channel as LinkChannel, url)}>${inside(channel)}</a>`
          : html`<button part="channel" data-channel=${channel} type="button" aria-expanded=${channel === 'qr' ? model.qrOpen : nothing} aria-controls=${channel === 'qr' ? 'qr' : nothing} @click=${channel === 'qr' ? actions.toggleQr : actions.nativeShare}>${inside(channel)}</button>`}
      </li>`,
    )}
  </ul>`;
}
