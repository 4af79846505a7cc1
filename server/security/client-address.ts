import type { Context } from 'hono';
import type { TrustProxy } from '../config.js';

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
export function clientAddress(trustProxy: TrustProxy, fromConnection: ConnectionAddress = () => undefined) {
  return function addressOf(c: Context): string {
    const direct = fromConnection(c) ?? 'unknown';
    if (trustProxy.kind === 'hops') {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
      const seen = hops[hops.length - trustProxy.hops];
      return seen && ADDRESS.test(seen) ? seen : direct;
    }
    if (trustProxy.kind === 'header') {
      const value = c.req.header(trustProxy.name.toLowerCase())?.trim();
      return value && ADDRESS.test(value) ? value : direct;
    }
    return direct;
  };
}

/**
 * The part of a client address a rate-limit bucket is kept for: an IPv4 address whole (an
 * IPv4-mapped IPv6 one as its IPv4), an IPv6 address by its /64 — one subscriber's network, whose
 * 2^64 addresses would otherwise each be a fresh bucket.
 *
 * @example bucketAddress('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 * @example bucketAddress('::ffff:192.0.2.7') // '192.0.2.7'
 */
export function bucketAddress(address: string): string {
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = address.replace(/%.*$/, '').split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const written = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...written, ...Array<string>(Math.max(0, 8 - written.length - after.length)).fill('0'), ...after];
  return `${all.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16)).join(':')}::/64`;
}
