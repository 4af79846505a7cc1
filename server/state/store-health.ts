import type { Logger } from '../http/logging.js';
import { DeadlineError, withBusyAwareDeadline, withDeadline } from './deadline.js';

/** When a store reached over one connection counts as slow, away and back. */
export interface HealthTimings {
  /** Longest wait for one call before it is answered without the store, in milliseconds (default 50). */
  deadlineMs?: number;
  /**
   * How long a ping may go unanswered before the store counts as away; also the longest wait for
   * one call while this process itself is busy. Default: the larger of 1 s and twice `deadlineMs`.
   */
  unwellAfterMs?: number;
  /** How often the store is asked whether it is back, while away (default 1 s). */
  probeEveryMs?: number;
  /** Monotonic milliseconds and one loop turn, for the deadline (tests pass their own). */
  clock?: () => number;
  nextTurn?: () => Promise<void>;
}

export interface StoreHealthOptions extends HealthTimings {
  /** Asks the store whether it answers. */
  ping: () => Promise<void>;
  log: Logger;
  /** Sends the store what it missed, before it counts as back: how many; a throw keeps it away, to be tried again. */
  catchUp: () => Promise<number>;
  /** Runs as the store counts as back (after `catchUp`). */
  onBack: () => void;
}

/**
 * The health of a store reached over one connection (Redis), which either answers or does not:
 * a deadline for each call, extended while this process is the busy one (see
 * `withBusyAwareDeadline`); after a missed deadline a ping, and the store counts as away only if
 * that goes unanswered for `unwellAfterMs`; an error (the connection lost) counts at once. While
 * away (logged once), a probe asks every `probeEveryMs`; the first answer, once `catchUp` went
 * through, brings it back (logged once).
 *
 * @example
 * const health = new StoreHealth({ ping: () => redis.ping(), log, deadlineMs: 50, unwellAfterMs: 1000, probeEveryMs: 1000, catchUp, onBack })
 * const value = await health.within(redis.get(key)) // throws DeadlineError past the deadline
 */
export class StoreHealth {
  readonly unwellAfterMs: number;
  readonly #options: StoreHealthOptions & Required<Pick<HealthTimings, 'deadlineMs' | 'probeEveryMs'>>;
  #away = false;
  /** A ping asking whether the store is unwell, after a missed deadline. */
  #checking: Promise<void> | undefined;
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: StoreHealthOptions) {
    const deadlineMs = options.deadlineMs ?? 50;
    this.#options = { ...options, deadlineMs, probeEveryMs: options.probeEveryMs ?? 1000 };
    this.unwellAfterMs = options.unwellAfterMs ?? Math.max(1000, 2 * deadlineMs);
  }

  get away(): boolean {
    return this.#away;
  }

  /** Checks the store once: one that does not answer within `startupDeadlineMs` starts away. */
  async start(startupDeadlineMs: number): Promise<void> {
    try {
      await withDeadline(this.#options.ping(), startupDeadlineMs);
    } catch (err) {
      this.failed(err);
    }
  }

  /** `work`'s answer within the deadline; past it a DeadlineError, and a ping checks the store. */
  async within<T>(work: Promise<T>): Promise<T> {
    const { deadlineMs, clock, nextTurn } = this.#options;
    try {
      return await withBusyAwareDeadline(work, { ms: deadlineMs, busyCapMs: this.unwellAfterMs, clock, nextTurn });
    } catch (err) {
      if (err instanceof DeadlineError) this.#check(err);
      throw err;
    }
  }

  /** A call failed (not its deadline): the store is away until a probe hears it. */
  failed(err: unknown): void {
    if (this.#away || this.#closed) return;
    this.#away = true;
    this.#options.log({ level: 'warn', msg: 'shared state unavailable, using memory', reason: describe(err) });
    this.#scheduleProbe();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#probeTimer);
  }

  #check(missedDeadline: DeadlineError): void {
    if (this.#checking || this.#away) return;
    this.#checking = withDeadline(this.#options.ping(), this.unwellAfterMs)
      .then(() => this.#options.catchUp())
      .then(() => {}, () => this.failed(missedDeadline))
      .finally(() => (this.#checking = undefined));
  }

  #scheduleProbe(): void {
    this.#probeTimer = setTimeout(() => void this.#probe(), this.#options.probeEveryMs);
    // A probe alone should not keep a process alive (Node, Bun, Deno all offer unref).
    (this.#probeTimer as { unref?: () => void }).unref?.();
  }

  async #probe(): Promise<void> {
    if (this.#closed) return;
    let caughtUp: number;
    try {
      await withDeadline(this.#options.ping(), this.unwellAfterMs);
      caughtUp = await this.#options.catchUp();
    } catch {
      this.#scheduleProbe();
      return;
    }
    this.#options.onBack();
    this.#away = false;
    this.#options.log({ level: 'info', msg: 'shared state back on redis', replayedInvalidations: caughtUp });
  }
}

/** A short reason for the log: the error's class and message, never a URL with its password. */
function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\b(rediss?:\/\/)[^@\s/]*@/gi, '$1***@').slice(0, 200);
}
