/**
 * The channel buttons' icons: SVG paths (24×24) from two maintained sets, imported one by one so a
 * bundler keeps only these. Brands from Simple Icons (CC0-1.0), which has no LinkedIn (withdrawn at
 * the brand's request); LinkedIn and the generic glyphs from Material Design Icons (`@mdi/js`,
 * Apache-2.0). Meant to load on demand, right after the first paint: buttons show their labels until
 * then.
 */
import { mdiCheck, mdiContentCopy, mdiEmailOutline, mdiLinkedin, mdiMessageTextOutline, mdiQrcode, mdiShareVariant } from '@mdi/js';
import { siFacebook, siMessenger, siTelegram, siWhatsapp, siX } from 'simple-icons';
import { html } from 'lit';
import type { Channel } from './channels.js';

/** An icon for every channel, plus `copied` (the Copy button once it has copied). */
export type IconName = Channel | 'copied';

/** One path each, in a 24×24 box. */
export const ICON_PATHS: Record<IconName, string> = {
  copy: mdiContentCopy,
  copied: mdiCheck,
  native: mdiShareVariant,
  email: mdiEmailOutline,
  sms: mdiMessageTextOutline,
  whatsapp: siWhatsapp.path,
  facebook: siFacebook.path,
  messenger: siMessenger.path,
  x: siX.path,
  linkedin: mdiLinkedin,
  telegram: siTelegram.path,
  qr: mdiQrcode,
};

/**
 * The icon as inline SVG in `currentColor`, hidden from assistive technology: the button's text
 * names it. `part="icon"` lets a page restyle every icon.
 */
export const channelIcon = (name: IconName) =>
  html`<svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${ICON_PATHS[name]}></path></svg>`;
