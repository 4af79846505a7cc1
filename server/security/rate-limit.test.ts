import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Context } from 'hono';
import { signMemberToken } from './member-token.js';
import { MemoryRateLimitStore } from './rate-limit.js';
import { bucketAddress } from './client-address.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';
import type { ErrorBody } from '../../types/v1.js';

const ada = () => signMemberToken({ email: 'ada@example.com' }, SECRET);
const grace = () => signMemberToken({ email: 'grace@example.com' }, SECRET);
/** Stands in for the socket's address in `app.request` tests. */
const fromTestHeader = { connectionAddress: (c: Context) => c.req.header('x-test-connection') };

describe('token buckets', () => {
  it('lets a burst of `capacity` through, then one more per refill interval', () => {
    const store = new MemoryRateLimitStore();
    const rule = { capacity: 2, perMinute: 60 };
    assert.equal(store.take('k', rule, 0).allowed, true);
    assert.equal(store.take('k', rule, 0).allowed, true);
    assert.deepEqual(store.take('k', rule, 0), { allowed: false, retryAfterMs: 1000, remaining: 0 });
    assert.equal(store.take('k', rule, 1000).allowed, true);
    assert.equal(store.take('other', rule, 1000).allowed, true, 'buckets are per key');
  });

  it('stays bounded, forgetting the least recently used bucket (a forgotten bucket is full)', () => {
    const store = new MemoryRateLimitStore(2);
    const rule = { capacity: 1, perMinute: 1 };
    store.take('a', rule, 0);
    store.take('b', rule, 0);
    store.take('c', rule, 0);
    assert.equal(store.take('a', rule, 0).allowed, true);
  });
});

describe('rate limits on /v1/me', () => {
  it('limits each member separately, with 429 and Retry-After, before any upstream call', async () => {
    const { app, apiCalls } = sandboxApp({ RATE_LIMIT_MEMBER_PER_MIN: '2' });
    const token = await ada();
    assert.equal((await app.request('/v1/me', bearer(token))).status, 200);
    assert.equal((await app.request('/v1/me', bearer(token))).status, 200);
    const calls = apiCalls().length;
    const limited = await app.request('/v1/me', bearer(token));
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as ErrorBody).error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(apiCalls().length, calls);
    assert.equal((await app.request('/v1/me', bearer(await grace()))).status, 200, 'another member is not affected');
  });

  it('limits each client address, bad tokens included; a forged X-Forwarded-For does not help', async () => {
    const { app } = sandboxApp({ RATE_LIMIT_IP_PER_MIN: '3' }, fromTestHeader);
    const from = (address: string, forwarded: string) => ({ headers: { 'x-test-connection': address, 'x-forwarded-for': forwarded, authorization: 'Bearer nope' } });
    for (let i = 0; i < 3; i++) assert.equal((await app.request('/v1/me', from('10.0.0.1', `192.0.2.${i}`))).status, 401);
    assert.equal((await app.request('/v1/me', from('10.0.0.1', '192.0.2.99'))).status, 429);
    assert.equal((await app.request('/v1/me', from('10.0.0.2', '192.0.2.1'))).status, 401, 'another address is not affected');
  });

  it('keeps one bucket per IPv6 /64: rotating addresses in one network does not refill it; another network has its own', async () => {
    const { app } = sandboxApp({ RATE_LIMIT_IP_PER_MIN: '3' }, fromTestHeader);
    const from = (address: string) => ({ headers: { 'x-test-connection': address, authorization: 'Bearer nope' } });
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:ffff::2', '2001:0db8:0001:0002:1234:5678:9abc:def0']) assert.equal((await app.request('/v1/me', from(address))).status, 401);
    assert.equal((await app.request('/v1/me', from('2001:db8:1:2:abcd::9'))).status, 429);
    assert.equal((await app.request('/v1/me', from('2001:db8:1:3::1'))).status, 401, 'the next /64 is another client');
    assert.equal((await app.request('/v1/me', from('::ffff:192.0.2.7'))).status, 401);
    assert.deepEqual(['192.0.2.7', '::ffff:192.0.2.7', '::1', 'fe80::1%eth0', '2001:db8::'].map(bucketAddress), ['192.0.2.7', '192.0.2.7', '0:0:0:0::/64', 'fe80:0:0:0::/64', '2001:db8:0:0::/64']);
  });

  it('reads the address from X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const { app } = sandboxApp({ RATE_LIMIT_IP_PER_MIN: '1', TRUST_PROXY: '1' }, fromTestHeader);
    const via = (client: string) => ({ headers: { 'x-test-connection': '10.0.0.9', 'x-forwarded-for': `203.0.113.7, ${client}` } });
    assert.equal((await app.request('/v1/me', via('198.51.100.1'))).status, 401);
    assert.equal((await app.request('/v1/me', via('198.51.100.2'))).status, 401, 'each client behind the proxy has its own bucket');
    assert.equal((await app.request('/v1/me', via('198.51.100.1'))).status, 429);
  });

  it('turns a limit off with 0', async () => {
    const { app } = sandboxApp({ RATE_LIMIT_MEMBER_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0' });
    const token = await ada();
    for (let i = 0; i < 150; i++) assert.equal((await app.request('/v1/me', bearer(token))).status, 200);
  });

  it('does not count webhook deliveries against a client address', async () => {
    const { app, config } = sandboxApp({ RATE_LIMIT_IP_PER_MIN: '1' });
    for (let i = 0; i < 3; i++) {
      const res = await app.request(`/v1/hooks/referralrock?secret=${config.webhookSecret}`, { method: 'POST', body: '{}' });
      assert.equal(res.status, 200);
    }
  });
});
