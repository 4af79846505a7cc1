import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { addHeadersAfter, headersSetBy, respond, type ResponseHeadersEnv } from './response-headers.js';

describe('response headers as one record', () => {
  it('takes the headers a middleware sets, once', async () => {
    const record = await headersSetBy(secureHeaders({ xFrameOptions: 'DENY' }));
    assert.equal(record['x-frame-options'], 'DENY');
    assert.equal(record['x-content-type-options'], 'nosniff');
    assert.equal(record['content-type'], undefined, 'only what the middleware set');
  });

  it('gives a responded body the scope’s headers and its own, and any other response the scope’s after', async () => {
    const app = new Hono<ResponseHeadersEnv>();
    const scope = { 'x-frame-options': 'DENY', 'x-request-id': 'r1' };
    app.use(async (c, next) => {
      c.set('responseHeaders', scope);
      await next();
      addHeadersAfter(c, scope);
    });
    app.get('/fast', (c) => respond(c, '{"ok":true}', 200, { 'content-type': 'application/json' }));
    app.get('/plain', (c) => c.json({ ok: true }, 418));
    for (const path of ['/fast', '/plain']) {
      const res = await app.request(path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('x-request-id'), 'r1', path);
      assert.equal(res.headers.get('content-type'), 'application/json', path);
    }
    assert.equal((await app.request('/plain')).status, 418);
  });

  it('adds to a Vary the response has, once', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      addHeadersAfter(c, { vary: 'Origin' });
    });
    app.get('/lang', (c) => c.text('hi', 200, { vary: 'Accept-Language' }));
    app.get('/origin', (c) => c.text('hi', 200, { vary: 'origin' }));
    assert.equal((await app.request('/lang')).headers.get('vary'), 'Accept-Language, Origin');
    assert.equal((await app.request('/origin')).headers.get('vary'), 'origin');
  });

  it('outside such a scope, responds like c.body', async () => {
    const app = new Hono();
    app.get('/', (c) => respond(c, 'hi', 200, { 'content-type': 'text/plain' }));
    const res = await app.request('/');
    assert.equal(await res.text(), 'hi');
    assert.equal(res.headers.get('content-type'), 'text/plain');
  });
});
