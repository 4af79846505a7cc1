import { fileURLToPath } from 'node:url';

/**
 * Vite aliases that make the examples import `referral-share` as an installed user would, from
 * this repository's build (`npm run build`) instead of the registry.
 */
export const builtPackage = [
  { find: /^referral-share\/define$/, replacement: fileURLToPath(new URL('../dist/define.js', import.meta.url)) },
  { find: /^referral-share$/, replacement: fileURLToPath(new URL('../dist/index.js', import.meta.url)) },
];
