/**
 * An HMAC key from a text secret, imported once: as raw bytes, so a secret is never mistaken for a
 * PEM or a JWK. The one place the project imports HMAC keys (member tokens; webhook signatures,
 * SHA-256 for our own, SHA-512 for Referral Rock's `RR-Signature`).
 *
 * @example const key = await importHmacKey(secret, ['verify'])
 */
export function importHmacKey(secret: string, usages: KeyUsage[], hash: 'SHA-256' | 'SHA-512' = 'SHA-256'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash }, false, usages);
}
