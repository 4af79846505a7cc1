/**
 * Imports the script-tag build's on-demand modules from `referral-share-lazy/` beside the script
 * (see `lazy-parts.iife.ts`), so that one that does not arrive (a CDN hiccup, an ad blocker, a shop that
 * copied only `referral-share.js`) costs the card that part alone:
 * - it is asked for again the next time it is needed, at a new URL (`?retry=1`, `?retry=2`…):
 *   browsers may keep a failed module in their module map for the page's life;
 * - the page's console gets one warning (not one a chunk, nor one an element): what is missing and
 *   where it was looked for.
 */
export type ImportModule = (url: string) => Promise<unknown>;

export function lazyLoader(folder: URL, importModule: ImportModule = (url) => import(/* @vite-ignore */ url)) {
  const failures = new Map<string, number>();
  let warned = false;
  return async <T>(name: string): Promise<T> => {
    const url = new URL(`${name}.js`, folder);
    const failed = failures.get(name) ?? 0;
    if (failed) url.searchParams.set('retry', String(failed));
    try {
      return (await importModule(url.href)) as T;
    } catch (err) {
      failures.set(name, failed + 1);
      if (!warned) {
        warned = true;
        console.warn(`referral-share: ${url.href} did not load; serve the folder referral-share-lazy/ beside referral-share.js.`);
      }
      throw err;
    }
  };
}
