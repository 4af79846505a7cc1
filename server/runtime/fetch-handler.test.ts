import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { SECRET } from '../test-helpers.js';
import liveWorker from './cloudflare.js';
import { LIVE_ONLY_PROBLEM } from './cloudflare-worker.js';
import worker from './cloudflare-sandbox.js';
import { createFetchHandler } from './fetch-handler.js';

const adaToken = () => signMemberToken({ email: 'ada@example.com' }, SECRET, { name: 'Ada' });

describe('createFetchHandler', () => {
  it('in sandbox mode, serves /v1/me from the in-process sandbox with links on the request’s origin', async () => {
    const handler = createFetchHandler(loadConfig({ MEMBER_TOKEN_SECRET: SECRET }));
    const response = await handler(new Request('https://rewards.example.com/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }));
    assert.equal(response.status, 200);
    const body = (await response.json()) as MeResponse;
    assert.equal(body.links.shareUrl, 'https://rewards.example.com/sandbox/r/ADA2024');
    assert.equal(body.stats.memberShares, 8);
  });
});

describe('createFetchHandler in sandbox mode: whose address the links name', () => {
  it('the address the entry listens on (Bun, Deno), whatever Host the first request names', async () => {
    const handler = createFetchHandler(loadConfig({ MEMBER_TOKEN_SECRET: SECRET }), {}, { baseUrl: 'http://127.0.0.1:8787' });
    const forged = await handler(new Request('http://evil.example/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }));
    assert.equal(((await forged.json()) as MeResponse).links.shareUrl, 'http://127.0.0.1:8787/sandbox/r/ADA2024');
  });

  it('PUBLIC_URL, when set, on every runtime', async () => {
    const handler = createFetchHandler(loadConfig({ MEMBER_TOKEN_SECRET: SECRET, PUBLIC_URL: 'https://demo.example.com' }), {}, { baseUrl: 'http://127.0.0.1:8787' });
    const res = await handler(new Request('http://evil.example/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }));
    assert.equal(((await res.json()) as MeResponse).links.shareUrl, 'https://demo.example.com/sandbox/r/ADA2024');
  });
});

describe('the Cloudflare Worker entries', () => {
  it('counts each client by cf-connecting-ip, the address Cloudflare sets', async () => {
    const bindings = { MEMBER_TOKEN_SECRET: SECRET, RATE_LIMIT_IP_PER_MIN: 2 }; // an unquoted [vars] number
    const from = (address: string) => worker.fetch(new Request('https://w.example.com/v1/me', { headers: { 'cf-connecting-ip': address } }), bindings);
    assert.deepEqual([(await from('198.51.100.7')).status, (await from('198.51.100.7')).status, (await from('198.51.100.7')).status], [401, 401, 429]);
    assert.equal((await from('198.51.100.8')).status, 401, 'another address has its own bucket');
  });

  it('the sandbox entry reads its configuration from the bindings and serves the app', async () => {
    const response = await worker.fetch(new Request('https://w.example.com/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }), {
      MEMBER_TOKEN_SECRET: SECRET,
      SOME_KV_NAMESPACE: { get() {} }, // bindings that are not strings are ignored
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as MeResponse).member.referralCode, 'ADA2024');
  });

  it('answers 500 server_misconfigured for a bad configuration, and logs the reasons (not to the caller)', async (t) => {
    const logged: string[] = [];
    t.mock.method(console, 'error', (line: string) => logged.push(line));
    const response = await worker.fetch(new Request('https://w.example.com/v1/me'), { REFERRALROCK_API_KEY: 'public:private' });
    assert.equal(response.status, 500);
    const body = (await response.json()) as ErrorBody;
    assert.equal(body.error.code, 'server_misconfigured');
    assert.doesNotMatch(body.error.message, /MEMBER_TOKEN_SECRET/);
    assert.match(logged.join('\n'), /MEMBER_TOKEN_SECRET must be set/);
  });

  it('the live entry, deployed without REFERRALROCK_API_KEY, answers 500 server_misconfigured and logs that it serves live mode only', async (t) => {
    const logged: string[] = [];
    t.mock.method(console, 'error', (line: string) => logged.push(line));
    const response = await liveWorker.fetch(new Request('https://w.example.com/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }), { MEMBER_TOKEN_SECRET: SECRET });
    assert.equal(response.status, 500);
    assert.equal(((await response.json()) as ErrorBody).error.code, 'server_misconfigured');
    assert.ok(logged.join('\n').includes(LIVE_ONLY_PROBLEM), logged.join('\n'));
    assert.equal((await liveWorker.fetch(new Request('https://w.example.com/sandbox/api/members'), { MEMBER_TOKEN_SECRET: SECRET })).status, 500, 'no sandbox answers in its place');
  });
});
