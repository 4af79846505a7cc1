/**
 * Registers `<referral-share>`. Import this module (or load the script-tag build) once; loading it
 * twice is harmless. Its types also teach TypeScript the tag: `document.querySelector`, and JSX in
 * React 19 and Preact (without our depending on either).
 */
import type { TimePeriod } from '../types/api.js';
import {
  ReferralShareElement,
  type ReferralShareCopyDetail,
  type ReferralShareErrorDetail,
  type ReferralShareLoadDetail,
} from './referral-share.js';

ReferralShareElement.define();

export { ReferralShareElement };

/**
 * What JSX accepts on `<referral-share>`: its attributes, and listeners for its events in React
 * 19's and Preact's custom-element form (`onreferral-share-load={…}`).
 */
export interface ReferralShareJSXAttributes {
  endpoint?: string;
  token?: string;
  'time-period'?: TimePeriod;
  currency?: string;
  id?: string;
  class?: string;
  className?: string;
  slot?: string;
  style?: unknown;
  hidden?: boolean;
  key?: string | number | null;
  ref?: unknown;
  children?: unknown;
  'onreferral-share-load'?: (event: CustomEvent<ReferralShareLoadDetail>) => void;
  'onreferral-share-error'?: (event: CustomEvent<ReferralShareErrorDetail>) => void;
  'onreferral-share-copy'?: (event: CustomEvent<ReferralShareCopyDetail>) => void;
}

declare global {
  interface HTMLElementTagNameMap {
    'referral-share': ReferralShareElement;
  }
  interface HTMLElementEventMap {
    'referral-share-load': CustomEvent<ReferralShareLoadDetail>;
    'referral-share-error': CustomEvent<ReferralShareErrorDetail>;
    'referral-share-copy': CustomEvent<ReferralShareCopyDetail>;
  }
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
