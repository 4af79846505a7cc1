import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const LAZY_LOCALES = ['es', 'fr', 'de', 'pt-BR', 'ja', 'ar'];
const widget = (file: string) => fileURLToPath(new URL(`widget/${file}`, import.meta.url));

/**
 * Lit's own minifier for the `html` and `css` templates of the widget's sources (the JavaScript
 * minifier leaves template text alone): html-minifier for markup, Lightning CSS for styles. A
 * template it cannot minify fails the build rather than shipping unminified.
 */
const minifyLiterals = () => minifyHtmlLiterals({ include: ['widget/**/*.ts'], exclude: ['widget/**/*.test.ts'], failOnError: true });

/**
 * Three library builds:
 * - `vite build`: ES modules for bundlers (`dist/index.js`, `dist/define.js`, `dist/react.js`, lazy
 *   chunks), Lit, Floating UI and React left to the user's bundler;
 * - `vite build --mode iife`: one minified file for a `<script>` tag, everything inside but what the
 *   first paint does not need — the popover's positioning (Floating UI), the QR encoder, the rewards
 *   and friends lists, the card's extras (channel icons, later parts' styles) and the non-English catalogs: `widget/lazy.js` is swapped for `lazy.iife.ts`, which imports
 *   those from `referral-share-lazy/` beside the script;
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
              entry: Object.fromEntries([
                ['anchor', widget('anchor.ts')],
                ['qr-encoder', widget('qr-encoder.ts')],
                ['rewards-view', widget('rewards-view.ts')],
                ['referrals-view', widget('referrals-view.ts')],
                ['card-extras', widget('card-extras.ts')],
                ['refer-form', widget('refer-form.ts')],
                ...LAZY_LOCALES.map((l) => [`i18n-${l}`, widget(`i18n/${l}.ts`)])]),
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
            lib: { entry: { index: 'widget/index.ts', define: 'widget/define.ts', react: 'widget/react.ts' }, formats: ['es'] },
            rolldownOptions: { external: [/^lit/, /^@lit\//, /^@floating-ui\//, /^react($|\/)/] },
          },
        },
);
