/**
 * `npm test`'s widget run in Firefox and WebKit: each engine whose Debian packages are installed
 * runs the suite; an engine that is not installed is skipped with one line saying what to install.
 * Exits non-zero when a suite fails.
 */
import { spawnSync } from 'node:child_process';
import { ENGINE_PACKAGES, missingBinaries } from './engines.mjs';

let failed = false;
for (const engine of ['firefox', 'webkit']) {
  const missing = missingBinaries(engine);
  if (missing.length) {
    console.log(`Skipping the widget suite in ${engine}: ${missing.join(', ')} not installed (apt-get install ${ENGINE_PACKAGES[engine].join(' ')}).`);
    continue;
  }
  const started = Date.now();
  const run = spawnSync('npm', ['run', `test:widget:${engine}`], { stdio: 'inherit' });
  console.log(`The widget suite in ${engine}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s.`);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
