/**
 * The link rule of the `/v1` contract, written once: which URLs may become a link. The backend
 * drops any other link from `GET /v1/me`, and the widget checks again before it renders one.
 */

/** The URL schemes a share link may use. */
const SAFE_LINK_SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:', 'sms:']);

/**
 * The URL if it may become a link (`https:`, `http:`, `mailto:`, `sms:`), else undefined —
 * `javascript:`, `data:`, any other scheme and anything that is not a URL.
 *
 * @example safeUrl('https://a.example/r/ADA') // 'https://a.example/r/ADA'
 * @example safeUrl('javascript:alert(1)') // undefined
 */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return SAFE_LINK_SCHEMES.has(new URL(raw).protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
}
