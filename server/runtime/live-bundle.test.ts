/**
 * A Worker in live mode does not load the fake Referral Rock: the Cloudflare entry, bundled with
 * its chunks split (as `scripts/build-server.mjs` builds `dist/server/`), reaches the sandbox and the
 * demo routes only through the dynamic import sandbox mode makes.
 */
import { build, type Metafile } from 'esbuild';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const isSandboxModule = (path: string) => path.startsWith('server/sandbox/') || path === 'server/routes/demo.ts' || path === 'server/runtime/sandbox-mount.ts';

/** The modules of an output and of every output it imports statically (what loading it evaluates). */
function staticallyLoaded(metafile: Metafile, output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output)) return new Set();
  seen.add(output);
  const modules = new Set(Object.keys(metafile.outputs[output]!.inputs));
  for (const imported of metafile.outputs[output]!.imports) {
    if (imported.kind === 'import-statement' && !imported.external) for (const module of staticallyLoaded(metafile, imported.path, seen)) modules.add(module);
  }
  return modules;
}

describe('the Cloudflare entry in live mode', () => {
  it('loads no sandbox module: the sandbox and the demo routes come only by the dynamic import of sandbox mode', async () => {
    const { metafile } = await build({
      absWorkingDir: root,
      entryPoints: ['server/runtime/cloudflare.ts'],
      outdir: join(root, 'live-bundle-out'),
      write: false,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      metafile: true,
      logLevel: 'silent',
    });
    const entry = Object.keys(metafile.outputs).find((output) => metafile.outputs[output]!.entryPoint === 'server/runtime/cloudflare.ts')!;
    const loaded = [...staticallyLoaded(metafile, entry)];
    assert.ok(loaded.includes('server/app.ts'), 'the app is in it');
    assert.deepEqual(loaded.filter(isSandboxModule), []);
    const everything = Object.keys(metafile.inputs);
    assert.ok(everything.includes('server/sandbox/app.ts'), 'sandbox mode still finds the sandbox, in a chunk of its own');
  });
});
