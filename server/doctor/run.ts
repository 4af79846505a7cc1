/**
 * The doctor: reads the server's configuration (the same variables, the same `loadConfig`), then
 * checks the Referral Rock account against everything the widget needs, with the server's own
 * client and readers. In sandbox mode (no key) it checks the built-in sandbox, in this process.
 */
import { ConfigError, loadConfig, readConfigEnv, type ServerConfig } from '../config.js';
import { createSandbox } from '../sandbox/app.js';
import { createReferralRockClient } from '../upstream/client.js';
import { checkAccount, checkUnsubscribeList } from './account-checks.js';
import { checkMember, skippedMemberChecks, type MemberToCheck } from './member-checks.js';
import { CHECK_IDS, type CheckResult, type DoctorReport } from './report.js';
import { checkWebhookSettings } from './webhook-settings.js';

export interface DoctorOptions {
  /** The environment the server would run with (`process.env`). */
  env: Record<string, string | undefined>;
  /** The member to check, when the command names one. */
  member?: MemberToCheck;
  /** The fetch upstream calls go through (tests). */
  fetch?: typeof fetch;
  /** The clock reward rules are compared with. */
  now?: () => Date;
}

/** Where the in-process sandbox is called (no request leaves the process). */
const SANDBOX_BASE = 'http://sandbox.invalid';

/**
 * Runs every check, in order, and reports them; a check that cannot run (the configuration is
 * refused, the key is refused, no member was named) is reported as skipped, saying why.
 *
 * @example const report = await runDoctor({ env: process.env, member: { claim: 'email', value: 'ada@example.com' } })
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  let config: ServerConfig;
  try {
    config = loadConfig(readConfigEnv((name) => options.env[name]));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const skipped = (id: CheckResult['id']): CheckResult => ({ id, status: 'skip', summary: 'Not checked: the configuration is refused.' });
    return {
      mode: null,
      upstream: null,
      checks: [
        { id: 'configuration', status: 'fail', summary: 'The server would not start:', details: err.problems, forMembers: 'no widget loads at all.' },
        ...CHECK_IDS.filter((id) => id !== 'configuration').map(skipped),
      ],
    };
  }

  const sandbox = config.mode === 'sandbox' ? createSandbox({ basicAuth: config.upstreamBasicAuth }) : undefined;
  const referralRock = createReferralRockClient({
    baseUrl: sandbox ? SANDBOX_BASE : config.upstreamUrl,
    basicAuth: config.upstreamBasicAuth,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    // Every check is made, whatever failed before it: the circuit never opens here.
    breakerThreshold: 1_000_000,
    fetch: sandbox ? (input, init) => Promise.resolve(sandbox.fetch(new Request(input, init))) : options.fetch,
  });
  const upstream = sandbox ? 'the built-in sandbox (offline)' : printableUrl(config.upstreamUrl);
  const configuration: CheckResult = {
    id: 'configuration',
    status: 'ok',
    summary: config.mode === 'live' ? `Live mode: Referral Rock at ${upstream}.` : 'Sandbox mode (no REFERRALROCK_API_KEY): the built-in sandbox, offline.',
  };

  const account = await checkAccount(referralRock, config.currency, options.now?.() ?? new Date());
  const member = !account.keyAccepted
    ? skippedMemberChecks('Not checked: Referral Rock did not accept the key.')
    : options.member
      ? await checkMember(referralRock, options.member, config.accessUrlMinutes)
      : skippedMemberChecks('Name a member (--email, --member-id, --external-id or --referral-code) to check what their card shows.');
  const unsubscribes: CheckResult = account.keyAccepted
    ? await checkUnsubscribeList(referralRock)
    : { id: 'unsubscribes', status: 'skip', summary: 'Not checked: Referral Rock did not accept the key.' };
  return { mode: config.mode, upstream, checks: [configuration, ...account.checks, ...member, unsubscribes, checkWebhookSettings(config)] };
}

/** The upstream's origin and path: a URL's user and password, were there any, are never printed. */
function printableUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}
