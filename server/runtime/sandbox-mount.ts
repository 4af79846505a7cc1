/**
 * Sandbox mode's additions to the app: the embedded sandbox at `/sandbox` and the demo routes.
 * Kept out of `createApp` so a live bundle does not carry the fake Referral Rock: the entries import
 * this module only in sandbox mode (`import('./sandbox-mount.js')`).
 */
import type { Hono } from 'hono';
import type { AppParts } from '../app.js';
import type { ServerConfig } from '../config.js';
import { ownOrigins, sameOriginJson } from '../http/same-origin.js';
import { demoRoutes } from '../routes/demo.js';
import { createSandbox, type SandboxOptions } from '../sandbox/app.js';
import type { FaultSettings } from '../sandbox/faults.js';

export interface SandboxMountOptions {
  /** Its starting state and persistence, from the Node entry (files are not runtime-neutral). */
  storage?: Pick<SandboxOptions, 'state' | 'onChange'>;
  /** Faults to inject from the start. */
  faults?: Partial<FaultSettings>;
}

/**
 * Mounts the sandbox at `/sandbox` and the demo routes at `/demo` on an app `createApp` built with `parts`.
 *
 * @example
 * const parts = createAppParts(config, deps)
 * const app = mountSandbox(createApp(config, deps, parts), config, parts)
 */
export function mountSandbox(app: Hono, config: ServerConfig, parts: AppParts, options: SandboxMountOptions = {}): Hono {
  // The sandbox lives in this process: whatever changes a member's numbers (a share or view
  // followed, a referral or reward written) drops that member's cached stats at once.
  const sandbox = createSandbox({
    basicAuth: config.upstreamBasicAuth,
    mountPath: '/sandbox',
    // Its public address (`…/rewards/sandbox` when the app is mounted under `/rewards`), for its links.
    linkPath: new URL(config.upstreamUrl).pathname.replace(/\/+$/, ''),
    ...options.storage,
    faults: options.faults,
    onMemberChange: (memberId) => void parts.memberData.dropFor([{ claim: 'memberId', value: memberId }], 'activity'),
  });
  app.route('/sandbox', sandbox);
  // The simulate steps write to the sandbox: from this server's own demo page only, never from another site's.
  app.use('/demo/simulate/*', sameOriginJson(ownOrigins(config)));
  app.route('/demo', demoRoutes({ secret: config.sandboxTokenSecret ?? config.memberTokenSecret, state: sandbox.state, referralRock: parts.referralRock }));
  return app;
}
