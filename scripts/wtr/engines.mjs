/**
 * The browsers the widget suite runs in, all from Debian's packages (nothing is downloaded):
 * - `chromium`: Playwright over CDP;
 * - `firefox`: puppeteer-core over WebDriver BiDi (headless);
 * - `webkit`: WebKitGTK's MiniBrowser through WebKitWebDriver, on an Xvfb display of its own.
 */
import { existsSync } from 'node:fs';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import { engineCommands } from './engine-commands.mjs';
import { webkitSetup } from './webkit.mjs';

export const ENGINE_BINARIES = {
  chromium: [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'],
  firefox: [process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'],
  webkit: ['/usr/bin/WebKitWebDriver', '/usr/bin/Xvfb'],
};

/** The Debian packages that install each engine (what `.ci/run` installs). */
export const ENGINE_PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] };

/** The binaries of `engine` that are missing on this machine. */
export const missingBinaries = (engine) => ENGINE_BINARIES[engine].filter((path) => !existsSync(path));

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `{ browsers, plugins, concurrency? }` for web-test-runner's config. */
export async function engineConfig(engine) {
  switch (engine) {
    case 'chromium':
      return {
        browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: ENGINE_BINARIES.chromium[0], headless: true, args: CHROMIUM_ARGS } })],
        plugins: [engineCommands({ engine, emulatesMedia: true })],
      };
    case 'firefox':
      return {
        browsers: [chromeLauncher({ puppeteer, launchOptions: { browser: 'firefox', executablePath: ENGINE_BINARIES.firefox[0], headless: true } })],
        // Puppeteer emulates media features over CDP only; Firefox speaks BiDi.
        plugins: [engineCommands({ engine, emulatesMedia: false })],
      };
    case 'webkit':
      return webkitSetup();
    default:
      throw new Error(`WIDGET_ENGINE must be chromium, firefox or webkit (got "${engine}")`);
  }
}
