import { defineConfig } from 'vite';

/**
 * Two library builds:
 * - `vite build`: ES modules for bundlers (`dist/index.js`, `dist/define.js`), Lit and Floating UI
 *   left to the user's bundler;
 * - `vite build --mode iife`: one minified file for a `<script>` tag, everything inside.
 */
export default defineConfig(({ mode }) =>
  mode === 'iife'
    ? {
        build: {
          emptyOutDir: false,
          sourcemap: true,
          target: 'es2022',
          lib: { entry: 'widget/define.ts', name: 'ReferralShare', formats: ['iife'], fileName: () => 'referral-share.js' },
        },
      }
    : {
        build: {
          sourcemap: true,
          target: 'es2022',
          lib: { entry: { index: 'widget/index.ts', define: 'widget/define.ts' }, formats: ['es'] },
          rolldownOptions: { external: [/^lit/, /^@lit\//, /^@floating-ui\//] },
        },
      },
);
