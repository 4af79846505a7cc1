import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { scriptAlonePlugin } from './scripts/wtr/script-alone.mjs';

/** Widget tests in Debian's Chromium (never a downloaded browser). */
export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), scriptAlonePlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  // A generous ceiling: a loaded machine (a CI runner, two cores shared) takes seconds over axe and lazy chunks.
  testFramework: { config: { timeout: 20000 } },
};
