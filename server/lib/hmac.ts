/**
 * An HMAC-SHA-256 key from a text secret, imported once: as raw bytes, so a secret is never
 * mistaken for a PEM or a JWK. The one place the project imports HMAC keys (member tokens, webhook
 * signatures).
 *
 * @example const key = await importHmacKey(secret, 'verify')
 */
export function importHmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}
