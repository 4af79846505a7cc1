/**
 * `npm run screenshots`: the widget in headless Chromium (Debian's, never a downloaded one) against
 * the sandbox, in both themes, English and Arabic, into docs/screenshots/: the inline card at 320 px
 * and 1280 px with the friends and rewards lists open, the popover on a 375×667 phone (a bottom
 * sheet) and on a 1280×720 laptop; and the card's other states on a 375 px phone: loading (the
 * skeleton), an error with Retry, and a member with no activity yet (the nudge, empty lists); and
 * the popover at both sizes when `referral-share-lazy/` does not load (channels as text links, no
 * numbers, the popover placed without Floating UI); and Refer a friend at 375 and 1280 px: a mistake
 * under its field, then the friend sent atop Your friends. Needs `npm run build` first (the npm script does it).
 *
 * `npm run screenshots -- --width 600 --out /tmp/shots` takes them at one other width, elsewhere.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.js';
import { startNodeServer } from '../server/runtime/node.js';

const { values: args } = parseArgs({ options: { width: { type: 'string' }, out: { type: 'string' } } });
/** Inline cards at a small phone's width and on a desktop; the popover on a phone and on a laptop. */
const INLINE_SIZES = args.width ? [{ width: Number(args.width), height: 640 }] : [{ width: 320, height: 640 }, { width: 1280, height: 720 }];
const POPOVER_SIZES = args.width ? [{ width: Number(args.width), height: 720 }] : [{ width: 375, height: 667 }, { width: 1280, height: 720 }];
/** Refer a friend on a phone and on a desktop: a mistake shown under its field, then the friend sent. */
const REFER_SIZES = args.width ? [{ width: Number(args.width), height: 720 }] : [{ width: 375, height: 667 }, { width: 1280, height: 720 }];
/** The friend each screenshot refers, in the card's language (a new address each time: the sandbox refuses a duplicate). */
const FRIEND = { en: { firstName: 'Sam', lastName: 'Fisher' }, ar: { firstName: 'ليلى', lastName: 'حداد' } };
/** The loading, error and empty states: one phone is enough to show them. */
const STATE_SIZE = { width: args.width ? Number(args.width) : 375, height: 667 };
const OUT = args.out ? `${args.out.replace(/\/$/, '')}/` : fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** The widget alone: the demo's header, switches and simulate panel are hidden. */
const PAGE = 'header, #simulate { display: none; } body { margin: 12px; }';
const DARK_PAGE = 'body { background: #030712; color: #e5e7eb; }';

await mkdir(OUT, { recursive: true });
const server = await startNodeServer({ PORT: '0' }, () => {});
const browser = await launchChromium();
const written: string[] = [];
const shots = [
  ...INLINE_SIZES.map((size) => ({ layout: 'inline' as const, size })),
  ...POPOVER_SIZES.map((size) => ({ layout: 'button' as const, size })),
];
/** A page of the demo, its switches hidden, for a sandbox member. */
async function demoPage(browser: Browser, size: { width: number; height: number }, query: string, theme: 'light' | 'dark') {
  const page = await browser.newPage({ viewport: size, deviceScaleFactor: 2, reducedMotion: 'reduce' });
  return {
    page,
    open: async () => {
      await page.goto(`${server.url}/?${query}&theme=${theme}`);
      await page.addStyleTag({ content: theme === 'dark' ? PAGE + DARK_PAGE : PAGE });
    },
  };
}

const isMemberCall = (url: URL) => url.pathname === '/v1/me';

/**
 * The card in a state other than loaded: `before` holds or breaks the member's call (Playwright's
 * routing), `ready` waits for what the state shows.
 */
const STATES: Record<string, { member: string; before?: (page: Page) => Promise<unknown>; ready: (widget: Locator) => Promise<void> }> = {
  // The member's call never answers: the skeleton stays.
  loading: {
    member: 'ada@example.com',
    before: (page) => page.route(isMemberCall, () => {}),
    ready: (widget) => widget.locator('[part="card"][aria-busy="true"] .skeleton').first().waitFor(),
  },
  // The backend cannot be reached: a sentence for the member, and Retry.
  error: {
    member: 'ada@example.com',
    before: (page) => page.route(isMemberCall, (route) => route.abort('connectionrefused')),
    ready: (widget) => widget.locator('[part="error"] button').waitFor(),
  },
  // A member with nothing yet: the nudge instead of zeros, and both lists open, empty.
  empty: {
    member: 'linus@example.com',
    ready: async (widget) => {
      await widget.locator('[part="nudge"]').waitFor();
      await widget.locator('[part="friends"] summary').click();
      await widget.locator('[part="friends"] .empty').waitFor();
      await widget.locator('[part="rewards"] summary').click();
      await widget.locator('[part="rewards"] .muted').waitFor();
      await widget.locator('[part="channel"] .icon').first().waitFor();
    },
  },
};

