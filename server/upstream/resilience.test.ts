/**
 * The backend against the sandbox's fault injection (server/sandbox/faults.ts): latency, 500s,
 * 429 with Retry-After, hanging connections and malformed JSON. Each time the widget gets fresh
 * data, stale data marked as such, or a clear 5xx — and never waits past the timeout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startNodeServer, type RunningServer } from '../runtime/node.js';
import { signMemberToken } from '../security/member-token.js';
import { SANDBOX_AUTH, SECRET, bearer, sandboxApp, setFaults } from '../test-helpers.js';
import type { ErrorBody, MeResponse } from '../../types/v1.js';

const ada = () => signMemberToken({ email: 'ada@example.com' }, SECRET);
const grace = () => signMemberToken({ email: 'grace@example.com' }, SECRET);

async function timed(run: () => Promise<Response>) {
  const started = Date.now();
  const res = await run();
  return { res, ms: Date.now() - started, body: (await res.json()) as MeResponse & ErrorBody };
}

describe('upstream faults (sandbox fault injection)', () => {
  it('latency under the timeout: fresh data, just later', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '1000' });
    await setFaults(app, { latencyMs: 300 });
    const { res, ms, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 200);
    assert.equal(body.member.referralCode, 'ADA2024');
    assert.equal(body.stale, undefined);
    assert.ok(ms >= 290, `${ms} ms`);
  });

  it('latency past the timeout: 504 at the timeout, not later', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '400' });
    await setFaults(app, { latencyMs: 3000 });
    const { res, ms, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 504);
    assert.equal(body.error.code, 'upstream_timeout');
    assert.ok(ms < 700, `${ms} ms`);
  });

  it('500 on every call: retried, then a clear 502 within the timeout', async () => {
    const { app, apiCalls } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '2000', UPSTREAM_RETRIES: '2' });
    await setFaults(app, { errorRate: 1 });
    const { res, ms, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 502);
    assert.equal(body.error.code, 'upstream_error');
    assert.ok(body.error.requestId);
    assert.ok(ms < 2000, `${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the other endpoint's last retry
    assert.equal(apiCalls().length, 6, 'two endpoints, three attempts each');
  });

  it('one 500, then health: the retry answers fresh data', async () => {
    const { app, apiCalls } = sandboxApp();
    await setFaults(app, { errorRate: 1, limit: 1 });
    const { res, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 200);
    assert.equal(body.stats.memberShares, 8);
    assert.equal(apiCalls().length, 3);
  });

  it('429 with a short Retry-After: waits that long, then answers fresh data', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '3000' });
    await setFaults(app, { rateLimitRate: 1, retryAfterSeconds: 1, limit: 1 });
    const { res, ms } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 200);
    assert.ok(ms >= 950, `honoured Retry-After: ${ms} ms`);
  });

  it('429 with a long Retry-After: 503 at once, passing Retry-After on', async () => {
    const { app, apiCalls } = sandboxApp();
    await setFaults(app, { rateLimitRate: 1, retryAfterSeconds: 30 });
    const { res, ms, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 503);
    assert.equal(body.error.code, 'upstream_rate_limited');
    assert.equal(res.headers.get('retry-after'), '30');
    assert.equal(apiCalls().length, 2, 'no retry against a long Retry-After');
    assert.ok(ms < 500, `${ms} ms`);
  });

  it('malformed JSON: retried; on every call, a clear 502', async () => {
    const once = sandboxApp();
    await setFaults(once.app, { malformedRate: 1, limit: 1 });
    assert.equal((await once.app.request('/v1/me', bearer(await ada()))).status, 200);

    const always = sandboxApp();
    await setFaults(always.app, { malformedRate: 1 });
    const { res, body } = await timed(async () => always.app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 502);
    assert.equal(body.error.code, 'upstream_bad_response');
  });

  it('a failing upstream after a cache drop: the last good data, marked stale', async () => {
    const { app, config } = sandboxApp();
    assert.equal((await app.request('/v1/me', bearer(await ada()))).status, 200);
    await setFaults(app, { errorRate: 1 });
    const hook = await app.request(`/v1/hooks/referralrock?secret=${config.webhookSecret}`, { method: 'POST', body: JSON.stringify({ memberId: 'unknown' }) });
    assert.equal(hook.status, 200);
    const { res, body } = await timed(async () => app.request('/v1/me', bearer(await ada())));
    assert.equal(res.status, 200);
    assert.equal(body.stale, true);
    assert.equal(body.stats.memberShares, 8);
  });

  it('the circuit opens after repeated failures: fails fast with 503, serves stale data, and closes again', async () => {
    const { app, apiCalls, config } = sandboxApp({ BREAKER_THRESHOLD: '2', BREAKER_COOLDOWN_MS: '300', UPSTREAM_RETRIES: '0' });
    assert.equal((await app.request('/v1/me', bearer(await ada()))).status, 200);
    await setFaults(app, { errorRate: 1 });
    assert.equal((await app.request('/v1/me', bearer(await grace()))).status, 502); // two failures: open
    const before = apiCalls().length;
    const { res, ms, body } = await timed(async () => app.request('/v1/me', bearer(await grace())));
    assert.equal(res.status, 503);
    assert.equal(body.error.code, 'upstream_unavailable');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    assert.ok(ms < 100, `failed fast: ${ms} ms`);
    assert.equal(apiCalls().length, before, 'no upstream call while open');

    await app.request(`/v1/hooks/referralrock?secret=${config.webhookSecret}`, { method: 'POST', body: '{}' });
    const cached = (await (await app.request('/v1/me', bearer(await ada()))).json()) as MeResponse;
    assert.equal(cached.stale, true, 'a cached member still gets data while the circuit is open');

    await app.request('/sandbox/_faults', { method: 'DELETE', headers: SANDBOX_AUTH });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const healed = await app.request('/v1/me', bearer(await grace()));
    assert.equal(healed.status, 200, 'a trial call closes the circuit');
    assert.equal(app.referralRock.circuit, 'closed');
  });
});

describe('upstream faults over real sockets', () => {
  let server: RunningServer;
  before(async () => {
    server = await startNodeServer({ PORT: '0', MEMBER_TOKEN_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: '500' }, () => {});
  });
  after(() => server.close());

  it('a hanging connection: 504 at the timeout; a cached member gets stale data instead', async () => {
    const token = await ada();
    const warm = await fetch(`${server.url}/v1/me`, bearer(token));
    assert.equal(warm.status, 200);
    const faults = await fetch(`${server.url}/sandbox/_faults`, { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ hangRate: 1 }) });
    assert.equal(faults.status, 200);

    const started = Date.now();
    const cold = await fetch(`${server.url}/v1/me`, bearer(await grace()));
    const ms = Date.now() - started;
    assert.equal(cold.status, 504);
    assert.equal(((await cold.json()) as ErrorBody).error.code, 'upstream_timeout');
    assert.ok(ms >= 450 && ms < 900, `${ms} ms`);

    await fetch(`${server.url}/v1/hooks/referralrock?secret=${server.config.webhookSecret}`, { method: 'POST', body: '{}' });
    const stale = await fetch(`${server.url}/v1/me`, bearer(token));
    assert.equal(stale.status, 200);
    assert.equal(((await stale.json()) as MeResponse).stale, true);
    await fetch(`${server.url}/sandbox/_faults`, { method: 'DELETE', headers: SANDBOX_AUTH });
  });
});
