/**
 * Registers `<referral-share>`. Import this module (or load the script-tag build) once; loading it
 * twice is harmless.
 */
import { ReferralShareElement } from './referral-share.js';

ReferralShareElement.define();

export { ReferralShareElement };

declare global {
  interface HTMLElementTagNameMap {
    'referral-share': ReferralShareElement;
  }
}
