/**
 * The backend as a library (`referral-share/server`): build the Hono app, configure it, and mint
 * member tokens in the host site's own backend. Runtime-neutral; runtime entries live beside it
 * (`referral-share/server/node`, `…/cloudflare`, `…/bun`, `…/deno`). To put the backend inside a
 * Node server you already run, use `nodeHandler` of `referral-share/server/node`: a bare `createApp`
 * has no client address, and in sandbox mode no address of its own to call its sandbox at.
 *
 * @example
 * import { createApp, loadConfig, signMemberToken } from 'referral-share/server'
 * const app = createApp(loadConfig(process.env))
 */
export { createApp, type AppDependencies } from './app.js';
export { CONFIG_VARIABLES, ConfigError, DEFAULT_SANDBOX_API_KEY, loadConfig, readConfigEnv, type ServerConfig } from './config.js';
export { ApiError } from './http/errors.js';
export { createFetchHandler, type FetchHandler, type FetchHandlerOptions, type RuntimeEnv } from './runtime/fetch-handler.js';
export { appDependenciesFrom, configFrom, type RuntimeSeam } from './runtime/seam.js';
export {
  InvalidMemberToken,
  signMemberToken,
  verifyMemberToken,
  type MemberIdentity,
  type SignMemberTokenOptions,
  type VerifiedMember,
} from './security/member-token.js';
export type { ErrorBody, MeResponse, MemberClaim, TimePeriod } from '../types/v1.js';
