/**
 * What `npm publish` would ship (`npm pack --dry-run`): everything a user imports is there, built
 * (JS + declarations, no TypeScript sources), and no tests, demos or dev files. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  customElements: string;
  main: string;
  types: string;
  unpkg: string;
  bin: Record<string, string>;
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
    targets.push(pkg.main, pkg.types, pkg.unpkg, pkg.customElements, ...Object.values(pkg.bin));
    const missing = targets.map((path) => path.replace(/^\.\//, '')).filter((path) => !files.has(path));
    assert.deepEqual(missing, [], 'run `npm run build` first if dist/ is missing');
  });

  it('gives each JavaScript entry its declarations and each bundle its source map', () => {
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      assert.ok(target.types?.endsWith('.d.ts') && files.has(target.types.slice(2)), `${name} has declarations`);
    }
    for (const bundle of ['dist/referral-share.js', 'dist/define.js', 'dist/server/index.js', 'dist/server/runtime/node.js']) {
      assert.ok(files.has(`${bundle}.map`) || readFileSync(bundle, 'utf8').includes('sourceMappingURL'), `${bundle} has a source map`);
    }
  });

  it('has a `referral-share` bin that runs the doctor from the built files (`npx referral-share doctor`)', () => {
    const bin = pkg.bin['referral-share']!;
    assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/, 'a shebang, so npm can link it');
    // Sandbox mode (no key): the built-in sandbox, checked in-process, for Ada.
    const out = execFileSync(process.execPath, [bin, 'doctor', '--email', 'ada@example.com'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.match(out, /^referral-share doctor: sandbox mode/);
    assert.match(out, /The widget will work\.\n$/);
  });

  it('ships the script-tag build, the custom elements manifest, the README and the licence', () => {
    for (const path of ['dist/referral-share.js', 'dist/custom-elements.json', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(files.has(path), path);
    }
    type Named = Array<{ name: string }>;
    const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Named; cssParts?: Named; events?: Named }> }> };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'referral-share');
    assert.ok(element);
    // What an IDE or Storybook shows: the public attributes only, every part, every event.
    assert.deepEqual(element.attributes?.map((a) => a.name), ['endpoint', 'token', 'time-period', 'currency', 'layout', 'theme', 'channels', 'hide', 'message', 'lang']);
    for (const part of ['card', 'intro', 'tooltip', 'channel', 'reward', 'reward-status', 'popover', 'refer', 'refer-form', 'refer-submit']) {
      assert.ok(element.cssParts?.some((p) => p.name === part), part);
    }
    assert.deepEqual(element.events?.map((e) => e.name).sort(), ['referral-share-copy', 'referral-share-error', 'referral-share-load', 'referral-share-refer', 'referral-share-share']);
  });

  it('ships the script-tag build\'s on-demand parts, one file each, by the names widget/lazy-parts.ts gives them', async () => {
    const { LAZY_PARTS } = await import('./widget/lazy-parts.js');
    const missing = Object.keys(LAZY_PARTS).filter((part) => !files.has(`dist/referral-share-lazy/${part}.js`));
    assert.deepEqual(missing, []);
    assert.ok(!files.has('dist/referral-share-lazy/lazy-parts.js'), 'the list itself is not served');
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

/** A TypeScript project that installed the package: its entries, types and JSX typing all check. */
const CONSUMER = `
import { ReferralShareElement, type MeResponse } from 'referral-share';
import 'referral-share/define';
import { createApp, loadConfig, signMemberToken, createFetchHandler, type ServerConfig } from 'referral-share/server';
import { startNodeServer, nodeHandler, type NodeHandler } from 'referral-share/server/node';
import worker from 'referral-share/server/cloudflare';
import demoWorker from 'referral-share/server/cloudflare-sandbox';
import { serveWithBun } from 'referral-share/server/bun';
import { serveWithDeno } from 'referral-share/server/deno';
import { createSandbox } from 'referral-share/sandbox';
import { ReferralShare, type ReferralShareProps } from 'referral-share/react';

const element: ReferralShareElement = document.createElement('referral-share');
element.timePeriod = 'Last7Days';
element.addEventListener('referral-share-load', (event) => event.detail.data.links.shareUrl);
const config: ServerConfig = loadConfig({});
const app = createApp(config);
const handler = createFetchHandler(config);
const mounted: Promise<NodeHandler> = nodeHandler({ basePath: '/rewards', env: {} });
const token: Promise<string> = signMemberToken({ email: 'ada@example.com' }, 'secret');
const response: Promise<Response> = worker.fetch(new Request('http://x/v1/me'), {});
const demoResponse: Promise<Response> = demoWorker.fetch(new Request('http://x/v1/me'), {});
const props: ReferralShareProps = { endpoint: '/api/rewards', tokenProvider: async () => 't', onLoad: (event) => event.detail.data.member.referralCode };
export { app, handler, mounted, token, response, demoResponse, startNodeServer, serveWithBun, serveWithDeno, createSandbox, ReferralShare, props };
export type Data = MeResponse;
// @ts-expect-error an unknown time period is a type error
element.timePeriod = 'Yesterday';
// @ts-expect-error so is an unknown theme on the React component
export const wrong: ReferralShareProps = { endpoint: '/api', theme: 'sepia' };
`;

