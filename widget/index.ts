/** The element class and its types, without registering it. Register with `./define.js`. */
export { ReferralShareElement } from './referral-share.js';
export type { ReferralShareCopyDetail, ReferralShareErrorDetail, ReferralShareLoadDetail } from './referral-share.js';
export type { MeResponse, TimePeriod } from '../types/api.js';
