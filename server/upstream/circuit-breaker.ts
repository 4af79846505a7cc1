/**
 * A circuit breaker for the upstream: after `threshold` consecutive failures it opens and callers
 * fail fast for `cooldownMs`; then one trial call is let through (half-open), and its outcome
 * closes the circuit or opens it again.
 *
 * @example
 * const breaker = new CircuitBreaker({ threshold: 5, cooldownMs: 10_000 })
 * if (!breaker.allow()) throw new Error(`open for ${breaker.retryAfterMs()} ms`)
 */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | null = null;
  #trialInFlight = false;
  #trialSettled: (() => void) | null = null;
  #trialDone: Promise<void> | null = null;

  constructor(
    private readonly options: { threshold: number; cooldownMs: number; now?: () => number },
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.#openedAt === null) return 'closed';
    return this.#now() - this.#openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** True when a call may go upstream now (and, half-open, claims the one trial). */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    this.#trialDone = new Promise((resolve) => (this.#trialSettled = resolve));
    return true;
  }

  /**
   * Like {@link allow}, but a call arriving while the half-open trial runs waits for its outcome
   * instead of failing at once: one request's parallel calls all go through once upstream is back.
   */
  async admit(): Promise<boolean> {
    if (this.allow()) return true;
    if (!this.#trialInFlight || !this.#trialDone) return false;
    await this.#trialDone;
    return this.allow();
  }

  /** How long until a trial call will be let through, in milliseconds. */
  retryAfterMs(): number {
    if (this.#openedAt === null) return 0;
    return Math.max(0, this.options.cooldownMs - (this.#now() - this.#openedAt));
  }

  success(): void {
    this.#failures = 0;
    this.#openedAt = null;
    this.#endTrial();
  }

  failure(): void {
    this.#failures += 1;
    if (this.#trialInFlight || this.#failures >= this.options.threshold) this.#openedAt = this.#now();
    this.#endTrial();
  }

  #endTrial(): void {
    this.#trialInFlight = false;
    this.#trialSettled?.();
    this.#trialSettled = null;
    this.#trialDone = null;
  }

  /** A call that ended without telling anything about upstream health (e.g. a 404). */
  neutral(): void {
    if (this.#trialInFlight) this.success();
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