describe('referral-share/react, built', () => {
  it('renders on the server in Node (react-dom/server) as a client component, and no widget bundle carries React', async () => {
    const source = readFileSync(new URL('dist/react.js', import.meta.url), 'utf8');
    assert.match(source, /^["']use client["'];/);
    const { ReferralShare } = (await import(new URL('dist/react.js', import.meta.url).href)) as typeof import('./widget/react.js');
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(createElement(ReferralShare, { endpoint: '/api/rewards', token: 't', theme: 'dark', timePeriod: 'Last7Days' }));
    assert.equal(html, '<referral-share time-period="Last7Days" token="t" theme="dark"></referral-share>');
    for (const bundle of ['dist/referral-share.js', 'dist/index.js', 'dist/define.js']) {
      const code = readFileSync(new URL(bundle, import.meta.url), 'utf8');
      assert.doesNotMatch(code, /from\s*["']react|Symbol\.for\(["']react\./, bundle);
    }
  });
});

describe('the published declarations, as a consumer sees them', () => {
  it('type-check with skipLibCheck off and Node16 resolution', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const consumer = mkdtempSync(join(tmpdir(), 'referral-share-consumer-'));
    try {
      mkdirSync(join(consumer, 'node_modules'));
      symlinkSync(root, join(consumer, 'node_modules', 'referral-share'), 'dir');
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(consumer, 'index.ts'), CONSUMER);
      // No ambient @types: the declarations must bring what they need themselves.
      const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, module: 'node16', moduleResolution: 'node16', target: 'es2022', lib: ['es2023', 'dom', 'dom.iterable'], types: [] };
      writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = ['-p', 'tsconfig.json'];
      try {
        execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
      } catch (err) {
        assert.fail(`tsc found errors:\n${(err as { stdout: string }).stdout}`);
      }
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  });
});

describe('the packaged Node entry (dist/server/runtime/main.js, as installed)', () => {
  it('points only at pages that answer: no demo page it does not have', async () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const installed = join(mkdtempSync(join(tmpdir(), 'referral-share-installed-')), 'node_modules', 'referral-share');
    try {
      mkdirSync(installed, { recursive: true });
      cpSync(join(root, 'dist', 'server'), join(installed, 'dist', 'server'), { recursive: true });
      writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'referral-share', type: 'module' }));
      symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'), 'dir');
      const child = spawn(process.execPath, [join(installed, 'dist/server/runtime/main.js')], { cwd: installed, env: { PATH: process.env.PATH, PORT: '0' } });
      try {
        const printed = await new Promise<string>((resolve, reject) => {
          let out = '';
          const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${out}`)), 20_000);
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk;
            if (/no demo page|demo at/.test(out)) {
              clearTimeout(timer);
              resolve(out);
            }
          });
          child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
        });
        // Every page it points at ("listening on" names the address itself, not a page).
        const pointedAt = printed.split('\n').filter((line) => !line.includes('listening on')).join('\n');
        const urls = [...pointedAt.matchAll(/http:\/\/127\.0\.0\.1:\d+[^\s,)]*/g)].map(([url]) => url);
        assert.ok(urls.length >= 2, printed);
        for (const url of urls) assert.notEqual((await fetch(url)).status, 404, `${url} (printed: ${printed})`);
      } finally {
        child.kill();
      }
    } finally {
      rmSync(join(installed, '..', '..'), { recursive: true, force: true });
    }
  });
});
