/**
 * Bundles the backend's public entries into `dist/server/` as ES modules (Hono and the Node
 * adapter's packages stay imports; shared code lands in chunks). Declarations come from
 * `tsconfig.build.json`.
 */
import { build } from 'esbuild';

await build({
  entryPoints: [
    'server/index.ts',
    'server/runtime/node.ts',
    'server/runtime/main.ts',
    'server/runtime/doctor-cli.ts',
    'server/sandbox/app.ts',
    'server/runtime/cloudflare.ts',
    'server/runtime/cloudflare-sandbox.ts',
    'server/runtime/bun.ts',
    'server/runtime/deno.ts',
  ],
  outbase: 'server',
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  external: ['node:*'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
