import type { Context } from 'hono';
import type { TrustProxy } from '../config.js';
import { requestHeaderReader, type RequestHeaderReader } from '../http/request-headers.js';

/** The address the connection came from; runtime-specific, so the entry point passes it in. */
export type ConnectionAddress = (c: Context) => string | undefined;

const ADDRESS = /^[0-9a-f.:]{2,45}$/i;

/**
 * Builds the function that names a request's client address, for rate limits: the connection's
 * address, unless `TRUST_PROXY` says proxies stand in front — then the address the outermost
 * trusted proxy saw (the n-th `X-Forwarded-For` entry from the right), or a header a proxy sets
 * (`cf-connecting-ip`). A forwarding header is never read otherwise: clients could forge it.
 *
 * @example const addressOf = clientAddress({ kind: 'hops', hops: 1 }, (c) => getConnInfo(c).remote.address)
 */
export function clientAddress(trustProxy: TrustProxy, fromConnection: ConnectionAddress = () => undefined, header: RequestHeaderReader = requestHeaderReader()) {
  return function addressOf(c: Context): string {
    const direct = fromConnection(c) ?? 'unknown';
    if (trustProxy.kind === 'hops') {
      const hops = (header.get(c, 'x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
      const seen = hops[hops.length - trustProxy.hops];
      return seen && ADDRESS.test(seen) ? seen : direct;
    }
    if (trustProxy.kind === 'header') {
      const value = header.get(c, trustProxy.name.toLowerCase())?.trim();
      return value && ADDRESS.test(value) ? value : direct;
    }
    return direct;
  };
}
