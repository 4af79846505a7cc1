import { getConnInfo } from '@hono/node-server/conninfo';
import type { RuntimeSeam } from './seam.js';

/** Node's side of the seam: its environment, and the socket's address (Hono's `getConnInfo`). */
export const nodeSeam = (env: Record<string, string | undefined>): RuntimeSeam => ({
  name: 'Node',
  readVariable: (name) => env[name],
  connectionAddress: (c) => getConnInfo(c).remote.address,
});
