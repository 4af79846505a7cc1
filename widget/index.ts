/** The element class and its types, without registering it. Register with `./define.js`. */
export { ReferralShareElement } from './referral-share.js';
export type * from './events.js';
export type { Channel } from './channels.js';
export type { Strings } from './i18n/en.js';
export type { Locale } from './i18n/locale.js';
export type { MeResponse, RewardsResponse, TimePeriod } from '../types/v1.js';
