import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';
import { startNodeServer, type RunningServer } from '../server/runtime/node.js';

/** The real server in sandbox mode on a free loopback port, and a Chromium to look at it. */
export interface Demo {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDemo(env: Record<string, string> = {}): Promise<Demo> {
  const server = await startNodeServer({ PORT: '0', ...env }, () => {});
  const browser = await launchChromium().catch(async (err) => {
    await server.close();
    throw err;
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
