import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { builtPackage } from '../built-package.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: builtPackage },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
