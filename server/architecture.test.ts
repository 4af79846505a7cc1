/**
 * The server's architecture, checked: `createApp` runs on edge runtimes (nothing it imports needs
 * Node), and every import runs down the layers, never back up.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
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

  it('every import runs down the layers: lib → http → upstream, state → config → security → members, sandbox, referrals → routes → doctor → app → index, runtime', () => {
    const upward = serverModules().flatMap((file) => {
      const from = layerOf(file);
      return relativeImports(file)
        .filter((target) => target.startsWith(here) && layerOf(target) > from)
        .map((target) => `${relative(here, file)} → ${relative(here, target)}`);
    });
    assert.deepEqual(upward, []);
  });
});

/** The layers, lowest first; a module may import its own layer and those below. */
const LAYERS = [['lib'], ['http'], ['upstream', 'state'], ['config.ts'], ['security'], ['members', 'sandbox', 'referrals'], ['routes'], ['doctor'], ['app.ts'], ['index.ts', 'runtime']];

function layerOf(file: string): number {
  const top = relative(here, file).split('/')[0]!;
  const layer = LAYERS.findIndex((names) => names.includes(top));
  assert.notEqual(layer, -1, `${relative(here, file)} belongs to no layer: add its folder to LAYERS`);
  return layer;
}

/** The server's own modules, tests and test helpers aside (a test may reach across layers). */
function serverModules(): string[] {
  return (readdirSync(here, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-helpers'))
    .map((name) => resolve(here, name));
}

function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}
