/** What the app imports from `server/state/` must run on every runtime: the Redis client only on demand. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module statically imported from `entry` (values and types), through relative imports. */
function staticImports(entry: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry)) return seen;
  const source = readFileSync(entry, 'utf8');
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]!);
  seen.set(entry, specifiers);
  for (const spec of specifiers.filter((s) => s.startsWith('.'))) staticImports(resolve(dirname(entry), spec.replace(/\.js$/, '.ts')), seen);
  return seen;
}

test('server/state/index.ts and the Redis state itself import nothing from node:* nor the Redis client', () => {
  for (const entry of ['index.ts', 'redis-state.ts', 'resilient-state.ts']) {
    const graph = staticImports(resolve(here, entry));
    const offending = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => s.startsWith('node:') || s === 'redis' || s.startsWith('@redis/')).map((s) => `${file.slice(here.length + 1)} → ${s}`),
    );
    assert.deepEqual(offending, [], entry);
  }
});
