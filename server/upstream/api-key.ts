/**
 * Referral Rock API keys come in two forms: the `publicKey:privateKey` pair, or the ready-made
 * base64 "Basic Auth key" the dashboard shows once. Both normalise to the value of an
 * `Authorization: Basic …` header.
 */

/** Returns the base64 credentials for a key in either form, or an error sentence. */
export function parseApiKey(raw: string): { basic: string } | { error: string } {
  const key = raw.trim();
  if (key === '') return { error: 'is empty' };
  if (key.includes(':')) {
    const [publicKey, ...rest] = key.split(':');
    if (!publicKey || rest.join(':') === '') {
      return { error: 'must be "publicKey:privateKey" or the base64 Basic Auth key' };
    }
    return { basic: encodeBase64(key) };
  }
  const decoded = decodeBase64(key);
  if (decoded === null || !/^[^:]+:.+$/s.test(decoded)) {
    return { error: 'must be "publicKey:privateKey" or the base64 Basic Auth key' };
  }
  return { basic: key };
}

/** The `Authorization` header value for a parsed key. */
export const basicAuthorization = (basic: string): string => `Basic ${basic}`;

function encodeBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    const binary = atob(text);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
