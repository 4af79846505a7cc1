/**
 * Bodies a body parser in front of the backend already read, over real HTTP into Express 5: the
 * exact bytes when a parser kept them, the parsed JSON when it kept only that, and a clear error
 * (in the one error shape, with a log line naming the fix) when what a route needs is gone.
 */
import express, { type RequestHandler } from 'express';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import type { ErrorBody } from '../../types/v1.js';
import { nodeHandler, type NodeHandler } from './node-handler.js';
import { close, httpFrom, listen, logWatch, mountEnv, WEBHOOK_SECRET } from './mount-test-helpers.js';

/** Spaced as no `JSON.stringify` would write it: a signature over it holds only for these bytes. */
const DELIVERY = '{ "referralCode" : "ADA2024",  "event": "ReferralAdd" }';
const signature = (body: string) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;

const servers: { server: Server; handler: NodeHandler }[] = [];
after(async () => {
  for (const { server, handler } of servers) {
    await close(server);
    await handler.close();
  }
});

/** An Express app with `parsers` in front of the backend at /rewards (sandbox mode). */
async function shopWith(...parsers: RequestHandler[]) {
  const logs = logWatch();
  const app = express();
  for (const parser of parsers) app.use(parser);
  const server = createServer(app);
  const origin = await listen(server);
  const handler = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', origin), log: logs.log });
  app.use(handler);
  servers.push({ server, handler });
  const deliver = (headers: Record<string, string>, query = '', body = DELIVERY) =>
    httpFrom('127.0.0.1', `${origin}/rewards/v1/hooks/referralrock${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { logs, deliver };
}

describe('nodeHandler behind a body parser', () => {
  const keepRaw = express.json({ verify: (req, _res, buf) => void ((req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf) });
  for (const [name, parser] of [
    ['express.json({ verify }) keeping req.rawBody', keepRaw],
    ['express.text() leaving a string', express.text({ type: '*/*' })],
    ['express.raw() leaving a Buffer', express.raw({ type: '*/*' })],
  ] as const) {
    it(`checks a signed webhook over the exact bytes behind ${name}`, async () => {
      const { deliver } = await shopWith(parser);
      const res = await deliver({ 'x-signature': signature(DELIVERY) });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(JSON.parse(res.text), { received: true });
    });
  }

  it('takes a webhook authenticated by its URL secret behind a global express.json() (the data, serialized again)', async () => {
    const { deliver, logs } = await shopWith(express.json());
    const res = await deliver({}, `?secret=${WEBHOOK_SECRET}&event=ReferralAdd`);
    assert.equal(res.status, 200, res.text);
    assert.ok(logs.entries.some((e) => e.msg === 'webhook' && e.namedMembers === true), 'Ada was named: the payload went through');
  });

  it('says a signed webhook cannot be checked behind a global express.json(), and the log names the fix; a forged one drops nothing', async () => {
    const { deliver, logs } = await shopWith(express.json());
    const res = await deliver({ 'x-signature': signature(DELIVERY) });
    assert.equal(res.status, 500);
    const body = JSON.parse(res.text) as ErrorBody;
    assert.equal(body.error.code, 'raw_body_unavailable');
    assert.match(body.error.message, /before its body parser/);
    const line = logs.entries.find((e) => e.level === 'error' && /body parser/.test(e.msg));
    assert.match(line?.msg ?? '', /mount referral-share before any body parser/);
    assert.match(line?.msg ?? '', /rawBody/);

    const forged = await deliver({ 'x-signature': `sha256=${'0'.repeat(64)}` });
    assert.notEqual(forged.status, 200);
    assert.equal(logs.entries.filter((e) => e.msg === 'webhook').length, 0, 'no stats were dropped');
  });

  it('answers the clear error, not a 401 or a 500 without reason, when a parser read the body and kept nothing', async () => {
    const swallow: RequestHandler = async (req, _res, next) => {
      for await (const _chunk of req);
      next();
    };
    const { deliver, logs } = await shopWith(swallow);
    const res = await deliver({}, `?secret=${WEBHOOK_SECRET}`);
    assert.equal(res.status, 500);
    assert.equal((JSON.parse(res.text) as ErrorBody).error.code, 'raw_body_unavailable');
    assert.ok(logs.entries.some((e) => e.level === 'error' && /mount referral-share before any body parser/.test(e.msg)));
  });

  it('reads the stream itself when the parser is mounted after it', async () => {
    const logs = logWatch();
    const app = express();
    const server = createServer(app);
    const origin = await listen(server);
    const handler = await nodeHandler({ basePath: '/rewards', env: mountEnv('sandbox', origin), log: logs.log });
    app.use(handler);
    app.use(express.json());
    servers.push({ server, handler });
    const res = await httpFrom('127.0.0.1', `${origin}/rewards/v1/hooks/referralrock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature(DELIVERY) },
      body: DELIVERY,
    });
    assert.equal(res.status, 200, res.text);
  });
});
