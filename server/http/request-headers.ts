import type { Context } from 'hono';

/**
 * The request's header lines as the runtime received them — `[name, value, name, value, …]` —
 * where it keeps them (Node: `IncomingMessage.rawHeaders`); undefined elsewhere.
 */
export type RawHeaderLines = (c: Context) => readonly string[] | undefined;

/** Reads request headers; see `requestHeaderReader`. */
export interface RequestHeaderReader {
  /** The header's value, repeated lines joined by ", " (as `Headers.get` gives it); `name` in lower case. */
  get(c: Context, name: string): string | undefined;
  /** Names and values of all header lines, plus 4 bytes a line (for `: ` and CRLF). */
  bytes(c: Context): number;
}

/**
 * Reads request headers from the raw header lines where the runtime has them, else through
 * `c.req.header`. On Node the first `c.req.header()` of a request builds a whole `Headers` from
 * the incoming message: a cost on every request that reading the lines spares the hot path.
 *
 * @example const headers = requestHeaderReader((c) => c.env?.incoming?.rawHeaders)
 */
export function requestHeaderReader(rawLines: RawHeaderLines = () => undefined): RequestHeaderReader {
  return {
    get(c, name) {
      const raw = rawLines(c);
      if (raw === undefined) return c.req.header(name);
      let value: string | undefined;
      for (let i = 0; i < raw.length; i += 2) {
        const line = raw[i]!;
        if (line.length === name.length && line.toLowerCase() === name) {
          value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
        }
      }
      return value;
    },
    bytes(c) {
      const raw = rawLines(c);
      let bytes = 0;
      if (raw === undefined) {
        c.req.raw.headers.forEach((value, name) => (bytes += name.length + value.length + 4));
        return bytes;
      }
      for (let i = 0; i < raw.length; i++) bytes += raw[i]!.length;
      return bytes + 2 * raw.length;
    },
  };
}
