import type { MiddlewareHandler } from 'hono';
import { statSync, type Stats } from 'node:fs';
import { basename, join, normalize } from 'node:path';

/** A build's content-hashed file (`qr-encoder-DHv6IMkP.js`, `chunk-WA5MARTL.js.map`): its name changes with its bytes. */
const HASHED_NAME = /-(?=[A-Za-z0-9_-]{0,7}[A-Z0-9])[A-Za-z0-9_-]{8}\.(?:js|mjs|css)(?:\.map)?$/;
/** TypeScript sources: a browser cannot run them, and Hono's MIME table calls `.ts` an MPEG stream (`video/mp2t`). */
const TYPESCRIPT_SOURCE = /\.(?:[cm]?ts|tsx)$/i;

/** A year, and never revalidated: the name changes when the bytes do. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Everything else is revalidated on each use (a 304 through the ETag): a developer's rebuild shows at once. */
export const REVALIDATED_CACHE_CONTROL = 'no-cache';

/**
 * Headers for the static files the Node entry serves in sandbox mode (`/dist`, `/demo`), set
 * before `serveStatic` answers: `X-Content-Type-Options: nosniff`, a `Cache-Control` (a year and
 * `immutable` for content-hashed build chunks, `no-cache` otherwise) and an `ETag` from the file's
 * size and modification time, with `304 Not Modified` when `If-None-Match` names it. TypeScript
 * sources are not served (404). `fixedPath` serves one file whatever the request path (`/`).
 *
 * @example app.use('/dist/*', staticFileHeaders(projectRoot), serveStatic({ root: projectRoot }))
 */
export function staticFileHeaders(root: string, fixedPath?: string): MiddlewareHandler {
  const rootDir = normalize(root);
  return async function staticFileHeadersMiddleware(c, next) {
    c.header('x-content-type-options', 'nosniff');
    const file = fileOf(rootDir, fixedPath ?? c.req.path);
    if (file === undefined) return next();
    if (TYPESCRIPT_SOURCE.test(file.path)) return c.notFound();
    const etag = `"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    c.header('etag', etag);
    c.header('cache-control', HASHED_NAME.test(basename(file.path)) ? HASHED_CACHE_CONTROL : REVALIDATED_CACHE_CONTROL);
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && matchesEtag(c.req.header('if-none-match'), etag)) {
      return c.body(null, 304);
    }
    return next();
  };
}

/**
 * The file a request path names under `root`, as `serveStatic` finds it (a folder's
 * `index.html`); undefined for anything `serveStatic` would refuse or not find itself.
 */
function fileOf(root: string, requestPath: string): { path: string; stats: Stats } | undefined {
  // Encoded paths and dot segments are refused by serveStatic; no header is worth guessing for them.
  if (requestPath.includes('%') || /(?:^|[/\\])\.{1,2}(?:$|[/\\])|[/\\]{2,}|\\/.test(requestPath)) return undefined;
  let path = normalize(join(root, requestPath));
  if (!path.startsWith(root)) return undefined;
  let stats = statOrUndefined(path);
  if (stats?.isDirectory()) {
    path = join(path, 'index.html');
    stats = statOrUndefined(path);
  }
  return stats?.isFile() ? { path, stats } : undefined;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** `If-None-Match`: `*`, or a list of tags compared weakly (a `W/` prefix does not matter). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
