import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const scriptTagBuild = fileURLToPath(new URL('../../dist/referral-share.js', import.meta.url));
const onDemandChunks = fileURLToPath(new URL('../../dist/referral-share-lazy/', import.meta.url));

/**
 * Puts the built `dist/referral-share.js` beside the page, where its `<script src>` points, with
 * the folder of on-demand chunks it loads from beside itself (`referral-share-lazy/`).
 */
function copyScriptTagBuild(): Plugin {
  return {
    name: 'copy-script-tag-build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'referral-share.js', source: readFileSync(scriptTagBuild, 'utf8') });
      for (const chunk of readdirSync(onDemandChunks)) {
        this.emitFile({ type: 'asset', fileName: `referral-share-lazy/${chunk}`, source: readFileSync(`${onDemandChunks}${chunk}`, 'utf8') });
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [copyScriptTagBuild()],
  build: { outDir: 'dist', emptyOutDir: true },
});
