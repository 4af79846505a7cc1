import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const widget = (file: string) => fileURLToPath(new URL(`widget/${file}`, import.meta.url));

/** A part's file in `referral-share-lazy/`, named for its module (`i18n/es.ts` → `i18n-es.js`), as `LAZY_PARTS` keys it; shared chunks keep a hash. */
const partFileName = (chunk: { isDynamicEntry: boolean; facadeModuleId: string | null }) =>
  chunk.isDynamicEntry && chunk.facadeModuleId ? `${relative(widget(''), chunk.facadeModuleId).replace(/\.ts$/, '').replaceAll('/', '-')}.js` : '[name]-[hash].js';

/** The lazy build starts from the list of parts, but only the parts are served: its own chunk goes. */
const dropEntryChunk = (): Plugin => ({
  name: 'drop-entry-chunk',
  generateBundle(_options, bundle) {
    for (const [file, output] of Object.entries(bundle)) if (output.type === 'chunk' && output.isEntry) delete bundle[file];
  },
});

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
 * - `vite build --mode iife`: one minified file for a `<script>` tag, everything inside but the parts
 *   the first paint does not need (`widget/lazy-parts.ts`): `lazy-parts.ts` is swapped for
 *   `lazy-parts.iife.ts`, which imports them from `referral-share-lazy/` beside the script;
 * - `vite build --mode lazy`: those parts (and Refer a friend, which the card's extras import), ES
 *   modules in `dist/referral-share-lazy/`, self-contained but for Lit, which they take from the
 *   main bundle.
 */
export default defineConfig(({ mode }) =>
  mode === 'iife'
    ? {
        plugins: [minifyLiterals()],
        resolve: { alias: [{ find: /^\.\/lazy-parts\.js$/, replacement: widget('lazy-parts.iife.ts') }] },
        build: {
          emptyOutDir: false,
          sourcemap: true,
          target: 'es2022',
          lib: { entry: 'widget/define.ts', name: 'ReferralShare', formats: ['iife'], fileName: () => 'referral-share.js' },
        },
      }
    : mode === 'lazy'
      ? {
          plugins: [minifyLiterals(), dropEntryChunk()],
          resolve: { alias: [{ find: /^lit$/, replacement: widget('lit-shared.ts') }] },
          build: {
            emptyOutDir: false,
            outDir: 'dist/referral-share-lazy',
            target: 'es2022',
            // Vite keeps whitespace in ES library output; these modules are for browsers only.
            rolldownOptions: { output: { minify: true, chunkFileNames: partFileName } },
            lib: { entry: widget('lazy-parts.ts'), formats: ['es'], fileName: () => 'lazy-parts.js' },
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
