import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { requestHeaderReader } from './request-headers.js';

describe('requestHeaderReader', () => {
  it('reads a header as Headers.get does: any case, repeats joined; counts names and values plus 4 bytes a header', async () => {
    const reader = requestHeaderReader();
    const seen: Array<string | number | undefined> = [];
    const app = new Hono();
    app.get('/', (c) => {
      seen.push(reader.get(c, 'authorization'), reader.get(c, 'origin'), reader.bytes(c));
      return c.body(null, 204);
    });
    const headers = new Headers([['Authorization', 'Bearer a'], ['authorization', 'Bearer b'], ['X-Junk', 'j'.repeat(300)]]);
    await app.request('/', { headers });
    assert.deepEqual(seen, ['Bearer a, Bearer b', undefined, 'authorization'.length + 'Bearer a, Bearer b'.length + 'x-junk'.length + 300 + 8]);
  });
});
