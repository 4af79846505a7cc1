import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLiterals } from './scripts/minify-literals.js';

const LAZY_LOCALES = ['es', 'fr', 'de', 'pt-BR', 'ja', 'ar'];
const widget = (file: string) => fileURLToPath(new URL(`widget/${file}`, import.meta.url));

/**
 * Three library builds:
 * - `vite build`: ES modules for bundlers (`dist/index.js`, `dist/define.js`, lazy chunks), Lit and
 *   Floating UI left to the user's bundler;
 * - `vite build --mode iife`: one minified file for a `<script>` tag, everything inside but the QR
 *   encoder, the rewards list and the non-English catalogs: `widget/lazy.js` is swapped for `lazy.iife.ts`, which
 *   imports those from `referral-share-lazy/` beside the script;
 * - `vite build --mode lazy`: those modules (and the rewards list), ES modules in
 *   `dist/referral-share-lazy/`, self-contained but for Lit, which they take from the main bundle.
 */
export default defineConfig(({ mode }) =>
  mode === 'iife'
    ? {
        plugins: [minifyLiterals()],
        resolve: { alias: [{ find: /^\.\/lazy\.js$/, replacement: widget('lazy.iife.ts') }] },
        build: {
          emptyOutDir: false,
          sourcemap: true,
          target: 'es2022',
          lib: { entry: 'widget/define.ts', name: 'ReferralShare', formats: ['iife'], fileName: () => 'referral-share.js' },
        },
      }
    : mode === 'lazy'
      ? {
          plugins: [minifyLiterals()],
          resolve: { alias: [{ find: /^lit$/, replacement: widget('lit-shared.ts') }] },
          build: {
            emptyOutDir: false,
            outDir: 'dist/referral-share-lazy',
            target: 'es2022',
            // Vite keeps whitespace in ES library output; these modules are for browsers only.
            rolldownOptions: { output: { minify: true } },
            lib: {
              entry: Object.fromEntries([['qr-encoder', widget('qr-encoder.ts')], ['rewards-view', widget('rewards-view.ts')], ...LAZY_LOCALES.map((l) => [`i18n-${l}`, widget(`i18n/${l}.ts`)])]),
              formats: ['es'],
              fileName: (_format, name) => `${name}.js`,
            },
          },
        }
      : {
          plugins: [minifyLiterals()],
          build: {
            sourcemap: true,
            target: 'es2022',
            lib: { entry: { index: 'widget/index.ts', define: 'widget/define.ts' }, formats: ['es'] },
            rolldownOptions: { external: [/^lit/, /^@lit\//, /^@floating-ui\//] },
          },
        },
);
