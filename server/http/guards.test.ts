/** Request ids, logs that keep secrets out, secure headers, CORS, health and readiness. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { SECRET, bearer, rawToken, inMinutes, sandboxApp } from '../test-helpers.js';
import type { ErrorBody } from '../../types/v1.js';

describe('request ids and logs', () => {
  it('gives every response an id, in the header and in error bodies, and logs one line with it', async () => {
    const { app, logs } = sandboxApp();
    const res = await app.request('/v1/me');
    const id = res.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(((await res.json()) as ErrorBody).error.requestId, id);
    const line = JSON.parse(logs.at(-1)!);
    assert.deepEqual({ ...line, durationMs: 0 }, { level: 'warn', msg: 'request', requestId: id, method: 'GET', path: '/v1/me', status: 401, durationMs: 0 });
    assert.notEqual((await app.request('/v1/me')).headers.get('x-request-id'), id, 'each request its own id');
  });

  it('keeps a well-formed X-Request-Id from a proxy, replaces a malformed one', async () => {
    const { app } = sandboxApp();
    assert.equal((await app.request('/healthz', { headers: { 'x-request-id': 'edge-123_abc' } })).headers.get('x-request-id'), 'edge-123_abc');
    assert.notEqual((await app.request('/healthz', { headers: { 'x-request-id': 'bad id <script>' } })).headers.get('x-request-id'), 'bad id <script>');
  });

  it('never writes a token, a key, a secret or an e-mail address to the log', async () => {
    const { app, logs, config } = sandboxApp({ SANDBOX_API_KEY: 'sandbox-pub-777:sandbox-priv-999' });
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const forged = await rawToken({ email: 'grace@example.com', exp: inMinutes(5) }, 'wrong-secret-wrong-secret-wrong-00');
    await app.request('/v1/me?email=grace@example.com&token=' + token, bearer(token));
    await app.request('/v1/me', bearer(forged));
    await app.request('/v1/ada@example.com', bearer(token));
    await app.request('/v1/ada%40example.com/me');
    await app.request(`/v1/hooks/referralrock?secret=${config.webhookSecret}`, { method: 'POST', body: JSON.stringify({ recipientEmailAddress: 'ada@example.com' }) });
    await app.request('/v1/hooks/referralrock?secret=guess', { method: 'POST', body: '{}' });
    const everything = logs.join('\n');
    assert.ok(logs.length >= 6);
    for (const secret of [token, forged, token.split('.')[2]!, SECRET, config.webhookSecret, 'sandbox-priv-999', config.upstreamBasicAuth, '@example.com', '%40example.com']) {
      assert.ok(!everything.includes(secret), `the log holds ${secret.slice(0, 20)}…`);
    }
  });
});

describe('HTTP hardening', () => {
  it('sends secure headers on API responses', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/v1/me');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(res.headers.get('strict-transport-security'));
  });

  it('varies on Origin and exposes Retry-After and X-Request-Id to allowed origins', async () => {
    const { app } = sandboxApp({ ALLOWED_ORIGINS: 'https://shop.example.com' });
    const res = await app.request('/v1/me', { headers: { origin: 'https://shop.example.com' } });
    assert.match(res.headers.get('vary') ?? '', /origin/i);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
    const other = await app.request('/v1/me', { headers: { origin: 'https://evil.example.net' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.match(other.headers.get('vary') ?? '', /origin/i);
  });

  it('lets an allowed site read every refusal: 401, 404, 405, 413 and 431 carry the CORS grant and secure headers', async () => {
    const { app } = sandboxApp({ ALLOWED_ORIGINS: 'https://shop.example.com' });
    const origin = 'https://shop.example.com';
    const refusals: [string, RequestInit, number][] = [
      ['/v1/me', { headers: { origin } }, 401],
      ['/v1/nothing-here', { headers: { origin } }, 404],
      ['/v1/me', { method: 'PUT', headers: { origin } }, 405],
      ['/v1/me', { method: 'POST', headers: { origin }, body: 'b'.repeat(300 * 1024) }, 413],
      ['/v1/me', { headers: { origin, 'x-junk': 'j'.repeat(20 * 1024) } }, 431],
    ];
    for (const [path, init, status] of refusals) {
      const res = await app.request(path, init);
      assert.equal(res.status, status, path);
      assert.equal(res.headers.get('access-control-allow-origin'), origin, `${status}`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${status}`);
      assert.ok(res.headers.get('x-request-id'), `${status}`);
    }
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/v1/me', { method: 'PUT' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });
});

describe('health', () => {
  it('/healthz answers while alive', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('/readyz answers 200 when upstream answers, 503 when it does not', async () => {
    const { app } = sandboxApp();
    assert.equal((await app.request('/readyz')).status, 200);
    const down = createApp(loadConfig({ REFERRALROCK_API_KEY: 'p:q', MEMBER_TOKEN_SECRET: SECRET, UPSTREAM_RETRIES: '0' }), {
      log: () => {},
      fetch: async () => { throw new TypeError('fetch failed'); },
    });
    const res = await down.request('/readyz');
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'not_ready');
  });
});

describe('the header size limit', () => {
  it('counts the request’s header names and values, 4 bytes more a header', async () => {
    const config = loadConfig({ MEMBER_TOKEN_SECRET: SECRET });
    const app = createApp(config, { log: () => {} });
    const res = await app.request('/healthz', { headers: { 'x-junk': 'j'.repeat(20 * 1024) } });
    assert.equal(res.status, 431);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'headers_too_large');
    assert.equal((await app.request('/healthz')).status, 200);
  });
});
