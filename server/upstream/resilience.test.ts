/**
 * The backend against the sandbox's fault injection (server/sandbox/faults.ts): latency, 500s,
 * 429 with Retry-After, hanging connections and malformed JSON — and against answers too large to
 * read. Each time the widget gets fresh data, stale data marked as such, or a clear 5xx, and never
 * waits past the timeout. Time is Node's fake clock (`mock.timers`): nothing here sleeps.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { createApp, createAppParts, type AppDependencies } from '../app.js';
import { loadConfig } from '../config.js';
import { startNodeServer, type RunningServer } from '../runtime/node.js';
import { signMemberToken } from '../security/member-token.js';
import { SANDBOX_AUTH, SECRET, bearer, sandboxApp, setFaults } from '../test-helpers.js';
import type { ErrorBody, MeResponse } from '../../types/v1.js';

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const ada = () => signMemberToken({ email: 'ada@example.com' }, SECRET);
const grace = () => signMemberToken({ email: 'grace@example.com' }, SECRET);

type App = ReturnType<typeof sandboxApp>['app'];

/** Longest a request may take on the fake clock before the test gives up on it. */
const FAKE_DEADLINE_MS = 60_000;

/**
 * Requests `path` while moving the fake clock a millisecond at a time, only once everything else
 * that could run has run: `ms` is the (fake) time the answer took.
 */
async function timed(app: App, path: string, token: string) {
  let settled = false;
  const answer = Promise.resolve(app.request(path, bearer(token))).finally(() => (settled = true));
  const started = Date.now();
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    assert.ok(Date.now() - started < FAKE_DEADLINE_MS, `no answer within ${FAKE_DEADLINE_MS} ms of fake time`);
    mock.timers.tick(1);
  }
  const res = await answer;
  return { res, ms: Date.now() - started, body: (await res.json()) as MeResponse & ErrorBody };
}

/** Has the app verify `token` once (a 400 before any upstream call): later requests spend no real time on crypto. */
async function verified(app: App, token: Promise<string>): Promise<string> {
  const value = await token;
  assert.equal((await app.request('/v1/me?timePeriod=none', bearer(value))).status, 400);
  return value;
}

const webhook = (app: App, secret: string, body: unknown) =>
  app.request(`/v1/hooks/referralrock?secret=${secret}`, { method: 'POST', body: JSON.stringify(body) });

