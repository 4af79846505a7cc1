/**
 * Who may post to the webhook receiver: the URL secret (`?secret=WEBHOOK_SECRET`), an
 * `X-Signature: sha256=<hex HMAC-SHA256 of the body>` keyed by the same secret, or Referral Rock's
 * own `RR-Signature`: base64 of HMAC-SHA512 over `rawBody + "." + eventType`, keyed (as ASCII) by
 * the signature key of the event's webhook (Referral Rock's signing sample; see
 * ../shared/referralrock-api/README.md). Every comparison is Web Crypto's `verify`, which compares
 * in constant time.
 */
import { importHmacKey } from '../lib/hmac.js';

export interface WebhookKeys {
  /** WEBHOOK_SECRET: the URL secret, and the key of `X-Signature`. */
  secret: string;
  /** The `RR-Signature` keys for an event type (configured, then learned); none: that header is not accepted. */
  signingKeysFor: (eventType: string) => string[];
}

/** What a delivery offers as proof. */
export interface WebhookProof {
  /** The `secret` query parameter. */
  secret?: string;
  /** The `X-Signature` header. */
  xSignature?: string;
  /** The `RR-Signature` header. */
  rrSignature?: string;
  /** The delivery's event type (`EventType` in the body, else the subscription's `event` parameter). */
  eventType: string;
  /** The raw body, exactly as received. */
  body: Uint8Array<ArrayBuffer>;
}

/** Which proof held: `signature` (`RR-Signature`, which a `Timestamp` must then keep fresh) or `secret`. */
export type WebhookProofKind = 'signature' | 'secret';

const encoder = new TextEncoder();

/**
 * Builds the check of a delivery's proof (the secret's key imported once; signing keys imported on
 * first use, then kept). Resolves to the proof that held, or null.
 *
 * @example
 * const authentic = webhookAuthenticator({ secret: config.webhookSecret, signingKeysFor: (e) => [signingKeyFor(keys, e)] })
 * if (!(await authentic({ rrSignature: c.req.header('rr-signature'), eventType, body }))) throw new ApiError(401, …)
 */
export function webhookAuthenticator(keys: WebhookKeys): (proof: WebhookProof) => Promise<WebhookProofKind | null> {
  const secretKey = importHmacKey(keys.secret, ['sign', 'verify'], 'SHA-256');
  // The URL secret is compared as HMACs of both (the platform compares those in constant time).
  const secretTag = secretKey.then((key) => crypto.subtle.sign('HMAC', key, encoder.encode(keys.secret)));
  const imported = new Map<string, Promise<CryptoKey>>();
  const signingKey = (key: string) => {
    let cryptoKey = imported.get(key);
    if (!cryptoKey) imported.set(key, (cryptoKey = importHmacKey(key, ['verify'], 'SHA-512')));
    return cryptoKey;
  };

  return async function authentic(proof) {
    const sha512 = proof.rrSignature !== undefined ? base64Bytes(proof.rrSignature) : undefined;
    if (sha512 !== undefined && proof.eventType !== '') {
      const signed = concat(proof.body, encoder.encode(`.${proof.eventType}`));
      for (const key of keys.signingKeysFor(proof.eventType)) {
        if (await crypto.subtle.verify('HMAC', await signingKey(key), sha512, signed)) return 'signature';
      }
    }
    if (proof.secret !== undefined && (await crypto.subtle.verify('HMAC', await secretKey, await secretTag, encoder.encode(proof.secret)))) return 'secret';
    const sha256 = /^sha256=([0-9a-f]{64})$/i.exec(proof.xSignature?.trim() ?? '')?.[1];
    if (sha256 !== undefined && (await crypto.subtle.verify('HMAC', await secretKey, hexBytes(sha256), proof.body))) return 'secret';
    return null;
  };
}

/** An `RR-Signature` value: 64 bytes in base64 (Referral Rock's), or else undefined. */
function base64Bytes(header: string): Uint8Array<ArrayBuffer> | undefined {
  const value = header.trim();
  if (!/^[A-Za-z0-9+/]{86}==$/.test(value)) return undefined;
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
