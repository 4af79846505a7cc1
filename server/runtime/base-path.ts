/**
 * Where the backend is mounted inside a bigger server (`/rewards`, `/api/rewards`): the app itself
 * always routes from `/`, so an entry takes the mount off each request's path before the app sees it.
 */

/**
 * The mount path in one spelling: `''` for the root, else `/a/b` (no trailing slash). Throws a
 * `TypeError` for anything that is not a plain path.
 *
 * @example normalizeBasePath('/rewards/') // '/rewards'
 */
export function normalizeBasePath(raw: string = '/'): string {
  const path = raw.trim().replace(/\/+$/, '');
  if (path === '') return '';
  if (!/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/.test(path) || /\/\.{1,2}(\/|$)/.test(path)) {
    throw new TypeError(`basePath must be a path like "/rewards", got "${raw}".`);
  }
  return path;
}

/**
 * The part of `path` under `basePath` (`/rewards/v1/me` → `/v1/me`, `/rewards` → `/`), or
 * undefined when the path lies outside it (`/rewardsx`, `/shop`). Segment by segment, case as written.
 */
export function pathUnderBase(path: string, basePath: string): string | undefined {
  if (basePath === '') return path;
  if (path === basePath) return '/';
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : undefined;
}

/**
 * The request as the app must see it: the same request with the mount taken off its path, or
 * undefined when it lies outside the mount. The body, headers and signal go along unread.
 *
 * @example requestUnderBase(new Request('http://shop.test/rewards/v1/me'), '/rewards')?.url // 'http://shop.test/v1/me'
 */
export function requestUnderBase(request: Request, basePath: string): Request | undefined {
  if (basePath === '') return request;
  const url = new URL(request.url);
  const inner = pathUnderBase(url.pathname, basePath);
  if (inner === undefined) return undefined;
  // Joined as text, never resolved against the origin: `//host` in a path stays a path.
  return new Request(`${url.origin}${inner}${url.search}`, request);
}
