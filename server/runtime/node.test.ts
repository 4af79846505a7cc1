/** The Node entry over real sockets: client address from the connection, JSON logs, webhooks at start. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startNodeServer, type RunningServer } from './node.js';
import { signMemberToken } from '../security/member-token.js';
import { SECRET, until } from '../test-helpers.js';
import { WEBHOOK_EVENTS } from '../routes/webhooks.js';
import type { HookHistoryList } from '../../types/referralrock.js';
import type { ErrorBody, MeResponse } from '../../types/v1.js';

describe('startNodeServer', () => {
  let server: RunningServer;
  const lines: string[] = [];
  before(async () => {
    server = await startNodeServer({ PORT: '0', MEMBER_TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: 'https://shop.example.com' }, (line) => lines.push(line));
  });
  after(() => server.close());

  it('rate limits by the connection’s address, ignoring a forged X-Forwarded-For', async () => {
    const limited = await startNodeServer({ PORT: '0', MEMBER_TOKEN_SECRET: SECRET, RATE_LIMIT_IP_PER_MIN: '2' }, () => {});
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${limited.url}/v1/me`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
        statuses.push(res.status);
        await res.body?.cancel();
      }
      assert.deepEqual(statuses, [401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('answers /v1/me over a socket with every API header', async () => {
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const res = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: 'https://shop.example.com', 'x-request-id': 'edge-42' } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as MeResponse).member.referralCode !== undefined, true);
    const headers = Object.fromEntries(res.headers);
    assert.equal(headers['x-request-id'], 'edge-42');
    assert.equal(headers['access-control-allow-origin'], 'https://shop.example.com');
    assert.equal(headers.vary, 'Origin');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.match(headers['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal(headers['cache-control'], 'private, no-store');
    assert.equal(headers['content-type'], 'application/json');
  });

  it('refuses many small headers over 16 KB itself, in JSON an allowed site can read; a single huge one is Node’s to refuse', async () => {
    // Under Node's own limit (it counts names and values alone), over ours (4 bytes more a header).
    const many: Record<string, string> = { origin: 'https://shop.example.com' };
    for (let i = 0; i < 1000; i++) many[`x${String(i).padStart(4, '0')}`] = 'v'.repeat(11);
    const res = await fetch(`${server.url}/v1/me`, { headers: many });
    assert.equal(res.status, 431);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'headers_too_large');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    const huge = await fetch(`${server.url}/v1/me`, { headers: { 'x-junk': 'j'.repeat(20 * 1024) } });
    assert.equal(huge.status, 431);
    await huge.body?.cancel();
  });

  it('answers HEAD, a preflight and an unlisted origin with CORS and security headers', async () => {
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const head = await fetch(`${server.url}/v1/me`, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, origin: 'https://shop.example.com' } });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal(head.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.equal(head.headers.get('x-content-type-options'), 'nosniff');
    const preflight = await fetch(`${server.url}/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    assert.equal(preflight.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(preflight.headers.get('x-request-id'));
    const unlisted = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example.net' } });
    assert.equal(unlisted.status, 200);
    assert.equal(unlisted.headers.get('access-control-allow-origin'), null);
    assert.equal(unlisted.headers.get('vary'), 'Origin');
    await unlisted.body?.cancel();
  });

  it('writes one JSON line per request, with its request id', async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    const id = res.headers.get('x-request-id');
    const line = lines.map((l) => (l.startsWith('{') ? JSON.parse(l) : null)).find((entry) => entry?.requestId === id);
    assert.deepEqual({ msg: line?.msg, path: line?.path, status: line?.status }, { msg: 'request', path: '/healthz', status: 200 });
  });

  it('subscribes its webhook receiver to its sandbox at start', async () => {
    assert.equal(await server.webhooksSubscribed, WEBHOOK_EVENTS.length);
    assert.ok(lines.some((l) => /webhooks subscribed/.test(l)), 'the outcome was logged');
    assert.ok(!lines.join('\n').includes(server.config.webhookSecret), 'the webhook secret is not logged');
  });

  it('receives its sandbox’s events: a new referral is delivered to the receiver and shows on the next load', async () => {
    const sandboxAuth = { authorization: `Basic ${btoa('sandbox-public:sandbox-private')}`, 'content-type': 'application/json' };
    const token = await signMemberToken({ email: 'grace@example.com' }, SECRET);
    const before = (await (await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`} })).json()) as MeResponse;
    const created = await fetch(`${server.url}/sandbox/api/referrals`, {
      method: 'POST',
      headers: sandboxAuth,
      body: JSON.stringify({ referralCode: 'GRACE42', firstName: 'Friend', email: 'friend-of-grace@example.net' }),
    });
    assert.equal(created.status, 200);
    await until(async () => {
      const history = (await (await fetch(`${server.url}/sandbox/api/hooks/history/ReferralAdd`, { headers: sandboxAuth })).json()) as HookHistoryList;
      return history.history.some((item) => item.status === 'Delivered' && item.target_url.includes('/v1/hooks/referralrock'));
    }, { what: 'the receiver accepted the ReferralAdd delivery', timeout: 3000, every: 50 });
    const after = (await (await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as MeResponse;
    assert.equal(after.stats.referralsCount, before.stats.referralsCount! + 1);
  });

  it('answers 416 to a Range a static file cannot satisfy (reversed, past its end, not bytes), 206 to one it can', async () => {
    const size = statSync(new URL('../../demo/index.html', import.meta.url)).size;
    for (const range of ['bytes=500-100', `bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=0-1,5-6', 'items=0-1']) {
      for (const path of ['/demo/index.html', '/']) {
        const res = await fetch(`${server.url}${path}`, { headers: { range } });
        assert.equal(res.status, 416, `${path} ${range}`);
        assert.equal(res.headers.get('content-range'), `bytes */${size}`);
        await res.body?.cancel();
      }
    }
    const part = await fetch(`${server.url}/demo/index.html`, { headers: { range: 'bytes=0-9' } });
    assert.equal(part.status, 206);
    assert.equal((await part.text()).length, 10);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the server is still up');
  });

  it('serves the demo page and its files with nosniff, Cache-Control, an ETag and 304, and no TypeScript source', async () => {
    for (const [path, cacheControl] of [
      ['/', 'no-cache'],
      ['/demo/demo.css', 'no-cache'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      await res.body?.cancel();
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('cache-control'), cacheControl, path);
      const etag = res.headers.get('etag');
      assert.match(etag ?? '', /^"[0-9a-f]+-[0-9a-f]+"$/, path);
      const again = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': `W/"other", ${etag}` } });
      assert.equal(again.status, 304, path);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      const changed = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': '"0-0"' } });
      assert.equal(changed.status, 200, path);
      await changed.body?.cancel();
    }
    for (const path of ['/demo/e2e-harness.ts', '/demo/simulate.e2e.test.ts', '/demo/tsconfig.json/../e2e-harness.ts']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.notEqual(res.headers.get('content-type'), 'video/mp2t');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.body?.cancel();
    }
  });

  it('is ready once its upstream answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ready');
  });

  it('says in one line that its port is taken — from startNodeServer, and from `npm run serve` on stderr with exit 1, no stack', async () => {
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      await assert.rejects(startNodeServer({ PORT: String(port), MEMBER_TOKEN_SECRET: SECRET }, () => {}), {
        message: `port ${port} on 127.0.0.1 is already in use (another server?): stop it, or set PORT to a free port (PORT=0 picks one).`,
      });
      const entry = spawnSync(process.execPath, ['--import', 'tsx', 'server/runtime/main.ts'], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { PATH: process.env.PATH, PORT: String(port), MEMBER_TOKEN_SECRET: SECRET },
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(entry.status, 1);
      assert.equal(entry.stderr.trim(), `referral-share: could not start: port ${port} on 127.0.0.1 is already in use (another server?): stop it, or set PORT to a free port (PORT=0 picks one).`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
