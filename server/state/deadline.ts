/*
 * Deadlines for shared-state calls. Runtime-neutral: timers and `performance.now()` only.
 */

/** Raised when a call outlives its deadline. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * `work`, or a DeadlineError after `ms`. The work itself goes on (a Redis command cannot be
 * recalled); its late answer is ignored.
 *
 * @example await withDeadline(redis.ping(), 50)
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export interface BusyAwareOptions {
  /** The deadline of an idle process, in milliseconds. */
  ms: number;
  /** Longest wait in all while this process is the one that is slow. */
  busyCapMs: number;
  /** Monotonic milliseconds (tests pass their own). */
  clock?: () => number;
  /** Resolves after one turn of the event loop, once pending I/O has run (tests pass their own). */
  nextTurn?: () => Promise<void>;
}

/** A timer (or the turn after it) this much later than asked, as a share of `ms`: the process was busy. */
const BUSY_SHARE = 0.2;

const oneTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `work`, or a DeadlineError once it has had `ms` of this process's attention without answering.
 * Under a burst, this process's own event loop may lag past `ms`: the answer is then waiting in a
 * socket buffer while the deadline timer, run first, would call Redis slow. So when the timer fires,
 * pending I/O gets one loop turn; if the work is still pending and the timer fired late (or that
 * turn took long) by more than a fifth of `ms`, the process was busy, not the store: the deadline
 * starts over, up to `busyCapMs` in all. An idle process with a stalled store still gives up after
 * `ms` and a turn.
 *
 * @example await withBusyAwareDeadline(redis.get(key), { ms: 50, busyCapMs: 1000 })
 */
export function withBusyAwareDeadline<T>(work: Promise<T>, options: BusyAwareOptions): Promise<T> {
  const clock = options.clock ?? (() => performance.now());
  const nextTurn = options.nextTurn ?? oneTurn;
  const { ms, busyCapMs } = options;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startedAt = clock();
    const expire = async (dueAt: number) => {
      const late = clock() - dueAt;
      const turnStartedAt = clock();
      await nextTurn();
      if (settled) return;
      const busy = late + (clock() - turnStartedAt) > ms * BUSY_SHARE;
      if (busy && clock() - startedAt < busyCapMs) return arm();
      settled = true;
      reject(new DeadlineError(ms));
    };
    const arm = () => {
      const dueAt = clock() + ms;
      timer = setTimeout(() => void expire(dueAt), ms);
    };
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    work.then(
      (value) => settle(() => resolve(value)),
      (err: unknown) => settle(() => reject(err)),
    );
    arm();
  });
}
