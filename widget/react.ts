'use client';
/**
 * `<ReferralShare>` for React 19 pages that are rendered on the server (Next.js App Router, Remix…).
 *
 * React 19 does not set a custom element's properties while it hydrates (react issue #35446): on a
 * server-rendered page, `tokenProvider`, `strings` and `on…` listeners given to `<referral-share>`
 * are lost. This component renders the element's attributes (they are in the server's HTML) and
 * sets the rest in an effect, on the server-rendered element as on one rendered in the browser.
 * `endpoint` is set there too, last: the element makes its first request only once its listeners
 * and token provider are in place, so none misses the load.
 *
 * Written without JSX (`createElement`), so building it needs no JSX setup; React stays the page's.
 */
import { createElement, useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { TimePeriod } from '../types/v1.js';
import './define.js';
import type { ReferralShareEventMap } from './events.js';
import type { Strings } from './i18n/en.js';
import type { ReferralShareElement } from './referral-share.js';

type Listener<K extends keyof ReferralShareEventMap> = (event: ReferralShareEventMap[K]) => void;

export interface ReferralShareProps {
  /** Base URL of the referral-share backend (the element's `endpoint`). */
  endpoint: string;
  /** A member token minted by the server; leave it out to let `tokenProvider` give one. */
  token?: string;
  /** `async () => token`: asked when `token` is empty, and once more after a 401 (an expired token). */
  tokenProvider?: () => Promise<string>;
  layout?: ReferralShareElement['layout'];
  theme?: ReferralShareElement['theme'];
  timePeriod?: TimePeriod;
  currency?: string;
  channels?: string;
  hide?: string;
  message?: string;
  lang?: string;
  /** Overrides any built-in text. */
  strings?: Partial<Strings>;
  onLoad?: Listener<'referral-share-load'>;
  onError?: Listener<'referral-share-error'>;
  onCopy?: Listener<'referral-share-copy'>;
  onShare?: Listener<'referral-share-share'>;
  id?: string;
  className?: string;
  style?: CSSProperties;
  /** Elements for the `heading`, `offer` and `intro` slots (each with its `slot` attribute). */
  children?: ReactNode;
}

/** The `<referral-share>` element, its properties and listeners set once it is in the page. */
export function ReferralShare({ endpoint, tokenProvider, strings, onLoad, onError, onCopy, onShare, timePeriod, className, children, ...attributes }: ReferralShareProps) {
  const ref = useRef<ReferralShareElement>(null);

  useEffect(() => {
    const element = ref.current!;
    const listeners = [
      ['referral-share-load', onLoad],
      ['referral-share-error', onError],
      ['referral-share-copy', onCopy],
      ['referral-share-share', onShare],
    ] as Array<[string, ((event: Event) => void) | undefined]>;
    for (const [type, listener] of listeners) if (listener) element.addEventListener(type, listener);
    return () => {
      for (const [type, listener] of listeners) if (listener) element.removeEventListener(type, listener);
    };
  }, [onLoad, onError, onCopy, onShare]);

  // After the listeners (effects run in order): the first request starts with `endpoint`.
  useEffect(() => {
    const element = ref.current!;
    element.tokenProvider = tokenProvider;
    element.strings = strings ?? {};
    element.endpoint = endpoint;
  }, [tokenProvider, strings, endpoint]);

  return createElement('referral-share', { ref, className, 'time-period': timePeriod, ...attributes }, children);
}
