import { readFile } from 'node:fs/promises';

/**
 * Serves the built script-tag bundle alone at `/script-alone/referral-share.js`: a shop that copied
 * `referral-share.js` without its `referral-share-lazy/` folder, which 404s beside it
 * (widget/missing-chunks.test.ts).
 */
export const scriptAlonePlugin = () => ({
  name: 'script-alone',
  async serve(context) {
    if (context.path === '/script-alone/referral-share.js') {
      return { body: await readFile(new URL('../../dist/referral-share.js', import.meta.url), 'utf8'), type: 'js' };
    }
  },
});
