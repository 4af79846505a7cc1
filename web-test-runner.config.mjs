import { esbuildPlugin } from '@web/dev-server-esbuild';
import { engineConfig } from './scripts/wtr/engines.mjs';
import { reactEsm } from './scripts/wtr/react-esm.mjs';
import { scriptAlonePlugin } from './scripts/wtr/script-alone.mjs';

/**
 * Widget tests in Debian's browsers (never a downloaded one): Chromium by default,
 * `WIDGET_ENGINE=firefox` or `WIDGET_ENGINE=webkit` for the others (scripts/wtr/engines.mjs).
 */
const { browsers, plugins, concurrency } = await engineConfig(process.env.WIDGET_ENGINE ?? 'chromium');

export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [reactEsm(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), scriptAlonePlugin(), ...plugins],
  browsers,
  ...(concurrency ? { concurrency } : {}),
  // A generous ceiling: a loaded machine (a CI runner, two cores shared) takes seconds over axe and lazy chunks.
  testFramework: { config: { timeout: 20000 } },
};
