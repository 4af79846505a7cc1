import type { MeResponse, ReferErrorCode } from '../types/v1.js';
import type { Channel } from './channels.js';

/** `referral-share-load`: the member's data arrived. */
export interface ReferralShareLoadDetail {
  data: MeResponse;
}
/** `referral-share-error`: loading failed (after one token refresh, when a `tokenProvider` is set). */
export interface ReferralShareErrorDetail {
  /** The backend's code (`token_expired`, `upstream_error`, …), or `network_error`. */
  code: string;
  message: string;
  /** HTTP status; 0 when the backend was not reached. */
  status: number;
}
/** `referral-share-copy`: the member copied their link, or their referral code (`code` set). */
export interface ReferralShareCopyDetail {
  url: string;
  /** The referral code, when that is what was copied. */
  code?: string;
}
/** `referral-share-share`: the member chose a channel (a link, the native share sheet, the QR download). */
export interface ReferralShareShareDetail {
  channel: Channel;
  url: string;
}

/** How a "Refer a friend" submission ended: sent, or the backend's refusal; `invalid` is a field refused, `failed` anything else (offline, an outage). */
export type ReferStatus = 'sent' | 'invalid' | Exclude<ReferErrorCode, 'invalid_field'> | 'failed';
/** `referral-share-refer`: the member submitted "Refer a friend". The status only: never the friend's details. */
export interface ReferralShareReferDetail {
  status: ReferStatus;
}

export interface ReferralShareEventMap {
  'referral-share-load': CustomEvent<ReferralShareLoadDetail>;
  'referral-share-error': CustomEvent<ReferralShareErrorDetail>;
  'referral-share-copy': CustomEvent<ReferralShareCopyDetail>;
  'referral-share-share': CustomEvent<ReferralShareShareDetail>;
  'referral-share-refer': CustomEvent<ReferralShareReferDetail>;
}

/** Fires `type` on `target`, bubbling and crossing the shadow boundary, as every event of the element does. */
export function emit<K extends keyof ReferralShareEventMap>(target: EventTarget, type: K, detail: ReferralShareEventMap[K]['detail']): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
