/** The link rule, shared with the backend (it drops the same links from `/v1/me`). */
export { safeUrl } from '../shared/links.js';
