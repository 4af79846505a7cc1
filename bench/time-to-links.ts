/**
 * Answer → link: how long after `/v1/me`'s answer arrives the member's link is in the element's
 * shadow DOM, in headless Chromium against the backend on loopback (sandbox mode, warm), the
 * element added to an idle page 300 ms after its load. Measured from the answer's `responseEnd`
 * (Resource Timing) to the end of the main-thread task in which a `MutationObserver` on the shadow
 * root first sees `[part="link"]` (the task's end read from a Chromium trace). Answer → whole card
 * likewise, to the task after which every channel has its icon and nothing is `aria-busy` (the
 * numbers are in); a yardstick renders everything at once, so its whole card is its link. The
 * widget is only observed: it carries no benchmark code.
 *
 * Yardsticks in the same run, loads alternating: the least Lit element (`yardsticks/least-lit.ts`,
 * built from our own `lit`) and a plain-DOM card (`yardsticks/plain-card.ts`). Each at full speed
 * and with the CPU slowed 4× (`Emulation.setCPUThrottlingRate`, a mid-range phone).
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';
import { startNodeServer } from '../server/runtime/node.js';
import { BENCH_ENV } from './bench-env.js';
import { median } from './stats.js';

export const VARIANTS = ['widget', 'least Lit element', 'plain-DOM card'] as const;
export type Variant = (typeof VARIANTS)[number];

/** How far behind the least Lit element the widget may put its link (issue #13). */
export const ANSWER_TO_LINK_ALLOWANCE_MS = 75;
/** How far behind the least Lit element the widget may complete its card (issue #23). */
export const ANSWER_TO_WHOLE_CARD_ALLOWANCE_MS = 100;
/** The longest main-thread task allowed from the element's creation to its whole card (issue #23). */
export const LONGEST_TASK_LIMIT_MS = 100;

export interface LoadFigures {
  /** `responseEnd` of `/v1/me` → end of the task that inserted the link, ms. */
  answerToLinkMs: number;
  /** `responseEnd` of `/v1/me` → end of the task that completed the card (every icon, the numbers), ms. */
  answerToWholeCardMs: number;
  /** The longest main-thread task that ended after the answer, ms. */
  longestTaskMs: number;
  /** The longest main-thread task from the element's creation to its whole card, ms: the page's responsiveness. */
  longestTaskToWholeCardMs: number;
  /** Cumulative layout shift after the element's first frame (its arrival is the page's doing): the data arriving. */
  cls: number;
}

/** Each figure's median over the loads, and the longest task to the whole card in any load. */
export type Medians = Record<Variant, LoadFigures & { longestTaskToWholeCardMaxMs: number }>;
/** Every load's figure, sorted, ms: the distribution behind a median (this machine's noise is large). */
export type Spread = Record<Variant, number[]>;
export type Spreads = { link: Spread; wholeCard: Spread };

export interface TimeToLinksReport {
  loads: number;
  throttled: Medians;
  fullSpeed: Medians;
  spread: { throttled: Spreads; fullSpeed: Spreads };
}

const TAGS: Record<Variant, string> = { widget: 'referral-share', 'least Lit element': 'least-lit', 'plain-DOM card': 'plain-card' };
const SCRIPTS: Record<Variant, string> = { widget: '/dist/referral-share.js', 'least Lit element': '/bench/least-lit.js', 'plain-DOM card': '/bench/plain-card.js' };

/** Adds the element 300 ms after load, then watches its shadow root for the link and for the whole card. */
const harness = (tag: string, endpoint: string, token: string) => `
  window.__bench = { shifts: [] };
  new PerformanceObserver((list) => window.__bench.shifts.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });
  addEventListener('load', () => setTimeout(() => {
    performance.mark('bench:element-added:' + new URLSearchParams(location.search).get('load'));
    const el = document.createElement(${JSON.stringify(tag)});
    el.setAttribute('endpoint', ${JSON.stringify(endpoint)});
    el.setAttribute('token', ${JSON.stringify(token)});
    document.querySelector('main').prepend(el);
    // After the first frame that shows the element: what moves from then on, moves under the reader's eyes.
    requestAnimationFrame(() => setTimeout(() => (window.__bench.firstFrameAt = performance.now())));
    const root = el.shadowRoot;
    const load = new URLSearchParams(location.search).get('load');
    // Whole: every channel with its icon, and nothing busy (the widget's card is busy until its numbers are in).
    const whole = () => !root.querySelector('[aria-busy="true"]') && [...root.querySelectorAll('[part="channel"]')].every((c) => c.querySelector('[part="icon"]'));
    const observer = new MutationObserver(() => {
      if (!window.__bench.linkAt) {
        if (!root.querySelector('[part="link"]')) return;
        performance.mark('bench:link-inserted:' + load);
        window.__bench.linkAt = performance.now();
      }
      if (!whole()) return;
      observer.disconnect();
      performance.mark('bench:whole-card:' + load);
      window.__bench.wholeAt = performance.now();
      // Settled: half a second for what may still follow, then an idle moment (or two seconds more).
      setTimeout(() => requestIdleCallback(() => console.log('bench:done'), { timeout: 2000 }), 500);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  }, 300));`;

