/**
 * The example apps — plain HTML with the script tag, React 19, Vue 3 — built with Vite, served from
 * their own loopback origin (allowed by the backend's CORS), against the real backend in sandbox
 * mode, in Debian's Chromium. Each must show the widget, hear its events and drive an attribute —
 * under a strict Content-Security-Policy (no `unsafe-inline`): a violation is a console error.
 * Needs `npm run build` (the examples use the built package).
 */
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';
import { build } from 'vite';
import { startNodeServer, type RunningServer } from '../server/runtime/node.js';

const EXAMPLES = ['plain', 'react', 'vue'] as const;
const demoFolder = fileURLToPath(new URL('.', import.meta.url));

describe('framework examples, end to end', () => {
  let builtExamples: string;
  let exampleHost: ServerType;
  let exampleOrigin: string;
  let backend: RunningServer;
  let browser: Browser;
  let token: string;

  before(async () => {
    builtExamples = await mkdtemp(join(tmpdir(), 'referral-share-examples-'));
    for (const example of EXAMPLES) {
      await build({
        configFile: join(demoFolder, example, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: join(builtExamples, example), emptyOutDir: true },
      });
    }
    // The shared page style sits one level up from each example, as in the repository.
    const examples = new Hono();
    examples.use('/*', async function strictContentSecurityPolicy(c, next) {
      await next();
      c.header('content-security-policy', `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${backend.url}; base-uri 'none'`);
    });
    examples.get('/example-page.css', serveStatic({ path: join(demoFolder, 'example-page.css') }));
    examples.use('/*', serveStatic({ root: builtExamples }));
    exampleHost = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: examples.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    exampleOrigin = `http://127.0.0.1:${(exampleHost.address() as AddressInfo).port}`;
    backend = await startNodeServer({ PORT: '0', ALLOWED_ORIGINS: exampleOrigin }, () => {});
    const minted = (await (await fetch(`${backend.url}/demo/token?email=ada@example.com`)).json()) as { token: string };
    token = minted.token;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await backend?.close();
    await new Promise((resolve) => exampleHost?.close(resolve));
    if (builtExamples) await rm(builtExamples, { recursive: true, force: true });
  });

  for (const example of EXAMPLES) {
    it(`${example}: renders the widget, receives its events, and changes its time-period`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const meRequests: string[] = [];
      page.on('request', (r) => r.url().includes('/v1/me') && r.method() === 'GET' && meRequests.push(new URL(r.url()).search));

      const query = new URLSearchParams({ endpoint: backend.url, token });
      await page.goto(`${exampleOrigin}/${example}/?${query}`);

      const link = page.locator('referral-share [part="link"]');
      await link.waitFor();
      assert.equal(await link.inputValue(), `${backend.url.replace(/^https?:\/\//, '')}/sandbox/r/ADA2024`);
      assert.match(await page.locator('referral-share [part="stats"]').innerText(), /Shares\s+8/);
      // The app's own status line is written by its handler of the widget's load event.
      await page.locator('#status', { hasText: 'Loaded ADA2024 for All' }).waitFor();

      await page.selectOption('#period', 'Last7Days');
      await page.locator('#status', { hasText: 'Loaded ADA2024 for Last7Days' }).waitFor();
      assert.equal(await page.locator('referral-share').getAttribute('time-period'), 'Last7Days');
      assert.ok(meRequests.includes('?timePeriod=Last7Days'), `requests: ${meRequests.join(' ')}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
