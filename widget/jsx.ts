/**
 * What JSX accepts on `<referral-share>` (React 19, Preact), without our depending on either: the
 * element's own public properties (React 19 sets a prop as a property when the element has it),
 * its kebab-case attributes, and `on<event-name>` listeners typed from `HTMLElementEventMap`.
 */
import type { LitElement } from 'lit';
import type { TimePeriod } from '../types/v1.js';
import type { ReferralShareElement } from './referral-share.js';

/** The element's data properties (no methods), each optional. */
type Properties<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]?: T[K] };

type ReferralShareEventName = Extract<keyof HTMLElementEventMap, `referral-share-${string}`>;

/** Listeners in React 19's and Preact's custom-element form: `onreferral-share-load={…}`. */
type EventListeners = { [K in ReferralShareEventName as `on${K}`]?: (event: HTMLElementEventMap[K]) => void };

export type ReferralShareJSXAttributes = Properties<Omit<ReferralShareElement, keyof LitElement>> &
  EventListeners & {
    'time-period'?: TimePeriod;
    id?: string;
    class?: string;
    className?: string;
    slot?: string;
    style?: unknown;
    hidden?: boolean;
    key?: string | number | null;
    ref?: unknown;
    children?: unknown;
  };
