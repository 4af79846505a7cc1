/** `redis` is an optional peer dependency: imported only with REDIS_URL, and its absence said in words. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { importRedisConnection } from './index.js';

describe('redis, an optional peer dependency', () => {
  let folder: string;
  /** A module in a folder with no node_modules: importing it fails as Node fails on a missing package. */
  const importing = async (specifier: string) => {
    const file = join(folder, `${specifier.replace(/\W/g, '_')}.mjs`);
    await writeFile(file, `export * from '${specifier}';\n`);
    return () => import(pathToFileURL(file).href);
  };
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'referral-share-no-redis-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('names `npm install redis` when REDIS_URL is set and the package is missing', async () => {
    await assert.rejects(importRedisConnection(await importing('redis')), (err: Error) => {
      assert.match(err.message, /^REDIS_URL is set, but the package "redis" is not installed/);
      assert.match(err.message, /npm install redis/);
      return true;
    });
  });

  it('passes any other failure on as it was', async () => {
    await assert.rejects(importRedisConnection(await importing('redis-lookalike')), /Cannot find package 'redis-lookalike'/);
  });
});
