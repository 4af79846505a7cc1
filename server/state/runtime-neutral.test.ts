/** What the app imports from `server/state/` must run on every runtime: the Redis client only on demand. */
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importGraph } from '../import-graph-test-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

test('server/state/index.ts and the Redis state itself import nothing from node:* nor the Redis client', () => {
  for (const entry of ['index.ts', 'redis-state.ts', 'resilient-state.ts']) {
    const graph = importGraph(resolve(here, entry));
    const offending = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => s.startsWith('node:') || s === 'redis' || s.startsWith('@redis/')).map((s) => `${file.slice(here.length + 1)} → ${s}`),
    );
    assert.deepEqual(offending, [], entry);
  }
});
