import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TIME_PERIODS } from '../shared/v1.js';
import type { MeResponse, TimePeriod } from '../types/v1.js';
import { changedArgs } from './changed-args.js';
import { emit } from './events.js';
import { MeLoadError, TECHNICAL_MESSAGES, fetchMe } from './me-client.js';

/** How long a load may take before its skeleton pulses: a faster one never animates. */
const SLOW_LOAD_MS = 1000;

export type LoadState = { status: 'idle' | 'loading' } | { status: 'loaded'; data: MeResponse } | { status: 'error'; error: MeLoadError };

/** What the controller reads from its element. */
export interface MeSource extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  token: string;
  tokenProvider?: () => Promise<string>;
  timePeriod: TimePeriod;
}

/**
 * The member's data: loads `/v1/me` when the element's `endpoint`, `token` or `timePeriod` change
 * (or its `tokenProvider`, while it has no token), aborting a stale call; asks the `tokenProvider`
 * for a token when there is none and once more after a 401, and reports loads and failures as the
 * element's events.
 */
export class MeController implements ReactiveController {
  state: LoadState = { status: 'idle' };
  /**
   * The load has taken more than a second: the skeleton pulses from then on. A timer rather than a
   * delayed CSS animation, because creating the skeleton's animations weighs on the first frame,
   * which a fast answer waits for.
   */
  slow = false;
  readonly #host: MeSource;
  #slowTimer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #activeToken = '';
  #connectedBefore = false;
  /** What a load is made from: a change to any of them loads again. */
  readonly #changed = changedArgs(() => {
    const { endpoint, token, timePeriod, tokenProvider } = this.#host;
    return [endpoint, token, timePeriod, token ? undefined : tokenProvider];
  });

  constructor(host: MeSource) {
    this.#host = host;
    host.addController(this);
  }

  /**
   * The current load's: aborted when the data is loaded again or the element leaves the page. A new
   * signal marks a new load (what hangs on the old data, such as the lists, starts over).
   */
  get signal(): AbortSignal | undefined {
    return this.#abort?.signal;
  }

  hostConnected(): void {
    // Reconnected after a move in the DOM: fetch again only if the last load did not finish.
    if (this.#connectedBefore && this.state.status !== 'loaded') void this.reload();
    this.#connectedBefore = true;
  }

  hostUpdate(): void {
    if (this.#changed()) void this.reload();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    clearTimeout(this.#slowTimer);
  }

  async reload(): Promise<void> {
    const host = this.#host;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#activeToken = host.token;
    if (!host.endpoint || (!host.token && !host.tokenProvider)) return this.#set({ status: 'idle' });
    this.#set({ status: 'loading' });
    this.#slowTimer = setTimeout(() => {
      this.slow = true;
      this.#host.requestUpdate();
    }, SLOW_LOAD_MS);
    const period = (TIME_PERIODS as readonly string[]).includes(host.timePeriod) ? host.timePeriod : 'All';
    try {
      const data = await this.withToken((token) => fetchMe(host.endpoint, token, period, abort.signal));
      if (abort.signal.aborted) return;
      this.#set({ status: 'loaded', data });
      emit(host, 'referral-share-load', { data });
    } catch (err) {
      if (!abort.signal.aborted) this.#set({ status: 'error', error: this.failed(err) });
    }
  }

  /** Calls the backend with the token, asking `tokenProvider` for one when there is none and once more after a 401. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = this.#activeToken || (await this.#provideToken());
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof MeLoadError && err.status === 401 && this.#host.tokenProvider)) throw err;
      return call(await this.#provideToken());
    }
  }

  /** Turns a failure into a {@link MeLoadError} and reports it as `referral-share-error`. */
  failed(err: unknown): MeLoadError {
    const error = err instanceof MeLoadError ? err : new MeLoadError('unknown', TECHNICAL_MESSAGES.failed, 0);
    emit(this.#host, 'referral-share-error', { code: error.code, message: error.message, status: error.status });
    return error;
  }

  async #provideToken(): Promise<string> {
    try {
      this.#activeToken = (await this.#host.tokenProvider!()) || '';
      return this.#activeToken;
    } catch {
      throw new MeLoadError('token_unavailable', TECHNICAL_MESSAGES.failed, 0);
    }
  }

  /** A new state; a load's slowness is its own (a load replacing another starts its second over). */
  #set(state: LoadState): void {
    this.state = state;
    clearTimeout(this.#slowTimer);
    this.slow = false;
    this.#host.requestUpdate();
  }
}
