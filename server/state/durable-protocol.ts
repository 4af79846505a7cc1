import type { BucketRule, TakeResult } from './token-buckets.js';

/*
 * What a Worker asks a SharedStateObject, one JSON request a call (`stub.fetch`, which every
 * compatibility date and Miniflare support, and which needs no `cloudflare:workers` import). Only
 * hashed keys travel: the objects never see an e-mail or an external id.
 */

/** The latest `invalidateKind` time of each kind, as the Worker last read it from the kinds object. */
export type KindTimes = Record<string, number>;

export type DurableRequest =
  /** A member's object (or an entry's own, without a member): one entry. */
  | { op: 'get'; entry: string; kind: string; kindTimes: KindTimes }
  | { op: 'set'; entry: string; kind: string; value: unknown; ttlMs: number; loadStartedAt?: number; kindTimes: KindTimes }
  | { op: 'delete'; entry: string }
  /** A member's object: drops its entries of these kinds (all kinds for null) and remembers when. */
  | { op: 'invalidate-member'; kinds: string[] | null }
  /** A bucket's object. */
  | { op: 'take'; rule: BucketRule; now: number }
  /** A lease's object. */
  | { op: 'acquire'; ttlMs: number }
  | { op: 'release'; token: string }
  /** The kinds object: records a kind-wide invalidation, or reads them all. */
  | { op: 'invalidate-kind'; kind: string }
  | { op: 'kinds' };

/** The answers, by request. */
export interface DurableAnswers {
  get: { value: unknown };
  set: { stored: boolean };
  delete: Record<string, never>;
  'invalidate-member': Record<string, never>;
  take: TakeResult;
  acquire: { token: string | null };
  release: Record<string, never>;
  'invalidate-kind': { kindTimes: KindTimes };
  kinds: { kindTimes: KindTimes };
}

/** The URL of every call to an object (an object answers its stub only; the host is never resolved). */
export const OBJECT_URL = 'https://shared-state.invalid/';
