import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { DeadlineError, withBusyAwareDeadline } from './deadline.js';

/** Lets pending promise callbacks run (fake timers do not move them). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A call whose answer the test gives when it likes. */
function pendingCall<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('a deadline that tells a busy process from a slow store (fake timers, injected clock)', () => {
  /** The process's own clock: timers fire at their time on the fake timers, this one runs ahead when the process stalls. */
  let now: number;
  /** How long the next loop turn takes (a busy process: long). */
  let turnMs: number;
  const options = (ms = 50) => ({ ms, busyCapMs: 1000, clock: () => now, nextTurn: async () => void (now += turnMs) });
  const tick = (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
  };

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    now = 0;
    turnMs = 1;
  });
  afterEach(() => mock.timers.reset());

  test('an idle process and a store that does not answer: given up after the deadline and one turn', async () => {
    const call = pendingCall<string>();
    const outcome = withBusyAwareDeadline(call.promise, options()).catch((err: unknown) => err);
    tick(50);
    await settle();
    assert.ok((await outcome) instanceof DeadlineError);
  });

  test('a process that stalled 300 ms (its timer fired late): the deadline starts over, and the answer that was waiting is taken', async () => {
    const call = pendingCall<string>();
    const outcome = withBusyAwareDeadline(call.promise, options());
    now += 300; // the process was descheduled; its 50 ms timer fires 250 ms late
    tick(50);
    await settle();
    call.answer('from redis');
    assert.equal(await outcome, 'from redis');
  });

  test('a loop turn that takes long (I/O of other requests queued): busy, not slow', async () => {
    const call = pendingCall<string>();
    const outcome = withBusyAwareDeadline(call.promise, options());
    turnMs = 40;
    tick(50);
    await settle();
    call.answer('late but fine');
    assert.equal(await outcome, 'late but fine');
  });

  test('busy for good: it still gives up, once the cap is reached', async () => {
    const call = pendingCall<string>();
    let failed: unknown;
    void withBusyAwareDeadline(call.promise, options()).catch((err: unknown) => (failed = err));
    turnMs = 40;
    for (let i = 0; i < 30 && failed === undefined; i++) {
      tick(50);
      await settle();
    }
    assert.ok(failed instanceof DeadlineError);
    assert.ok(now >= 1000 && now < 1200, `gave up after ${now} ms`);
  });

  test('an answer within the deadline is passed on, and a failure too', async () => {
    assert.equal(await withBusyAwareDeadline(Promise.resolve(7), options()), 7);
    await assert.rejects(withBusyAwareDeadline(Promise.reject(new Error('closed')), options()), /closed/);
  });
});