describe('upstream faults (sandbox fault injection)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.now() }));
  afterEach(() => mock.timers.reset());

  it('latency under the timeout: fresh data, just later (the lookup, then links and stats at once)', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '1000' });
    const token = await verified(app, ada());
    await setFaults(app, { latencyMs: 300 });
    const { res, ms, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 200);
    assert.equal(body.member.referralCode, 'ADA2024');
    assert.equal(body.stale, undefined);
    assert.ok(ms >= 600 && ms < 650, `${ms} ms`);
  });

  it('latency past the timeout: 504 at the timeout, not later', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '400' });
    const token = await verified(app, ada());
    await setFaults(app, { latencyMs: 3000 });
    const { res, ms, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 504);
    assert.equal(body.error.code, 'upstream_timeout');
    assert.ok(ms >= 400 && ms < 450, `${ms} ms`);
  });

  it('500 on every call: retried, then a clear 502 within the timeout', async () => {
    const { app, apiCalls } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '2000', UPSTREAM_RETRIES: '2' });
    const token = await verified(app, ada());
    await setFaults(app, { errorRate: 1 });
    const { res, ms, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 502);
    assert.equal(body.error.code, 'upstream_error');
    assert.ok(body.error.requestId);
    assert.ok(ms < 2000, `${ms} ms`);
    assert.deepEqual(apiCalls(), Array(3).fill('GET /sandbox/api/members'), 'the lookup, three attempts; nothing asked without it');
  });

  it('one 500, then health: the retry answers fresh data', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await verified(app, ada());
    await setFaults(app, { errorRate: 1, limit: 1 });
    const { res, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 200);
    assert.equal(body.stats.memberShares, 8);
    assert.equal(apiCalls().length, 6, 'lookup twice, links, stats, program, rules');
  });

  it('429 with a short Retry-After: waits that long, then answers fresh data', async () => {
    const { app } = sandboxApp({ UPSTREAM_TIMEOUT_MS: '3000' });
    const token = await verified(app, ada());
    await setFaults(app, { rateLimitRate: 1, retryAfterSeconds: 1, limit: 1 });
    const { res, ms } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 200);
    assert.ok(ms >= 1000 && ms < 1050, `honoured Retry-After: ${ms} ms`);
  });

  it('429 with a long Retry-After: 503 at once, passing Retry-After on', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await verified(app, ada());
    await setFaults(app, { rateLimitRate: 1, retryAfterSeconds: 30 });
    const { res, ms, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 503);
    assert.equal(body.error.code, 'upstream_rate_limited');
    assert.equal(res.headers.get('retry-after'), '30');
    assert.equal(apiCalls().length, 1, 'no retry against a long Retry-After');
    assert.ok(ms < 10, `${ms} ms`);
  });

  it('malformed JSON: retried; on every call, a clear 502', async () => {
    const once = sandboxApp();
    const onceToken = await verified(once.app, ada());
    await setFaults(once.app, { malformedRate: 1, limit: 1 });
    assert.equal((await timed(once.app, '/v1/me', onceToken)).res.status, 200);

    const always = sandboxApp();
    const alwaysToken = await verified(always.app, ada());
    await setFaults(always.app, { malformedRate: 1 });
    const { res, body } = await timed(always.app, '/v1/me', alwaysToken);
    assert.equal(res.status, 502);
    assert.equal(body.error.code, 'upstream_bad_response');
  });

  it('a failing upstream after a webhook dropped the member’s stats: the last good data, marked stale', async () => {
    const { app, config } = sandboxApp();
    const token = await verified(app, ada());
    assert.equal((await timed(app, '/v1/me', token)).res.status, 200);
    await setFaults(app, { errorRate: 1 });
    assert.equal((await webhook(app, config.webhookSecret, { memberId: ADA_ID })).status, 200);
    const { res, body } = await timed(app, '/v1/me', token);
    assert.equal(res.status, 200);
    assert.equal(body.stale, true);
    assert.equal(body.stats.memberShares, 8);
  });

  it('the circuit opens after repeated failures: fails fast with 503, serves stale data, and closes again', async () => {
    const { app, parts, apiCalls, config } = sandboxApp({ BREAKER_THRESHOLD: '2', BREAKER_COOLDOWN_MS: '300', UPSTREAM_RETRIES: '0' });
    const adaToken = await verified(app, ada());
    const graceToken = await verified(app, grace());
    assert.equal((await timed(app, '/v1/me', adaToken)).res.status, 200);
    await setFaults(app, { errorRate: 1 });
    for (let failure = 0; failure < 2; failure++) assert.equal((await timed(app, '/v1/me', graceToken)).res.status, 502); // two failures: open
    const before = apiCalls().length;
    const { res, ms, body } = await timed(app, '/v1/me', graceToken);
    assert.equal(res.status, 503);
    assert.equal(body.error.code, 'upstream_unavailable');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    assert.ok(ms < 5, `failed fast: ${ms} ms`);
    assert.equal(apiCalls().length, before, 'no upstream call while open');

    await webhook(app, config.webhookSecret, {});
    const cached = (await timed(app, '/v1/me', adaToken)).body;
    assert.equal(cached.stale, true, 'a cached member still gets data while the circuit is open');

    await app.request('/sandbox/_faults', { method: 'DELETE', headers: SANDBOX_AUTH });
    mock.timers.tick(300);
    const healed = await timed(app, '/v1/me', graceToken);
    assert.equal(healed.res.status, 200, 'a trial call closes the circuit');
    assert.equal(parts.referralRock.circuit, 'closed');
  });
});

