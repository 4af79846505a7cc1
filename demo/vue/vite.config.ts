import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { builtPackage } from '../built-package.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: builtPackage },
  // Tell Vue's template compiler the tag is a custom element, not a Vue component.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'referral-share' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
