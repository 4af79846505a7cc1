const SAFE_SCHEMES = new Set(['https:', 'http:', 'mailto:', 'sms:']);

/** The URL if it may become a link (`https:`, `http:`, `mailto:`, `sms:`), else undefined. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return SAFE_SCHEMES.has(new URL(raw).protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
}
