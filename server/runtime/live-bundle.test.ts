/**
 * A Worker in live mode does not carry the fake Referral Rock. The live Cloudflare entry, bundled
 * into one file the way `wrangler deploy` bundles `main` (esbuild, no splitting), holds no sandbox
 * module; the sandbox entry for a demo Worker does. And `dist/server/`, whose chunks are split,
 * reaches the sandbox and the demo routes only through the dynamic import sandbox mode makes.
 */
import { build, type Metafile } from 'esbuild';
import { Miniflare } from 'miniflare';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { signMemberToken } from '../security/member-token.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const isSandboxModule = (path: string) => path.startsWith('server/sandbox/') || path === 'server/routes/demo.ts' || path === 'server/runtime/sandbox-mount.ts';
/** A path only the sandbox's code names (its fault switch). */
const SANDBOX_MARK = '/_faults';
const SECRET = 'live-bundle-test-secret-0123456789-abcdef';

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

/** `entry` in one file as wrangler bundles a Worker: esbuild, everything inlined, ES module, Workers' export conditions. */
async function singleFileWorker(entry: string): Promise<{ modules: string[]; code: string }> {
  const { metafile, outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  return { modules: Object.keys(metafile.inputs), code: outputFiles[0]!.text };
}

describe('the Cloudflare entries, bundled into one file as wrangler deploys them', () => {
  it('the live entry holds no sandbox module and no demo route', async () => {
    const { modules, code } = await singleFileWorker('server/runtime/cloudflare.ts');
    assert.ok(modules.includes('server/app.ts'), 'the app is in it');
    assert.deepEqual(modules.filter(isSandboxModule), []);
    assert.ok(!code.includes(SANDBOX_MARK), `no ${SANDBOX_MARK} in the live Worker`);
  });

  it('the sandbox entry for a demo Worker holds the sandbox', async () => {
    const { modules, code } = await singleFileWorker('server/runtime/cloudflare-sandbox.ts');
    assert.ok(modules.includes('server/sandbox/app.ts'));
    assert.ok(code.includes(SANDBOX_MARK));
  });

  it('in workerd without REFERRALROCK_API_KEY: the sandbox entry serves Ada from its in-process sandbox, the live entry answers 500 server_misconfigured', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'referral-share-workers-'));
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET, { name: 'Ada' });
    const me = (url: URL) => fetch(new URL('/v1/me', url), { headers: { authorization: `Bearer ${token}` } });
    try {
      for (const entry of ['cloudflare-sandbox', 'cloudflare']) await writeFile(join(scratch, `${entry}.js`), (await singleFileWorker(`server/runtime/${entry}.ts`)).code);
      const worker = (script: string) =>
        new Miniflare({ modules: true, scriptPath: join(scratch, script), modulesRoot: scratch, compatibilityDate: '2025-01-01', cf: false, host: '127.0.0.1', port: 0, bindings: { MEMBER_TOKEN_SECRET: SECRET } });
      const demo = worker('cloudflare-sandbox.js');
      try {
        const url = await demo.ready;
        const response = await me(url);
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal(((await response.json()) as MeResponse).links.shareUrl, `${url.origin}/sandbox/r/ADA2024`);
      } finally {
        await demo.dispose();
      }
      const live = worker('cloudflare.js');
      try {
        const response = await me(await live.ready);
        assert.equal(response.status, 500);
        assert.equal(((await response.json()) as ErrorBody).error.code, 'server_misconfigured');
      } finally {
        await live.dispose();
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('the sandbox entry with its chunks split (dist/server/)', () => {
  it('loads no sandbox module in live mode: the sandbox and the demo routes come only by the dynamic import of sandbox mode', async () => {
    const entryPoint = 'server/runtime/cloudflare-sandbox.ts';
    const { metafile } = await build({
      absWorkingDir: root,
      entryPoints: [entryPoint],
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
    const entry = Object.keys(metafile.outputs).find((output) => metafile.outputs[output]!.entryPoint === entryPoint)!;
    const loaded = [...staticallyLoaded(metafile, entry)];
    assert.ok(loaded.includes('server/app.ts'), 'the app is in it');
    assert.deepEqual(loaded.filter(isSandboxModule), []);
    const everything = Object.keys(metafile.inputs);
    assert.ok(everything.includes('server/sandbox/app.ts'), 'sandbox mode still finds the sandbox, in a chunk of its own');
  });
});
