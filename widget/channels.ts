import type { MeResponse, ShareLinkField } from '../types/v1.js';
import { safeUrl } from './safe-url.js';

/** Every channel, in the default order. `copy`, `native` and `qr` are actions, the rest links. */
export const CHANNELS = ['copy', 'native', 'email', 'sms', 'whatsapp', 'facebook', 'messenger', 'x', 'linkedin', 'telegram', 'qr'] as const;
export type Channel = (typeof CHANNELS)[number];
export type LinkChannel = Exclude<Channel, 'copy' | 'native' | 'qr'>;

/** The Referral Rock link of each channel: it counts the share, so it wins when returned. */
const UPSTREAM_FIELD: Record<LinkChannel, ShareLinkField> = {
  email: 'emailShareUrl',
  sms: 'smsShareUrl',
  whatsapp: 'whatsAppShareUrl',
  facebook: 'facebookShareUrl',
  messenger: 'facebookMessengerShareUrl',
  x: 'twitterShareUrl',
  linkedin: 'linkedInShareUrl',
  telegram: 'telegramShareUrl',
};

const q = encodeURIComponent;

/**
 * Share URLs built from the member's link when Referral Rock sent none, each `https:`, `mailto:` or
 * `sms:`: safe by construction. Messenger needs a Facebook app id: none.
 */
const BUILDERS: Partial<Record<LinkChannel, (url: string, text: string, subject: string) => string>> = {
  email: (_url, text, subject) => `mailto:?subject=${q(subject)}&body=${q(text)}`,
  sms: (_url, text) => `sms:?&body=${q(text)}`,
  whatsapp: (_url, text) => `https://wa.me/?text=${q(text)}`,
  facebook: (url) => `https://www.facebook.com/sharer/sharer.php?u=${q(url)}`,
  x: (_url, text) => `https://x.com/intent/tweet?text=${q(text)}`,
  linkedin: (url) => `https://www.linkedin.com/sharing/share-offsite/?url=${q(url)}`,
  telegram: (url, text) => `https://t.me/share/url?url=${q(url)}&text=${q(textWithoutUrl(text, url))}`,
};

/** Words from a space- or comma-separated attribute that are in `allowed`, in order, once each. */
export function parseList<T extends string>(raw: string | null | undefined, allowed: readonly T[]): T[] {
  const words = (raw ?? '').split(/[\s,]+/).filter((w): w is T => (allowed as readonly string[]).includes(w));
  return [...new Set(words)];
}

/** The share text: `{url}` in `template` replaced by the link, or the link appended. */
export const shareText = (template: string, url: string): string =>
  template.includes('{url}') ? template.replaceAll('{url}', url) : `${template} ${url}`.trim();

/**
 * The share text with the link cut out, for channels that show the link themselves (Telegram). The
 * cut (marked with a NUL first) takes the spaces, colons and dashes around the link with it, so
 * "Join me: {url}" reads "Join me"; it leaves one space where text goes on after it, none before
 * closing punctuation (`.,!?;)`) or at either end.
 */
export const textWithoutUrl = (text: string, url: string): string =>
  text
    .replace(url, '\0')
    .replace(/[\s:：\p{Pd}]*\0[\s:：\p{Pd}]*(?=([^.,!?;)]?))/u, (_cut, textGoesOn: string) => (textGoesOn ? ' ' : ''))
    .trim();

/**
 * The URL of a link channel: Referral Rock's when it returned one (dropped if its scheme is unsafe,
 * never replaced), else built from `shareUrl`, else undefined.
 */
export function channelUrl(channel: LinkChannel, links: MeResponse['links'], text: string, subject: string): string | undefined {
  const field = UPSTREAM_FIELD[channel];
  if (links[field] !== undefined) return safeUrl(links[field]);
  const shareUrl = safeUrl(links.shareUrl);
  const build = BUILDERS[channel];
  return shareUrl && build ? build(shareUrl, text, subject) : undefined;
}

/**
 * The channels to show, in order: those `wanted` (space- or comma-separated; all when empty) that
 * this member and browser have. Link channels carry their URL.
 */
export function availableChannels(wanted: string, links: MeResponse['links'], text: string, subject: string, noQr: boolean) {
  const chosen = parseList(wanted, CHANNELS);
  return (chosen.length ? chosen : CHANNELS).flatMap((channel): Array<{ channel: Channel; url?: string }> => {
    if (channel === 'copy' || (channel === 'native' && 'share' in navigator) || (channel === 'qr' && !noQr)) return [{ channel }];
    if (channel === 'native' || channel === 'qr') return [];
    const url = channelUrl(channel, links, text, subject);
    return url ? [{ channel, url }] : [];
  });
}
