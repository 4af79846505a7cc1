/**
 * The "Mount it in your server" recipes of docs/deployment.md, each on a real server on 127.0.0.1: Fastify,
 * Koa, Express with a mount path, `node:http` at the root, TRUST_PROXY behind a proxy — and the
 * fetch handler a Next.js route handler exports, called with a `Request`.
 */
import express from 'express';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import Koa from 'koa';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { loadConfig } from '../config.js';
import { createFetchHandler } from './fetch-handler.js';
import { nodeHandler, type NodeHandler } from './node-handler.js';
import { adaToken, close, httpFrom, listen, mountEnv, SECRET, WEBHOOK_SECRET } from './mount-test-helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Ada's `/v1/me` and a webhook naming her, at `root` (the mount as the browser sees it), from 127.0.0.3. */
async function assertServes(root: string, handler: NodeHandler): Promise<MeResponse> {
  const res = await httpFrom('127.0.0.3', `${root}/v1/me`, { headers: { authorization: `Bearer ${await adaToken()}` } });
  assert.equal(res.status, 200, res.text);
  const me = JSON.parse(res.text) as MeResponse;
  assert.equal(me.member.referralCode, 'ADA2024');
  const hook = await httpFrom('127.0.0.3', `${root}/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"referralCode":"ADA2024"}',
  });
  assert.equal(hook.status, 200, hook.text);
  assert.ok((await handler.webhooksSubscribed) > 0);
  return me;
}

describe('Mount it in your server', () => {
  it('Fastify: a scope that leaves the body unread, forwarding /rewards and below', async () => {
    const fastify = Fastify();
    const holder: { origin?: string; handler?: NodeHandler } = {};
    await fastify.register(async (scope) => {
      // This scope's requests reach the backend unparsed; the rest of the app keeps Fastify's parsers.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const forward = (request: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        return holder.handler!(request.raw, reply.raw);
      };
      scope.all('/rewards', forward);
      scope.all('/rewards/*', forward);
    });
    fastify.post('/orders', async (request) => ({ parsed: request.body }));
    holder.origin = await fastify.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => fastify.close());
    holder.handler = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', holder.origin), log: () => {} });
    cleanups.push(() => holder.handler!.close());

    const me = await assertServes(`${holder.origin}/rewards`, holder.handler);
    assert.equal(me.links.shareUrl, `${holder.origin}/rewards/sandbox/r/ADA2024`);
    const order = await httpFrom('127.0.0.3', `${holder.origin}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sku":1}' });
    assert.deepEqual(JSON.parse(order.text), { parsed: { sku: 1 } }, 'the shop’s own routes still parse JSON');
  });

  it('Koa: a middleware that hands the raw request over, and goes on for other paths', async () => {
    const app = new Koa();
    const server = createServer(app.callback());
    const origin = await listen(server);
    const rewards = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', origin), log: () => {} });
    cleanups.push(() => close(server), () => rewards.close());
    app.use(async (ctx, next) => {
      ctx.respond = false; // the backend writes the response itself…
      await rewards(ctx.req, ctx.res, () => {
        ctx.respond = true; // …unless the path is not its own
        return next();
      });
    });
    app.use((ctx) => void (ctx.body = 'the shop'));

    await assertServes(`${origin}/rewards`, rewards);
    assert.equal((await httpFrom('127.0.0.3', `${origin}/cart`)).text, 'the shop');
  });

  it('Express 5 with a mount path: app.use("/rewards", handler), before express.json()', async () => {
    const app = express();
    const server = createServer(app);
    const origin = await listen(server);
    const rewards = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', origin), log: () => {} });
    cleanups.push(() => close(server), () => rewards.close());
    app.use('/rewards', rewards);
    app.use(express.json());
    await assertServes(`${origin}/rewards`, rewards);
  });

  it('node:http at the root: every route answers — the API, health, the sandbox and its share pages', async () => {
    let handler: NodeHandler | undefined;
    const server = createServer((req, res) => void handler?.(req, res));
    const origin = await listen(server);
    handler = await nodeHandler({ env: mountEnv('sandbox', origin), log: () => {} });
    cleanups.push(() => close(server), () => handler!.close());

    const me = await assertServes(origin, handler);
    assert.equal(me.links.shareUrl, `${origin}/sandbox/r/ADA2024`);
    assert.equal((await httpFrom('127.0.0.3', me.links.shareUrl)).status, 200);
    assert.equal((await httpFrom('127.0.0.3', `${origin}/healthz`)).status, 200);
    assert.equal((await httpFrom('127.0.0.3', `${origin}/readyz`)).status, 200);
    const trace = await httpFrom('127.0.0.3', `${origin}/v1/me`, { method: 'TRACE' });
    assert.equal(trace.status, 405, 'TRACE (which a fetch Request cannot carry) is refused in JSON, not a 500');
    assert.equal((JSON.parse(trace.text) as ErrorBody).error.code, 'method_not_allowed');
    const unknown = await httpFrom('127.0.0.3', `${origin}/nowhere`);
    assert.equal(unknown.status, 404);
    assert.equal((JSON.parse(unknown.text) as ErrorBody).error.code, 'not_found');
  });

  it('TRUST_PROXY=1 behind a proxy on the same socket: one bucket per forwarded visitor; without it, a forged X-Forwarded-For shares the socket’s', async () => {
    for (const trustProxy of ['1', 'false']) {
      let handler: NodeHandler | undefined;
      const server = createServer((req, res) => void handler?.(req, res));
      const origin = await listen(server);
      handler = await nodeHandler({ basePath: '/rewards', env: { ...mountEnv('sandbox', origin), RATE_LIMIT_IP_PER_MIN: '2', TRUST_PROXY: trustProxy }, log: () => {} });
      cleanups.push(() => close(server), () => handler!.close());
      const statuses: number[] = [];
      for (const visitor of ['198.51.100.1', '198.51.100.1', '198.51.100.2']) {
        statuses.push((await httpFrom('127.0.0.2', `${origin}/rewards/v1/me`, { headers: { 'x-forwarded-for': visitor } })).status);
      }
      assert.deepEqual(statuses, trustProxy === '1' ? [401, 401, 401] : [401, 401, 429], `TRUST_PROXY=${trustProxy}`);
    }
  });

  it('sandbox links name the socket’s address and port, whatever Host the first request names', async () => {
    let handler: NodeHandler | undefined;
    const server = createServer((req, res) => void handler?.(req, res));
    const origin = await listen(server);
    handler = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', origin), log: () => {} });
    cleanups.push(() => close(server), () => handler!.close());
    const token = await adaToken();
    const res = await httpFrom('127.0.0.3', `${origin}/rewards/v1/me`, { headers: { host: 'evil.example', authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, res.text);
    assert.equal((JSON.parse(res.text) as MeResponse).links.shareUrl, `${origin}/rewards/sandbox/r/ADA2024`);
  });

  it('refuses a bad basePath and a PUBLIC_URL that misses the mount, saying which', async () => {
    await assert.rejects(nodeHandler({ basePath: 'rewards/../x', env: mountEnv('sandbox', 'http://127.0.0.1:1') }), /basePath must be a path like "\/rewards"/);
    await assert.rejects(
      nodeHandler({ basePath: '/rewards', env: { ...mountEnv('sandbox', 'http://127.0.0.1:1'), PUBLIC_URL: 'https://shop.example.com' }, log: () => {} }),
      /PUBLIC_URL must name the mount, ending with \/rewards/,
    );
  });
});

describe('Next.js route handler (app/api/rewards/[...path]/route.ts): the fetch handler with a basePath', () => {
  const handler = createFetchHandler(loadConfig({ MEMBER_TOKEN_SECRET: SECRET }), { log: () => {} }, { basePath: '/api/rewards' });

  it('answers /api/rewards/v1/me, and its sandbox links name the route', async () => {
    const res = await handler(new Request('http://shop.test/api/rewards/v1/me', { headers: { authorization: `Bearer ${await adaToken()}` } }));
    assert.equal(res.status, 200, await res.clone().text());
    const me = (await res.json()) as MeResponse;
    assert.equal(me.links.shareUrl, 'http://shop.test/api/rewards/sandbox/r/ADA2024');
    const share = await handler(new Request(me.links.shareUrl));
    assert.equal(share.status, 200);
  });

  it('answers 404 in the one error shape outside its path', async () => {
    const res = await handler(new Request('http://shop.test/api/rewardsx/v1/me'));
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'not_found');
  });
});
