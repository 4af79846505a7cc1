/**
 * Registers `<referral-share>`. Import this module (or load the script-tag build) once; loading it
 * twice is harmless.
 */
import type { ReferralShareEventMap } from './events.js';
import { ReferralShareElement } from './referral-share.js';

ReferralShareElement.define();

export { ReferralShareElement };

declare global {
  interface HTMLElementTagNameMap {
    'referral-share': ReferralShareElement;
  }
  // Typed `addEventListener('referral-share-share', (e) => e.detail.channel)`.
  interface HTMLElementEventMap extends ReferralShareEventMap {}
}
