/**
 * A Node request (`IncomingMessage`, as Express, Koa, Fastify and `node:http` hand it over) as the
 * Web `Request` the app reads — whether a body parser ran before us or not.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { RawBodyUnavailable } from '../http/errors.js';
import { markBodyRebuilt } from '../http/rebuilt-body.js';

/** What body parsers leave on the request: Express's `req.body`, a `verify` hook's `req.rawBody`. */
type ParsedIncoming = IncomingMessage & { body?: unknown; rawBody?: unknown };

/** Methods a Web `Request` cannot carry (undici refuses them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The request for the app at `url`, with the headers `headers` and the body from, in order:
 * the exact bytes a parser kept (`req.rawBody`, a Buffer or string `req.body`); the stream, when
 * nobody read it; a JSON body a parser turned into `req.body` (serialized again, marked rebuilt);
 * else a body that fails with {@link RawBodyUnavailable} when a route reads it.
 * Undefined for a method a `Request` cannot carry (`TRACE`, `CONNECT`).
 *
 * @example const request = nodeRequest(req, 'http://127.0.0.1:3000/v1/me', headers, abort.signal)
 */
export function nodeRequest(incoming: IncomingMessage, url: string, headers: Headers, signal: AbortSignal): Request | undefined {
  const method = (incoming.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) return undefined;
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal });
  const parsed = incoming as ParsedIncoming;
  const kept = bytesOf(parsed.rawBody) ?? bytesOf(parsed.body);
  const sized = (length: number) => {
    const copy = new Headers(headers);
    copy.delete('transfer-encoding');
    copy.set('content-length', String(length));
    return copy;
  };
  if (kept !== undefined) return new Request(url, { method, headers: sized(kept.byteLength), body: kept, signal });
  if (!incoming.readableDidRead && !incoming.readableEnded) {
    return new Request(url, { method, headers, body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, signal, duplex: 'half' } as RequestInit);
  }
  if (parsed.body !== undefined && /\bjson\b/i.test(headers.get('content-type') ?? '')) {
    const again = new TextEncoder().encode(JSON.stringify(parsed.body));
    const request = new Request(url, { method, headers: sized(again.byteLength), body: again, signal });
    markBodyRebuilt(request);
    return request;
  }
  const gone = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new RawBodyUnavailable()) });
  return new Request(url, { method, headers, body: gone, signal, duplex: 'half' } as RequestInit);
}

function bytesOf(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value); // Buffer included; a copy the Request owns
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return undefined;
}