try {
  for (const { layout, size } of shots) {
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ar'] as const) {
        const { page, open } = await demoPage(browser, size, `member=ada@example.com&layout=${layout}&lang=${lang}`, theme);
        await open();
        const widget = page.locator('referral-share');
        await widget.locator(`[part="base"][lang="${lang}"]`).waitFor();
        if (layout === 'button') {
          await widget.locator('[part="open-button"]').click();
          await widget.locator('[part="popover"] [part="stats"], [part="popover"] [part="nudge"]').first().waitFor();
        } else {
          await widget.locator('[part="stats"], [part="nudge"]').first().waitFor();
          await widget.locator('[part="friends"] summary').click();
          await widget.locator('[part="referral"], [part="friends"] .empty').first().waitFor();
          await widget.locator('[part="rewards"] summary').click();
          await widget.locator('[part="reward"], [part="rewards"] .empty').first().waitFor();
        }
        await widget.locator('[part="channel"] .icon').first().waitFor();
        await page.mouse.move(0, 0);
        const file = `${OUT}${layout}-${size.width}-${theme}-${lang}.png`;
        // The popover lives in the top layer: the page shows it where a visitor sees it.
        await (layout === 'button' ? page.screenshot({ path: file }) : widget.screenshot({ path: file }));
        written.push(file);
        await page.close();
      }
    }
  }
  let referred = 0;
  for (const size of REFER_SIZES) {
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ar'] as const) {
        const { page, open } = await demoPage(browser, size, `member=ada@example.com&lang=${lang}`, theme);
        await open();
        const widget = page.locator('referral-share');
        await widget.locator(`[part="base"][lang="${lang}"]`).waitFor();
        await widget.locator('[part="channel"] .icon').first().waitFor();
        await widget.locator('[part="refer"] summary').click();
        const friend = FRIEND[lang];
        await widget.locator('[part="refer-form"] [name="firstName"]').fill(friend.firstName);
        await widget.locator('[part="refer-form"] [name="email"]').fill('sam@example');
        await widget.locator('[part="refer-submit"]').click();
        await widget.locator('.refer-problem').waitFor();
        await page.mouse.move(0, 0);
        const mistake = `${OUT}refer-${size.width}-${theme}-${lang}.png`;
        await widget.screenshot({ path: mistake });
        written.push(mistake);

        await widget.locator('[part="refer-form"] [name="lastName"]').fill(friend.lastName);
        await widget.locator('[part="refer-form"] [name="email"]').fill(`friend.${(referred += 1)}@example.org`);
        await widget.locator('[part="refer-submit"]').click();
        await widget.locator('.refer-sent:not(:empty)').waitFor();
        await widget.locator('[part="friends"] summary').click();
        await widget.locator('[part="referral"]').first().waitFor();
        await page.mouse.move(0, 0);
        const sent = `${OUT}referred-${size.width}-${theme}-${lang}.png`;
        await widget.screenshot({ path: sent });
        written.push(sent);
        await page.close();
      }
    }
  }
  for (const [name, state] of Object.entries(STATES)) {
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ar'] as const) {
        const { page, open } = await demoPage(browser, STATE_SIZE, `member=${state.member}&lang=${lang}`, theme);
        await state.before?.(page);
        await open();
        const widget = page.locator('referral-share');
        await widget.locator(`[part="base"][lang="${lang}"]`).waitFor();
        await state.ready(widget);
        await page.mouse.move(0, 0);
        const file = `${OUT}${name}-${STATE_SIZE.width}-${theme}-${lang}.png`;
        await widget.screenshot({ path: file });
        written.push(file);
        await page.close();
      }
    }
  }
  // The script without its folder of on-demand modules: every request into it fails.
  for (const size of POPOVER_SIZES) {
    const { page, open } = await demoPage(browser, size, 'member=ada@example.com&layout=button&lang=en', 'light');
    await page.route(/\/referral-share-lazy\//, (route) => route.fulfill({ status: 404 }));
    await open();
    const widget = page.locator('referral-share');
    await widget.locator('[part="open-button"]').click();
    await widget.locator('[part="popover"] [part="card"][aria-busy="false"]').waitFor();
    await page.mouse.move(0, 0);
    const file = `${OUT}without-lazy-${size.width}-light-en.png`;
    await page.screenshot({ path: file });
    written.push(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const file of written) console.log(`wrote ${file}`);
