/** `createApp` must run on edge runtimes: nothing it imports, directly or not, may need Node. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module `entry` imports (values and types alike), followed through relative imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]!);
    graph.set(file, specifiers);
    for (const spec of specifiers.filter((s) => s.startsWith('.'))) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return graph;
}

describe('runtime neutrality', () => {
  it('server/app.ts imports nothing from node:* or a Node-only package', () => {
    const graph = importGraph(resolve(here, 'app.ts'));
    assert.ok(graph.size > 10, 'the walk found the app’s modules');
    const nodeOnly = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => s.startsWith('node:') || s.startsWith('@hono/node-server')).map((s) => `${file.slice(here.length + 1)} → ${s}`),
    );
    assert.deepEqual(nodeOnly, []);
  });
});
