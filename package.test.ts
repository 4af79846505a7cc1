/**
 * What `npm publish` would ship (`npm pack --dry-run`): everything a user imports is there, built
 * (JS + declarations, no TypeScript sources), and no tests, demos or dev files. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  customElements: string;
  main: string;
  types: string;
  unpkg: string;
}

const pkg = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as PackageJson;

describe('npm package contents', () => {
  let files: Set<string>;
  before(() => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: new URL('.', import.meta.url),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    files = new Set(packed!.files.map((f) => f.path));
  });

  it('holds every file package.json points at', () => {
    const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    targets.push(pkg.main, pkg.types, pkg.unpkg, pkg.customElements);
    const missing = targets.map((path) => path.replace(/^\.\//, '')).filter((path) => !files.has(path));
    assert.deepEqual(missing, [], 'run `npm run build` first if dist/ is missing');
  });

  it('gives each JavaScript entry its declarations and each bundle its source map', () => {
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      assert.ok(target.types?.endsWith('.d.ts') && files.has(target.types.slice(2)), `${name} has declarations`);
    }
    for (const bundle of ['dist/referral-share.js', 'dist/define.js', 'dist/server/index.js', 'dist/server/node.js']) {
      assert.ok(files.has(`${bundle}.map`) || readFileSync(bundle, 'utf8').includes('sourceMappingURL'), `${bundle} has a source map`);
    }
  });

  it('ships the script-tag build, the custom elements manifest and the README', () => {
    for (const path of ['dist/referral-share.js', 'dist/custom-elements.json', 'README.md', 'package.json']) {
      assert.ok(files.has(path), path);
    }
    const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string }> }> };
    assert.ok(manifest.modules.some((m) => m.declarations?.some((d) => d.tagName === 'referral-share')));
  });

  it('leaves out sources, tests, demos, benchmarks and dev configuration', () => {
    const unwanted = [...files].filter(
      (path) =>
        /\.test\.|test-helpers/.test(path) ||
        (/\.tsx?$/.test(path) && !path.endsWith('.d.ts')) ||
        /^(widget|server|types|demo|bench|scripts|node_modules|\.ci)\//.test(path) ||
        /^(tsconfig.*|vite\.config\..*|web-test-runner\.config\..*|custom-elements-manifest\.config\..*|wrangler\.toml|\.gitignore)$/.test(path),
    );
    assert.deepEqual(unwanted, []);
  });
});
