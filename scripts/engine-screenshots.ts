/**
 * `npm run screenshots:engines`: the same two views in Chromium, Firefox and WebKit (Debian's
 * packages; an engine not installed is skipped), against the sandbox, into
 * docs/screenshots/engines/: the popover as a bottom sheet on a 375×667 phone (its Close button,
 * the end of the link), and the inline card at 375 px, dark, in Arabic (digits, right to left).
 * Needs `npm run build` first (the npm script does it). `-- --engine webkit` takes one engine's.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startNodeServer } from '../server/runtime/node.js';
import { launchChromium } from './chromium.js';
import { setWebdriverViewport } from './wtr/engine-commands.mjs';
import { ENGINE_BINARIES, missingBinaries } from './wtr/engines.mjs';
import { freeWebDriverPort, startWebKitDriver, WEBKIT_CAPABILITIES } from './wtr/webkit.mjs';

const { values: args } = parseArgs({ options: { engine: { type: 'string' } } });
const OUT = fileURLToPath(new URL('../docs/screenshots/engines/', import.meta.url));
const SIZE = { width: 375, height: 667 };
/** The widget alone: the demo's header, switches and simulate panel are hidden. */
const PAGE_CSS = 'header, nav.jump, #simulate { display: none !important; } body { margin: 12px; }';
const DARK_CSS = 'body { background: #030712; color: #e5e7eb; }';

interface View {
  name: string;
  query: string;
  /** Runs in the page (a string: each driver sends it as is); resolves once the view is ready. */
  ready: string;
}

/** In-page script: hides the demo's chrome, waits for the card, opens the popover when asked. */
const readyScript = (dark: boolean, open: boolean) => `
  const style = document.createElement('style');
  style.textContent = ${JSON.stringify(PAGE_CSS + (dark ? DARK_CSS : ''))};
  document.head.append(style);
  const widget = document.querySelector('referral-share');
  const part = (name) => widget.shadowRoot && widget.shadowRoot.querySelector('[part="' + name + '"]');
  const until = async (test) => { for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 50)); };
  await until(() => part('stats') && part('channel') && widget.shadowRoot.querySelector('.icon path'));
  if (${open}) {
    part('open-button').click();
    await until(() => part('popover') && part('popover').matches(':popover-open') && part('close-button'));
  }
  await new Promise((r) => setTimeout(r, 300));
  return true;`;

const VIEWS: View[] = [
  { name: 'sheet-375-light-en', query: 'member=ada@example.com&layout=button&theme=light&lang=en', ready: readyScript(false, true) },
  { name: 'inline-375-dark-ar', query: 'member=ada@example.com&layout=inline&theme=dark&lang=ar', ready: readyScript(true, false) },
];

interface Engine {
  name: 'chromium' | 'firefox' | 'webkit';
  /** Opens `url` at the phone's size, runs `ready`, writes a PNG of the viewport to `file`. */
  shoot(url: string, ready: string, file: string): Promise<void>;
  close(): Promise<void>;
}

async function chromium(): Promise<Engine> {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    async shoot(url, ready, file) {
      const page = await browser.newPage({ viewport: SIZE, deviceScaleFactor: 2, reducedMotion: 'reduce' });
      await page.goto(url);
      await page.evaluate(`(async () => {${ready}})()`);
      await page.screenshot({ path: file });
      await page.close();
    },
    close: () => browser.close(),
  };
}

async function firefox(): Promise<Engine> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: ENGINE_BINARIES.firefox[0], headless: true });
  return {
    name: 'firefox',
    async shoot(url, ready, file) {
      const page = await browser.newPage();
      await page.setViewport({ ...SIZE, deviceScaleFactor: 2 });
      await page.goto(url);
      await page.evaluate(`(async () => {${ready}})()`);
      await page.screenshot({ path: file as `${string}.png` });
      await page.close();
    },
    close: () => browser.close(),
  };
}

async function webkit(): Promise<Engine> {
  const driverProcess = await startWebKitDriver(await freeWebDriverPort());
  const driver = await remote({ hostname: '127.0.0.1', port: driverProcess.port, logLevel: 'error', capabilities: WEBKIT_CAPABILITIES });
  return {
    name: 'webkit',
    async shoot(url, ready, file) {
      await setWebdriverViewport(driver, SIZE.width, SIZE.height);
      await driver.url(url);
      const result = await driver.executeAsync(`const done = arguments[arguments.length - 1]; (async () => {${ready}})().then(done, (e) => done(String(e)));`);
      if (result !== true) throw new Error(`webkit: the page never got ready (${String(result)})`);
      await writeFile(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    async close() {
      await driver.deleteSession().catch(() => {});
      driverProcess.stop();
    },
  };
}

await mkdir(OUT, { recursive: true });
const server = await startNodeServer({ PORT: '0' }, () => {});
try {
  for (const [name, start] of [['chromium', chromium], ['firefox', firefox], ['webkit', webkit]] as const) {
    if (args.engine && args.engine !== name) continue;
    const missing = missingBinaries(name);
    if (missing.length) {
      console.log(`skipped ${name}: ${missing.join(', ')} not installed`);
      continue;
    }
    const engine = await start();
    try {
      for (const view of VIEWS) {
        const file = `${OUT}${engine.name}-${view.name}.png`;
        await engine.shoot(`${server.url}/?${view.query}`, view.ready, file);
        console.log(`wrote ${file}`);
      }
    } finally {
      await engine.close();
    }
  }
} finally {
  await server.close();
}
