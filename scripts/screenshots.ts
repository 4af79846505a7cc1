/**
 * `npm run screenshots`: the widget in headless Chromium (Debian's, never a downloaded one) against
 * the sandbox, at a 320 px phone width, in both layouts, both themes, English and Arabic, into
 * docs/screenshots/. Needs `npm run build` first (the npm script does it).
 *
 * `npm run screenshots -- --width 1280 --out /tmp/shots` takes them at another width, elsewhere.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.js';
import { startNodeServer } from '../server/runtime/node.js';

const { values: args } = parseArgs({ options: { width: { type: 'string', default: '320' }, out: { type: 'string' } } });
const WIDTH = Number(args.width);
const OUT = args.out ? `${args.out.replace(/\/$/, '')}/` : fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** The widget alone: the demo's header, switches and simulate panel are hidden. */
const PAGE = 'header, #simulate { display: none; } body { margin: 12px; }';
const DARK_PAGE = 'body { background: #030712; color: #e5e7eb; }';

await mkdir(OUT, { recursive: true });
const server = await startNodeServer({ PORT: '0' }, () => {});
const browser = await launchChromium();
const written: string[] = [];
try {
  for (const layout of ['inline', 'button'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ar'] as const) {
        const page = await browser.newPage({ viewport: { width: WIDTH, height: layout === 'button' ? 720 : 640 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
        await page.goto(`${server.url}/?member=ada@example.com&layout=${layout}&theme=${theme}&lang=${lang}`);
        await page.addStyleTag({ content: theme === 'dark' ? PAGE + DARK_PAGE : PAGE });
        const widget = page.locator('referral-share');
        await widget.locator(`[part="base"][lang="${lang}"]`).waitFor();
        let target = widget;
        if (layout === 'button') {
          await widget.locator('[part="open-button"]').click();
          await widget.locator('[part="popover"] [part="stats"]').waitFor();
        } else {
          await widget.locator('[part="stats"]').waitFor();
          await widget.locator('[part="rewards"] summary').click();
          await widget.locator('[part="reward"]').first().waitFor();
          await widget.locator('[data-channel="qr"]').click();
          await widget.locator('[part="qr"] svg').waitFor();
        }
        await page.mouse.move(0, 0);
        const file = `${OUT}${layout}-${theme}-${lang}.png`;
        // The popover lives in the top layer: the page shows it where a visitor sees it.
        await (layout === 'button' ? page.screenshot({ path: file }) : target.screenshot({ path: file }));
        written.push(file);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
for (const file of written) console.log(`wrote ${file}`);
