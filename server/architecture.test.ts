/**
 * The server's architecture, checked: `createApp` runs on edge runtimes (nothing it imports needs
 * Node), and every import runs down the layers, never back up.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { importGraph, importSpecifiers, resolveImport } from './import-graph-test-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

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
      return importSpecifiers(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolveImport(file, specifier))
        .filter((target) => target.startsWith(here) && layerOf(target) > from)
        .map((target) => `${relative(here, file)} → ${relative(here, target)}`);
    });
    assert.deepEqual(upward, []);
  });
});

describe('the import walk', () => {
  it('sees side-effect imports, re-exports and imports over several lines, not import() nor comments', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'imports-')), 'module.ts');
    const source = ["import './polyfill.js';", "export * from './all.js';", 'import {', '  a,', "} from './a.js';", "const later = import('./later.js');", "// import nothing from './comment.js'"];
    writeFileSync(file, source.join('\n'));
    assert.deepEqual(importSpecifiers(file), ['./polyfill.js', './all.js', './a.js']);
  });
});

describe('types/', () => {
  it('holds types only: each module compiles to no JavaScript (run-time lists live in shared/)', () => {
    const typesDir = resolve(here, '../types');
    const withCode = readdirSync(typesDir)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => {
        const source = readFileSync(join(typesDir, name), 'utf8');
        const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, removeComments: true, verbatimModuleSyntax: true } }).outputText;
        return js.trim() !== 'export {};';
      });
    assert.deepEqual(withCode, []);
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
