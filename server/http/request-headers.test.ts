import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono, type Context } from 'hono';
import { requestHeaderReader } from './request-headers.js';

/** Runs `read` on a request whose raw header lines are `lines`, and on the same request without them. */
async function both<T>(lines: string[], read: (reader: ReturnType<typeof requestHeaderReader>, c: Context) => T): Promise<[T, T]> {
  const results: T[] = [];
  for (const reader of [requestHeaderReader(() => lines), requestHeaderReader()]) {
    const app = new Hono();
    app.get('/', (c) => {
      results.push(read(reader, c));
      return c.body(null, 204);
    });
    const headers = new Headers();
    for (let i = 0; i < lines.length; i += 2) headers.append(lines[i]!, lines[i + 1]!);
    await app.request('/', { headers });
  }
  return results as [T, T];
}

describe('requestHeaderReader', () => {
  it('reads a header from the raw lines as Headers.get does: any case, repeats joined', async () => {
    const lines = ['Host', 'shop.example.com', 'Authorization', 'Bearer a', 'X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2', 'authorization', 'Bearer b'];
    for (const name of ['authorization', 'x-forwarded-for', 'host', 'origin']) {
      const [fromLines, fromHeaders] = await both(lines, (reader, c) => reader.get(c, name));
      assert.equal(fromLines, fromHeaders, name);
    }
    assert.deepEqual(await both(lines, (reader, c) => reader.get(c, 'authorization')), ['Bearer a, Bearer b', 'Bearer a, Bearer b']);
  });

  it('counts header bytes from the raw lines as from Headers', async () => {
    const lines = ['Host', 'shop.example.com', 'X-Junk', 'j'.repeat(300)];
    const [fromLines, fromHeaders] = await both(lines, (reader, c) => reader.bytes(c));
    assert.equal(fromLines, 'Host'.length + 'shop.example.com'.length + 'X-Junk'.length + 300 + 8);
    assert.equal(fromLines, fromHeaders);
  });
});
