/**
 * The backend mounted at /rewards in a shop's own Node server — a fresh Express 5 app with a global
 * `express.json()`, and a plain `node:http` server — in live mode (against the sandbox over real
 * HTTP) and in sandbox mode: members load, webhooks arrive, and two visitors (two socket addresses)
 * have two rate-limit buckets. Real sockets on 127.0.0.1 throughout.
 */
import express from 'express';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { nodeHandler, type NodeHandler } from './node-handler.js';
import {
  adasNewReferral,
  adaToken,
  close,
  httpFrom,
  listen,
  logWatch,
  mountEnv,
  SANDBOX_BASIC,
  upstreamSandbox,
} from './mount-test-helpers.js';

/** A shop's server with the backend mounted, as each host server does it. */
interface Shop {
  server: Server;
  /** Puts the backend in; called once the shop listens (live mode's PUBLIC_URL names the port). */
  mount(handler: NodeHandler): void;
}

const shops: Record<string, () => Shop> = {
  'Express 5 with a global express.json()': () => {
    const app = express();
    app.use(express.json());
    app.get('/', (_req, res) => void res.send('the shop'));
    const server = createServer(app);
    return { server, mount: (handler) => void app.use(handler) };
  },
  'plain node:http': () => {
    let handler: NodeHandler | undefined;
    const server = createServer((req, res) => void handler?.(req, res));
    return { server, mount: (h) => void (handler = h) };
  },
};

for (const [shopName, makeShop] of Object.entries(shops)) {
  for (const mode of ['live', 'sandbox'] as const) {
    describe(`${shopName}, /rewards, ${mode} mode`, () => {
      let shop: Shop;
      let origin: string;
      let handler: NodeHandler;
      let upstream: Awaited<ReturnType<typeof upstreamSandbox>> | undefined;
      const logs = logWatch();

      before(async () => {
        if (mode === 'live') upstream = await upstreamSandbox();
        shop = makeShop();
        origin = await listen(shop.server);
        handler = await nodeHandler({ basePath: '/rewards', env: mountEnv(mode, origin, upstream?.url), log: logs.log });
        shop.mount(handler);
      });
      after(async () => {
        await close(shop.server);
        await handler.close();
        await upstream?.close();
      });

      it('loads a member, whose share link works at this mount and port; a webhook arrives and shows a new referral; each visitor has a bucket', async () => {
        const token = await adaToken();
        const member = { authorization: `Bearer ${token}` };
        const first = await httpFrom('127.0.0.3', `${origin}/rewards/v1/me`, { headers: member });
        assert.equal(first.status, 200, first.text);
        const me = JSON.parse(first.text) as MeResponse;
        assert.deepEqual(me.member, { name: 'Ada', referralCode: 'ADA2024' });
        const shareUrl = me.links.shareUrl!;
        assert.equal(shareUrl, mode === 'sandbox' ? `${origin}/rewards/sandbox/r/ADA2024` : `${upstream!.url}/r/ADA2024`);
        const sharePage = await httpFrom('127.0.0.3', shareUrl);
        assert.equal(sharePage.status, 200);
        assert.match(sharePage.text, /ADA2024/);
        const referralsBefore = me.stats.referralsCount ?? 0;

        assert.ok((await handler.webhooksSubscribed) > 0, 'the webhook receiver at /rewards is subscribed');
        const arrived = logs.next((entry) => entry.msg === 'webhook' && entry.event === 'ReferralAdd');
        const answered = logs.next((entry) => entry.msg === 'request' && entry.method === 'POST' && entry.path === '/v1/hooks/referralrock');
        // A friend signs up through Ada's link: in sandbox mode through the shop's own server (behind its parser).
        const apiUrl = mode === 'sandbox' ? `${origin}/rewards/sandbox/api/referrals` : `${upstream!.url}/api/referrals`;
        const added = await httpFrom('127.0.0.4', apiUrl, {
          method: 'POST',
          headers: { authorization: SANDBOX_BASIC, 'content-type': 'application/json' },
          body: adasNewReferral(`friend-${mode}@example.com`),
        });
        assert.equal(added.status, 200, added.text);
        const webhook = await arrived;
        assert.equal(webhook.namedMembers, true);
        assert.equal((await answered).status, 200, 'the delivery was answered 200');
        const second = await httpFrom('127.0.0.3', `${origin}/rewards/v1/me`, { headers: member });
        assert.equal((JSON.parse(second.text) as MeResponse).stats.referralsCount, referralsBefore + 1, 'the cached stats were dropped by the webhook');

        // Visitor one (127.0.0.2) floods; visitor two (127.0.0.3) still loads.
        const flood: number[] = [];
        for (let i = 0; i < 5; i++) flood.push((await httpFrom('127.0.0.2', `${origin}/rewards/v1/me`)).status);
        assert.deepEqual(flood, [401, 401, 401, 401, 429]);
        assert.equal((await httpFrom('127.0.0.3', `${origin}/rewards/v1/me`, { headers: member })).status, 200);
      });

      it('leaves the shop its own paths: Express goes on to its routes, node:http answers 404 in the one error shape', async () => {
        const home = await httpFrom('127.0.0.5', `${origin}/`);
        const lookalike = await httpFrom('127.0.0.5', `${origin}/rewardsx/v1/me`);
        assert.equal(lookalike.status, 404);
        if (shopName.startsWith('Express')) {
          assert.equal(home.text, 'the shop');
        } else {
          assert.equal(home.status, 404);
          assert.equal((JSON.parse(home.text) as ErrorBody).error.code, 'not_found');
        }
      });
    });
  }
}