describe('upstream answers too large to read', () => {
  const MB = 1024 * 1024;
  const GRACE_ID = '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21';

  /** 20 MB of valid JSON stats, made as it is read; `pulled` counts the bytes read so far. */
  function hugeStats(headers: Record<string, string>) {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = { pulled: 0 };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"memberShares":1,"pad":"')),
      pull(controller) {
        if (stream.pulled >= 20 * MB) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        stream.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { response: new Response(body, { headers: { 'content-type': 'application/json', ...headers } }), stream };
  }

  /** A live app whose upstream knows Ada and Grace, and answers Ada's stats with `adaStats()`. */
  function appWithUpstream(adaStats: () => Response) {
    const calls: string[] = [];
    const config = loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET });
    const deps: AppDependencies = {
      log: () => {},
      fetch: async (input) => {
        const url = String(input);
        calls.push(url);
        if (url.includes('api/members?')) {
          const id = url.includes('grace') ? GRACE_ID : ADA_ID;
          return Response.json({ members: [{ id, email: url.includes('grace') ? 'grace@example.com' : 'ada@example.com' }], total: 1 });
        }
        if (url.includes('memberaccessurls')) return Response.json({ referralCode: 'CODE', shareUrl: 'https://x.example/r/CODE' });
        return url.includes(ADA_ID) ? adaStats() : Response.json({ memberShares: 4 });
      },
    };
    const parts = createAppParts(config, deps);
    return { app: createApp(config, deps, parts), referralRock: parts.referralRock, calls };
  }

  for (const [what, headers] of [
    ['no Content-Length', {}],
    ['a lying Content-Length (100)', { 'content-length': '100' }],
  ] as const) {
    it(`20 MB with ${what}: read no further than 1 MB, 502 upstream_bad_response, nothing cached, others served`, async () => {
      const reads: Array<{ pulled: number }> = [];
      const { app, referralRock } = appWithUpstream(() => {
        const { response, stream } = hugeStats(headers);
        reads.push(stream);
        return response;
      });
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await app.request('/v1/me', bearer(await ada()));
        assert.equal(res.status, 502, 'not served, and not cached for the next load');
        assert.equal(((await res.json()) as ErrorBody).error.code, 'upstream_bad_response');
      }
      assert.equal(reads.length, 2, 'not retried within a load');
      for (const read of reads) assert.ok(read.pulled <= MB + 128 * 1024, `${read.pulled} bytes read`);
      const other = await app.request('/v1/me', bearer(await grace()));
      assert.equal(other.status, 200);
      assert.equal(((await other.json()) as MeResponse).stats.memberShares, 4);
      assert.equal(referralRock.circuit, 'closed');
    });
  }

  it('a declared Content-Length over 1 MB is refused before its body is read', async () => {
    const reads: Array<{ pulled: number }> = [];
    const { app } = appWithUpstream(() => {
      const { response, stream } = hugeStats({ 'content-length': String(20 * MB) });
      reads.push(stream);
      return response;
    });
    const res = await app.request('/v1/me', bearer(await ada()));
    assert.equal(res.status, 502);
    assert.ok(reads[0]!.pulled <= 128 * 1024, `${reads[0]!.pulled} bytes read`);
  });
});

describe('upstream faults over real sockets', () => {
  let server: RunningServer;
  before(async () => {
    // 1.5 s: a deadline a loaded CI machine's cold load (five calls through the loopback sandbox) keeps, well short of the 30 s hang.
    server = await startNodeServer({ PORT: '0', MEMBER_TOKEN_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: '1500' }, () => {});
  });
  after(() => server.close());

  it('a hanging connection: 504 upstream_timeout (well before the 30 s hang ends); a cached member gets stale data instead', async () => {
    const token = await ada();
    const warm = await fetch(`${server.url}/v1/me`, bearer(token));
    assert.equal(warm.status, 200);
    const faults = await fetch(`${server.url}/sandbox/_faults`, { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ hangRate: 1 }) });
    assert.equal(faults.status, 200);

    const cold = await fetch(`${server.url}/v1/me`, bearer(await grace()));
    assert.equal(cold.status, 504, 'the sandbox’s own answer after the hang would be a 502');
    assert.equal(((await cold.json()) as ErrorBody).error.code, 'upstream_timeout');

    await fetch(`${server.url}/v1/hooks/referralrock?secret=${server.config.webhookSecret}`, { method: 'POST', body: '{}' });
    const stale = await fetch(`${server.url}/v1/me`, bearer(token));
    assert.equal(stale.status, 200, await stale.clone().text());
    assert.equal(((await stale.json()) as MeResponse).stale, true);
    await fetch(`${server.url}/sandbox/_faults`, { method: 'DELETE', headers: SANDBOX_AUTH });
  });
});
