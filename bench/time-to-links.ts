/**
 * Time from the element's connection to its links on screen, in headless Chromium, against the
 * backend on loopback (sandbox mode): the widget's `referral-share:connected` and
 * `referral-share:loaded` performance marks, over fresh page loads.
 */
import { launchChromium } from '../scripts/chromium.js';
import { startNodeServer } from '../server/runtime/node.js';
import { BENCH_ENV } from './bench-env.js';
import { median } from './stats.js';


export interface TimeToLinksReport {
  loads: number;
  /** Connection → links rendered, milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Navigation start → links rendered (script download and parse included), milliseconds. */
  medianFromNavigationMs: number;
}

export async function measureTimeToLinks(loads = 20): Promise<TimeToLinksReport> {
  const server = await startNodeServer({ ...BENCH_ENV, PORT: '0' }, () => {});
  const browser = await launchChromium();
  try {
    const { token } = (await (await fetch(`${server.url}/demo/token?email=ada@example.com`)).json()) as { token: string };
    // A page on the backend's own origin: one script tag and the element, nothing else.
    const pageUrl = `${server.url}/bench-page.html`;
    const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <script src="/dist/referral-share.js"></script></head>
      <body><referral-share endpoint="${server.url}" token="${token}"></referral-share></body></html>`;
    const connectToLinks: number[] = [];
    const navigationToLinks: number[] = [];
    const context = await browser.newContext();
    await context.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    for (let i = 0; i < loads; i++) {
      const page = await context.newPage();
      await page.goto(pageUrl);
      await page.locator('referral-share [part="link"]').waitFor();
      const [connected, loaded] = await page.evaluate(() =>
        ['referral-share:connected', 'referral-share:loaded'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN),
      );
      if (!Number.isFinite(connected) || !Number.isFinite(loaded)) throw new Error('the widget set no performance marks');
      connectToLinks.push(loaded! - connected!);
      navigationToLinks.push(loaded!);
      await page.close();
    }
    return {
      loads,
      medianMs: round(median(connectToLinks)),
      minMs: round(Math.min(...connectToLinks)),
      maxMs: round(Math.max(...connectToLinks)),
      medianFromNavigationMs: round(median(navigationToLinks)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
