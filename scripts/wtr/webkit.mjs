/**
 * WebKit for the widget suite: WebKitGTK's MiniBrowser (it has no headless mode) on an Xvfb
 * display started for the run, driven by WebKitWebDriver over WebDriver classic (it has no BiDi).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { engineCommands } from './engine-commands.mjs';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * MiniBrowser's toolbar keeps its window at least 447 px wide: this GTK stylesheet lets every
 * widget of it shrink, so the page can be given a phone's 375 px.
 */
const GTK_CSS = `* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px; }
entry { min-width: 0; }
`;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts Xvfb on a free display; resolves with the display's name once it accepts clients. Without
 * a window manager, keyboard focus follows the X pointer, which sits at the screen's centre: the
 * screen is small enough for that point to stay inside MiniBrowser's window at a phone's size
 * (a window may be larger than the screen). Outside it, the page loses focus (`document.hasFocus()`
 * false, no `:focus-visible`).
 */
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '600x1000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ process: xvfb, display: `:${out.trim()}` });
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
  });
}

/** Resolves once WebKitWebDriver answers its status endpoint. */
async function waitForDriver(port, driver) {
  for (let i = 0; i < 100; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

/** WebDriver capabilities that start MiniBrowser for automation. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  // WebKitWebDriver has no BiDi: asking for it fails to match a browser.
  'wdio:enforceWebDriverClassic': true,
};

/**
 * Starts Xvfb and WebKitWebDriver (with MiniBrowser's GTK stylesheet) on free ports; `stop()`
 * ends both and removes the stylesheet's folder.
 */
export async function startWebKitDriver(port) {
  const children = [];
  const home = mkdtempSync(join(tmpdir(), 'wtr-webkit-'));
  const stop = () => {
    for (const child of children.splice(0)) child.kill();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    mkdirSync(join(home, 'gtk-3.0'));
    writeFileSync(join(home, 'gtk-3.0', 'gtk.css'), GTK_CSS);
    const xvfb = await startXvfb();
    children.push(xvfb.process);
    // MiniBrowser inherits the driver's environment: the display and the stylesheet's folder.
    const env = { ...process.env, DISPLAY: xvfb.display, XDG_CONFIG_HOME: home };
    const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
    children.push(driver);
    await waitForDriver(port, driver);
  } catch (err) {
    stop();
    throw err;
  }
  return { port, stop };
}

export const freeWebDriverPort = freePort;

/** `{ browsers, plugins, concurrency }` for WebKit. */
export async function webkitSetup() {
  const port = await freePort();
  let started;
  const displayAndDriver = {
    name: 'webkit-display-and-driver',
    async serverStart() {
      started = await startWebKitDriver(port);
    },
    serverStop: () => started?.stop(),
  };
  process.once('exit', () => started?.stop());
  return {
    browsers: [webdriverLauncher({ hostname: '127.0.0.1', port, logLevel: 'error', capabilities: WEBKIT_CAPABILITIES })],
    // WebDriver classic has no media emulation.
    plugins: [displayAndDriver, engineCommands({ engine: 'webkit', emulatesMedia: false })],
    concurrency: 1,
  };
}
