/**
 * The size budget of the script-tag build's first load: `dist/referral-share.js` (Lit and the
 * first paint inside, in English; the rest loads on demand from `referral-share-lazy/`) at most
 * 16 KB gzip. Reads the real built file: run `npm run build`.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { IIFE_GZIP_BUDGET_BYTES, iifeGzipBytes } from './sizes.js';

it(`dist/referral-share.js is at most ${IIFE_GZIP_BUDGET_BYTES / 1024} KB gzip`, () => {
  const bytes = iifeGzipBytes();
  assert.ok(bytes <= IIFE_GZIP_BUDGET_BYTES, `${(bytes / 1024).toFixed(2)} KB gzip is over the ${IIFE_GZIP_BUDGET_BYTES / 1024} KB budget (npm run bench shows what takes the space)`);
});
