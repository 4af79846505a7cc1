import { MemoryRateLimitStore } from './token-buckets.js';
import type { DurableAnswers, DurableRequest, KindTimes } from './durable-protocol.js';

interface StoredEntry {
  value: unknown;
  kind: string;
  storedAt: number;
  expiresAt: number;
}

/** A member has a handful of entries; the bound only stops a runaway caller. */
const MAX_ENTRIES = 1000;
const ALL_KINDS = '*';

/**
 * The Durable Object behind `DurableObjectSharedState` (bind it as `SHARED_STATE`, class
 * `SharedStateObject`). Each object is one member's entries and invalidation times, one entry
 * without a member, one token bucket, one lease, or the table of kind-wide invalidations —
 * whichever the Worker names it for. An object runs one request at a time, so every operation here
 * is atomic without a lock: a take is exact, a lease is exclusive. State lives in the object's
 * memory (a cache, buckets and leases may be forgotten when an idle object is evicted); nothing
 * is written to storage. Runtime-neutral: no `node:` and no `cloudflare:` import.
 *
 * @example
 * // The Worker's entry module exports it beside the fetch handler; wrangler.toml binds it:
 * export { SharedStateObject } from './server/state/durable-object.js'
 */
export class SharedStateObject {
  readonly #entries = new Map<string, StoredEntry>();
  readonly #memberInvalidatedAt = new Map<string, number>();
  readonly #bucket = new MemoryRateLimitStore(1);
  #lease: { token: string; expiresAt: number } | undefined;
  readonly #kindTimes: KindTimes = {};

  /** Workers pass the object's state and the bindings (unused); tests may pass a clock third. */
  constructor(_ctx?: unknown, _env?: unknown, private readonly clock: () => number = Date.now) {}

  async fetch(request: Request): Promise<Response> {
    let call: DurableRequest;
    try {
      call = (await request.json()) as DurableRequest;
    } catch {
      return Response.json({ error: 'not a shared-state call' }, { status: 400 });
    }
    const answer = this.answer(call);
    return answer === undefined ? Response.json({ error: 'unknown operation' }, { status: 400 }) : Response.json(answer);
  }

  /** One call, answered synchronously (nothing between the read and the write of a call). */
  answer(call: DurableRequest): DurableAnswers[keyof DurableAnswers] | undefined {
    const now = this.clock();
    switch (call.op) {
      case 'get':
        return { value: this.#get(call.entry, call.kindTimes[call.kind], now) };
      case 'set': {
        const invalidatedAt = Math.max(
          call.kindTimes[call.kind] ?? -Infinity,
          this.#memberInvalidatedAt.get(call.kind) ?? -Infinity,
          this.#memberInvalidatedAt.get(ALL_KINDS) ?? -Infinity,
        );
        // The value may predate the change an invalidation announced: not stored.
        if (call.loadStartedAt !== undefined && invalidatedAt >= call.loadStartedAt) return { stored: false };
        this.#entries.delete(call.entry);
        if (!(call.ttlMs > 0)) return { stored: false };
        if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
        this.#entries.set(call.entry, { value: call.value, kind: call.kind, storedAt: now, expiresAt: now + call.ttlMs });
        return { stored: true };
      }
      case 'delete':
        this.#entries.delete(call.entry);
        return {};
      case 'invalidate-member':
        for (const [key, entry] of this.#entries) if (call.kinds === null || call.kinds.includes(entry.kind)) this.#entries.delete(key);
        for (const kind of call.kinds ?? [ALL_KINDS]) this.#memberInvalidatedAt.set(kind, now);
        return {};
      case 'take':
        return this.#bucket.take('bucket', call.rule, call.now);
      case 'acquire': {
        if (this.#lease !== undefined && now < this.#lease.expiresAt) return { token: null };
        const token = crypto.randomUUID();
        this.#lease = { token, expiresAt: now + call.ttlMs };
        return { token };
      }
      case 'release':
        if (this.#lease?.token === call.token) this.#lease = undefined;
        return {};
      case 'invalidate-kind':
        // Never backwards, even if this object's clock is.
        this.#kindTimes[call.kind] = Math.max(now, (this.#kindTimes[call.kind] ?? -Infinity) + 1);
        return { kindTimes: { ...this.#kindTimes } };
      case 'kinds':
        return { kindTimes: { ...this.#kindTimes } };
      default:
        return undefined;
    }
  }

  #get(key: string, kindInvalidatedAt: number | undefined, now: number): unknown {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Stored before a kind-wide invalidation the Worker has heard of: gone.
    if (now >= entry.expiresAt || (kindInvalidatedAt !== undefined && entry.storedAt <= kindInvalidatedAt)) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
}
