import type { Context } from 'hono';

/** Reads request headers; see `requestHeaderReader`. */
export interface RequestHeaderReader {
  /** The header's value, repeated lines joined by ", " (as `Headers.get` gives it); `name` in lower case. */
  get(c: Context, name: string): string | undefined;
  /** Names and values of all headers, plus 4 bytes a header (for `: ` and CRLF). */
  bytes(c: Context): number;
}

/**
 * Reads request headers through the standard `Request.headers`, the same on every runtime. (Node
 * once read its raw header lines here instead, to spare building a `Headers` per request; the Load
 * test section of the README says what that was worth.)
 *
 * @example const headers = requestHeaderReader(); headers.get(c, 'origin')
 */
export function requestHeaderReader(): RequestHeaderReader {
  return {
    get: (c, name) => c.req.header(name),
    bytes(c) {
      let bytes = 0;
      c.req.raw.headers.forEach((value, name) => (bytes += name.length + value.length + 4));
      return bytes;
    },
  };
}