/** A page of a customer's: some text around the element, so a shift of the page's own content counts. */
const page = (variant: Variant, endpoint: string, token: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
  <meta name="viewport" content="width=device-width"><link rel="icon" href="data:,">
  <script src="${SCRIPTS[variant]}"></script></head>
  <body style="font-family: system-ui; max-width: 40rem; margin: 1rem auto"><main>
  <h1>Your account</h1><p>Invite friends to Acme. Below, your link and what it earned you so far.</p>
  <p>Questions? Our help centre answers the usual ones.</p></main>
  <script>${harness(TAGS[variant], endpoint, token)}</script></body></html>`;

async function bundleYardstick(file: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`yardsticks/${file}`, import.meta.url))],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    conditions: ['production'],
    write: false,
  });
  return result.outputFiles[0]!.text;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

interface PageFigures {
  id: number;
  linkAt: number;
  wholeAt: number;
  responseEnd: number;
  cls: number;
}

/** One load of `url` in a fresh tab; the link's mark is named after `id`. */
async function loadOnce(context: BrowserContext, url: string, id: number, throttle: number): Promise<PageFigures> {
  const tab: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // Told by a console message: polling from Playwright would run its own script in the page
    // (hundreds of milliseconds at CPU 4×) in the middle of what is measured.
    const done = tab.waitForEvent('console', { predicate: (message) => message.text() === 'bench:done', timeout: 90_000 });
    await tab.goto(`${url}?load=${id}`);
    await done;
    return await tab.evaluate((id) => {
      const bench = (window as unknown as { __bench: { linkAt: number; wholeAt: number; firstFrameAt: number; shifts: Array<PerformanceEntry & { value: number }> } }).__bench;
      const answer = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/v1/me') as PerformanceResourceTiming;
      // What moves once the element is on screen (its own arrival is the page's doing).
      const cls = bench.shifts.filter((shift) => shift.startTime >= bench.firstFrameAt).reduce((sum, shift) => sum + shift.value, 0);
      return { id, linkAt: bench.linkAt, wholeAt: bench.wholeAt, cls, responseEnd: answer.responseEnd };
    }, id);
  } finally {
    await tab.close();
  }
}

/** The figures of one load, its tasks read from the run's trace. */
function figuresOf(load: PageFigures, events: TraceEvent[]): LoadFigures {
  const markOf = (name: string) => {
    const mark = events.find((e) => e.name === `bench:${name}:${load.id}`);
    if (!mark) throw new Error(`no bench:${name}:${load.id} in the trace`);
    return mark;
  };
  const [added, link, whole] = [markOf('element-added'), markOf('link-inserted'), markOf('whole-card')];
  // Top-level tasks of the page's main thread (the one that ran the observer).
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.pid === link.pid && e.tid === link.tid && e.dur !== undefined);
  // The end of the outermost task around a mark (a task may run others nested in it).
  const taskEnd = (mark: TraceEvent) => Math.max(mark.ts, ...tasks.filter((t) => t.ts <= mark.ts && mark.ts <= t.ts + t.dur!).map((t) => t.ts + t.dur!));
  // The trace's clock (µs) and the page's (ms) meet at the mark.
  const answerTs = link.ts - (load.linkAt - load.responseEnd) * 1000;
  const wholeEnd = taskEnd(whole);
  const longestIn = (from: number, to: number) => Math.max(0, ...tasks.filter((t) => t.ts + t.dur! > from && t.ts < to).map((t) => t.dur!)) / 1000;
  return {
    answerToLinkMs: (taskEnd(link) - answerTs) / 1000,
    answerToWholeCardMs: (wholeEnd - answerTs) / 1000,
    longestTaskMs: longestIn(answerTs, link.ts + 2_000_000),
    longestTaskToWholeCardMs: longestIn(added.ts, wholeEnd),
    cls: load.cls,
  };
}

export async function measureTimeToLinks(loads = 16): Promise<TimeToLinksReport> {
  const server = await startNodeServer({ ...BENCH_ENV, PORT: '0' }, () => {});
  const browser = await launchChromium();
  try {
    const { token } = (await (await fetch(`${server.url}/demo/token?email=ada@example.com`)).json()) as { token: string };
    // The backend warm: its member cache (if any) filled before the first timed load.
    await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: server.url } });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const yardsticks = { 'least-lit.js': await bundleYardstick('least-lit.ts'), 'plain-card.js': await bundleYardstick('plain-card.ts') };
    for (const [file, code] of Object.entries(yardsticks)) {
      await context.route(`${server.url}/bench/${file}`, (route) => route.fulfill({ contentType: 'text/javascript', body: code }));
    }
    // `BENCH_WIDGET_SCRIPT=path` times another build of the script-tag bundle (an older one, say).
    const otherWidget = process.env.BENCH_WIDGET_SCRIPT;
    if (otherWidget) {
      const code = readFileSync(otherWidget, 'utf8');
      await context.route(`${server.url}${SCRIPTS.widget}`, (route) => route.fulfill({ contentType: 'text/javascript', body: code }));
    }
    const urls = {} as Record<Variant, string>;
    for (const [i, variant] of VARIANTS.entries()) {
      urls[variant] = `${server.url}/bench/page-${i}.html`;
      const body = page(variant, server.url, token);
      await context.route(new RegExp(`/bench/page-${i}\\.html`), (route) => route.fulfill({ contentType: 'text/html', body }));
    }
    let id = 0;
    const spread = {} as TimeToLinksReport['spread'];
    // `BENCH_TRACE_FILE=path`: the throttled run's trace, with the timeline's categories (style,
    // layout, paint, script), written for a trace viewer. Slower: for finding causes, not for figures.
    const traceFile = process.env.BENCH_TRACE_FILE;
    const categories = ['toplevel', 'blink.user_timing', ...(traceFile ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading'] : [])];
    const run = async (throttle: number): Promise<Medians> => {
      // One untimed load of each first: the scripts in the HTTP cache, as on a second page view.
      for (const variant of VARIANTS) await loadOnce(context, urls[variant], id++, throttle);
      // One trace for the run (tracing each load alone costs seconds a load).
      await browser.startTracing(undefined, { categories });
      const loadsOf = Object.fromEntries(VARIANTS.map((v) => [v, [] as PageFigures[]])) as Record<Variant, PageFigures[]>;
      for (let i = 0; i < loads; i++) {
        for (const variant of VARIANTS) loadsOf[variant].push(await loadOnce(context, urls[variant], id++, throttle));
      }
      const trace = (await browser.stopTracing()).toString();
      if (traceFile && throttle !== 1) writeFileSync(traceFile, trace);
      const { traceEvents } = JSON.parse(trace) as { traceEvents: TraceEvent[] };
      const figuresOf_ = Object.fromEntries(VARIANTS.map((v) => [v, loadsOf[v].map((load) => figuresOf(load, traceEvents))])) as Record<Variant, LoadFigures[]>;
      const sorted = (of: (f: LoadFigures) => number) => Object.fromEntries(VARIANTS.map((v) => [v, figuresOf_[v].map((f) => round(of(f))).sort((a, b) => a - b)])) as Spread;
      spread[throttle === 1 ? 'fullSpeed' : 'throttled'] = { link: sorted((f) => f.answerToLinkMs), wholeCard: sorted((f) => f.answerToWholeCardMs) };
      return Object.fromEntries(
        VARIANTS.map((v) => {
          const figures = figuresOf_[v];
          return [
            v,
            {
              answerToLinkMs: round(median(figures.map((f) => f.answerToLinkMs))),
              answerToWholeCardMs: round(median(figures.map((f) => f.answerToWholeCardMs))),
              longestTaskMs: round(median(figures.map((f) => f.longestTaskMs))),
              longestTaskToWholeCardMs: round(median(figures.map((f) => f.longestTaskToWholeCardMs))),
              longestTaskToWholeCardMaxMs: round(Math.max(...figures.map((f) => f.longestTaskToWholeCardMs))),
              cls: Math.round(median(figures.map((f) => f.cls)) * 1000) / 1000,
            },
          ];
        }),
      ) as Medians;
    };
    const throttled = await run(4);
    const fullSpeed = await run(1);
    return { loads, throttled, fullSpeed, spread };
  } finally {
    await browser.close();
    await server.close();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureTimeToLinks(Number(process.argv[2] ?? 16)), null, 2));
}
