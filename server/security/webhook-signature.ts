/**
 * Who may post to the webhook receiver: the URL secret (`?secret=WEBHOOK_SECRET`), an
 * `X-Signature: sha256=<hex HMAC-SHA256 of the body>` keyed by the same secret, or an
 * `RR-Signature` (HMAC-SHA512 of the body, hex or base64) keyed by `WEBHOOK_SIGNING_KEY` — the
 * scheme one public integration spec gives for Referral Rock (unconfirmed by Referral Rock's own
 * documents). Every comparison is Web Crypto's `verify`, which compares in constant time.
 */
import { importHmacKey } from '../lib/hmac.js';

export interface WebhookKeys {
  /** WEBHOOK_SECRET: the URL secret, and the key of `X-Signature`. */
  secret: string;
  /** WEBHOOK_SIGNING_KEY: the key of `RR-Signature`; without it that header is not accepted. */
  signingKey?: string;
}

/** What a delivery offers as proof. */
export interface WebhookProof {
  /** The `secret` query parameter. */
  secret?: string;
  /** The `X-Signature` header. */
  xSignature?: string;
  /** The `RR-Signature` header. */
  rrSignature?: string;
  /** The raw body, exactly as received. */
  body: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();

/**
 * Builds the check of a delivery's proof (keys imported once). True when any offered proof holds.
 *
 * @example
 * const authentic = webhookAuthenticator({ secret: config.webhookSecret, signingKey: config.webhookSigningKey })
 * if (!(await authentic({ rrSignature: c.req.header('rr-signature'), body }))) throw new ApiError(401, …)
 */
export function webhookAuthenticator(keys: WebhookKeys): (proof: WebhookProof) => Promise<boolean> {
  const secretKey = importHmacKey(keys.secret, ['sign', 'verify'], 'SHA-256');
  // The URL secret is compared as HMACs of both (the platform compares those in constant time).
  const secretTag = secretKey.then((key) => crypto.subtle.sign('HMAC', key, encoder.encode(keys.secret)));
  const signingKey = keys.signingKey ? importHmacKey(keys.signingKey, ['sign', 'verify'], 'SHA-512') : undefined;

  return async function authentic(proof) {
    if (proof.secret !== undefined && (await crypto.subtle.verify('HMAC', await secretKey, await secretTag, encoder.encode(proof.secret)))) return true;
    const sha256 = /^sha256=([0-9a-f]{64})$/i.exec(proof.xSignature?.trim() ?? '')?.[1];
    if (sha256 !== undefined && (await crypto.subtle.verify('HMAC', await secretKey, hexBytes(sha256), proof.body))) return true;
    const sha512 = signingKey && proof.rrSignature !== undefined ? sha512Bytes(proof.rrSignature) : undefined;
    return sha512 !== undefined && crypto.subtle.verify('HMAC', await signingKey!, sha512, proof.body);
  };
}

/** An `RR-Signature` value: 64 bytes as hex or base64(url), optionally `sha512=`-prefixed; else undefined. */
function sha512Bytes(header: string): Uint8Array<ArrayBuffer> | undefined {
  const value = header.trim().replace(/^sha512=/i, '');
  if (/^[0-9a-f]{128}$/i.test(value)) return hexBytes(value);
  if (!/^[A-Za-z0-9+/_-]{86}(==)?$/.test(value)) return undefined;
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/').replace(/(==)?$/, '=='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
