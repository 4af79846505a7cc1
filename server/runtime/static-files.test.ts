import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HASHED_CACHE_CONTROL, REVALIDATED_CACHE_CONTROL, staticFileHeaders } from './static-files.js';

describe('staticFileHeaders', () => {
  let root: string;
  let app: Hono;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'static-files-'));
    await mkdir(join(root, 'dist', 'chunks'), { recursive: true });
    for (const name of ['dist/referral-share.js', 'dist/qr-encoder-DHv6IMkP.js', 'dist/card-extras-Ag_ap-J_.js.map', 'dist/chunks/chunk-WA5MARTL.js', 'dist/custom-elements.json', 'dist/rewards-view.js', 'dist/index.ts', 'dist/index.d.ts', 'dist/index.html']) {
      await writeFile(join(root, name), `/* ${name} */`);
    }
    app = new Hono();
    app.use('/dist/*', staticFileHeaders(root), serveStatic({ root }));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('caches hashed build chunks for a year (immutable), and has everything else revalidated', async () => {
    for (const [path, cacheControl] of [
      ['/dist/qr-encoder-DHv6IMkP.js', HASHED_CACHE_CONTROL],
      ['/dist/card-extras-Ag_ap-J_.js.map', HASHED_CACHE_CONTROL],
      ['/dist/chunks/chunk-WA5MARTL.js', HASHED_CACHE_CONTROL],
      ['/dist/referral-share.js', REVALIDATED_CACHE_CONTROL],
      ['/dist/rewards-view.js', REVALIDATED_CACHE_CONTROL], // "rds-view" is no hash
      ['/dist/custom-elements.json', REVALIDATED_CACHE_CONTROL],
      ['/dist/', REVALIDATED_CACHE_CONTROL], // the folder's index.html
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), cacheControl, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('answers 304 to an If-None-Match naming the ETag, and a changed file gets a new one', async () => {
    const first = await app.request('/dist/referral-share.js');
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await app.request('/dist/referral-share.js', { headers: { 'if-none-match': ifNoneMatch } });
      assert.equal(again.status, 304, ifNoneMatch);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('cache-control'), REVALIDATED_CACHE_CONTROL);
    }
    await writeFile(join(root, 'dist/referral-share.js'), '/* rebuilt, longer than before */');
    await utimes(join(root, 'dist/referral-share.js'), new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const rebuilt = await app.request('/dist/referral-share.js', { headers: { 'if-none-match': etag } });
    assert.equal(rebuilt.status, 200);
    assert.notEqual(rebuilt.headers.get('etag'), etag);
    assert.equal(await rebuilt.text(), '/* rebuilt, longer than before */');
  });

  it('serves no TypeScript source (Hono would call it video/mp2t), and no ETag for a file that is not there', async () => {
    for (const path of ['/dist/index.ts', '/dist/index.d.ts', '/dist/INDEX.TS']) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.notEqual(res.headers.get('content-type'), 'video/mp2t');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
    const missing = await app.request('/dist/nothing.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('etag'), null);
  });
});
