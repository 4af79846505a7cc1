/**
 * Registers `<referral-share>`. Import this module (or load the script-tag build) once; loading it
 * twice is harmless. Its types also teach TypeScript the tag: `document.querySelector`, and JSX in
 * React 19 and Preact (without our depending on either).
 */
import type { ReferralShareEventMap } from './events.js';
import type { ReferralShareJSXAttributes } from './jsx.js';
import { ReferralShareElement } from './referral-share.js';

ReferralShareElement.define();

export { ReferralShareElement };

declare global {
  interface HTMLElementTagNameMap {
    'referral-share': ReferralShareElement;
  }
  // Typed `addEventListener('referral-share-share', (e) => e.detail.channel)`.
  interface HTMLElementEventMap extends ReferralShareEventMap {}
  // React 19 reads `React.JSX`, Preact `preact.JSX`, older setups the global `JSX`. Each merges
  // into the library's own namespace when it is installed, and is inert when it is not.
  namespace React.JSX {
    interface IntrinsicElements {
      'referral-share': ReferralShareJSXAttributes;
    }
  }
  namespace preact.JSX {
    interface IntrinsicElements {
      'referral-share': ReferralShareJSXAttributes;
    }
  }
  namespace JSX {
    interface IntrinsicElements {
      'referral-share': ReferralShareJSXAttributes;
    }
  }
}
