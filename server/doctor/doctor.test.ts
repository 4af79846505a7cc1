/**
 * The doctor against the sandbox over real HTTP on 127.0.0.1, and against an upstream that drifts
 * from it (a renamed stats field, a 403 on reward rules, a refused key, a 404 for every path as
 * plain http gets, a list that reports an error): what it prints, what it never prints, and its
 * exit status.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { createSandbox } from '../sandbox/app.js';
import { createSeedState } from '../sandbox/seed.js';
import { parseApiKey } from '../upstream/api-key.js';
import { defaultKeySandbox, serveOnLoopback, type LoopbackServer } from '../upstream/loopback-test-helpers.js';
import { doctorCommand } from './command.js';
import { CHECK_IDS, type CheckResult, type CheckStatus } from './report.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'doctor-test-secret-0123456789-abcdefghij';
const ADA = { id: '0ac19b73-2dfa-41ae-b4db-78287d7be4ea', email: 'ada@example.com', code: 'ADA2024', externalId: 'cust-1001' };

/** How the drifting upstream departs from the sandbox; all off, it is the sandbox. */
const drift = { renamedStat: false, rulesForbidden: false, keyRefused: false, everyPath404: false, friendsListError: false, hostileProgram: false, unsubscribesForbidden: false };

describe('npm run doctor', () => {
  let sandbox: LoopbackServer;
  let drifting: LoopbackServer;
  before(async () => {
    const real = defaultKeySandbox();
    sandbox = await serveOnLoopback(real.fetch);
    drifting = await serveOnLoopback(async (request) => {
      const path = new URL(request.url).pathname;
      if (drift.everyPath404) return Response.json({ Message: `No HTTP resource was found that matches the request URI '${request.url}'.` }, { status: 404 });
      if (drift.keyRefused) return Response.json({ message: 'Authorization has been denied for this request.' }, { status: 401 });
      if (drift.rulesForbidden && path === '/api/rewardrules') return Response.json({ message: 'Forbidden' }, { status: 403 });
      if (drift.unsubscribesForbidden && path === '/api/email/getunsubscribed') return Response.json({ message: 'Forbidden' }, { status: 403 });
      if (drift.friendsListError && path === '/api/referrals') return Response.json({ offset: 0, total: 0, message: 'An error has occurred.' });
      const answer = await real.fetch(request);
      if (drift.hostileProgram && path === '/api/programs') {
        const list = (await answer.json()) as { programs: Array<Record<string, unknown>> };
        return Response.json({ ...list, programs: list.programs.map((p) => ({ ...p, title: 'Friends\u001b[2J\u001b]0;owned\u0007 of Acme', memberOffer: 'a $25\r\ngift card\u009b' })) });
      }
      if (drift.renamedStat && path === '/api/memberstats/getsingle') {
        const { referralsApproved, ...stats } = (await answer.json()) as Record<string, unknown>;
        return Response.json({ ...stats, approvedReferrals: referralsApproved });
      }
      return answer;
    });
  });
  after(async () => {
    await sandbox.close();
    await drifting.close();
  });
  beforeEach(() => {
    for (const name of Object.keys(drift) as Array<keyof typeof drift>) drift[name] = false;
  });

  const liveEnv = (url: string, more: Record<string, string> = {}) => ({
    REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY,
    REFERRALROCK_API_URL: url,
    MEMBER_TOKEN_SECRET: SECRET,
    ...more,
  });
  const doctor = async (args: string[], env: Record<string, string>) => {
    const result = await doctorCommand(args, { env });
    const json = await doctorCommand([...args, '--json'], { env });
    const report = JSON.parse(json.stdout.join('\n')) as { ok: boolean; checks: CheckResult[] };
    return { ...result, text: result.stdout.join('\n'), report, status: (id: CheckResult['id']) => report.checks.find((c) => c.id === id)!.status };
  };
  const statuses = (checks: CheckResult[]): Record<string, CheckStatus> => Object.fromEntries(checks.map((c) => [c.id, c.status]));

  it('passes every check for a sandbox member, however the member is named, one line per check, exit 0', async () => {
    for (const args of [['--email', ADA.email], ['--member-id', ADA.id], ['--external-id', ADA.externalId], ['--referral-code', ADA.code]]) {
      const { exitCode, stdout, report } = await doctor(args, liveEnv(sandbox.url));
      assert.equal(exitCode, 0, stdout.join('\n'));
      assert.deepEqual(report.checks.map((c) => [c.id, c.status]), CHECK_IDS.map((id) => [id, 'ok']), args.join(' '));
      for (const id of ['API key', 'programs', 'reward rules', 'member lookup', 'share links', 'stats', 'friends list', 'rewards list', 'unsubscribe list', 'webhooks']) {
        assert.equal(stdout.filter((line) => new RegExp(`^  ok    ${id} `).test(line)).length, 1, `one line for ${id}`);
      }
      assert.equal(stdout.at(-1), 'The widget will work.');
    }
  });

  it('lists the programs with the offer the card shows, and names the channel links the member gets', async () => {
    const { text } = await doctor(['--email', ADA.email], liveEnv(sandbox.url));
    assert.match(text, /"Friends of Acme": members are offered "a \$25 gift card" \(its own words\); friends "15% off your first order"\./);
    assert.match(text, /shareUrl and 9 channel links: smsShareUrl, whatsAppShareUrl, facebookShareUrl, facebookMessengerShareUrl/);
  });

  it('never prints the key, either half, or the member data it was not given', async () => {
    const { text, report } = await doctor(['--referral-code', ADA.code], liveEnv(sandbox.url));
    const printed = text + JSON.stringify(report);
    const [publicKey, privateKey] = DEFAULT_SANDBOX_API_KEY.split(':') as [string, string];
    for (const secret of [publicKey, privateKey, btoa(DEFAULT_SANDBOX_API_KEY), SECRET, ADA.email, ADA.id, ADA.externalId, 'Lovelace', '/r/ADA2024', 'Charles']) {
      assert.ok(!printed.includes(secret), `printed ${secret}`);
    }
  });

  it('prints upstream text without terminal control characters', async () => {
    drift.hostileProgram = true;
    const { text } = await doctor([], liveEnv(drifting.url));
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text), 'no control character but line breaks reaches the terminal');
    assert.match(text, /"Friends \[2J \]0;owned of Acme": members are offered "a \$25 gift card"/);
  });

  it('gives the same as JSON with --json', async () => {
    const text = await doctorCommand(['--email', ADA.email], { env: liveEnv(sandbox.url) });
    const json = await doctorCommand(['--email', ADA.email, '--json'], { env: liveEnv(sandbox.url) });
    const report = JSON.parse(json.stdout.join('\n')) as { ok: boolean; mode: string; checks: CheckResult[] };
    assert.equal(report.ok, true);
    assert.equal(report.mode, 'live');
    assert.equal(json.exitCode, text.exitCode);
    for (const check of report.checks) assert.ok(text.stdout.some((line) => line.endsWith(check.summary)), `${check.id} printed as in the JSON`);
  });

  it('names a stats field that stopped coming, and what it sends instead: exit 1', async () => {
    drift.renamedStat = true;
    const { exitCode, text, status } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 1);
    assert.equal(status('stats'), 'fail');
    assert.match(text, /FAIL {2}stats +memberstats\/getsingle gives no number for referralsApproved\./);
    assert.match(text, /Sent but not read \(a renamed field\?\): approvedReferrals\./);
    assert.match(text, /For members: the card leaves that number out for every member\./);
    assert.match(text, /^1 check failed/m);
  });

  it('warns, and still passes, when reward rules are refused (403): offers then come from the programs\' own words', async () => {
    drift.rulesForbidden = true;
    const { exitCode, text, status } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 0);
    assert.equal(status('rewardRules'), 'warn');
    assert.match(text, /warn {2}reward rules +Referral Rock refused api\/rewardrules to this key \(403\)\./);
    assert.match(text, /For members: offers come from the programs' own words/);
    assert.match(text, /members are offered "a \$25 gift card" \(its own words\)/);
    assert.match(text, /^The widget will work \(1 warning\)\.$/m);
  });

  it('warns, and still passes, when the unsubscribe list is refused (403): Refer a friend then refuses every referral', async () => {
    drift.unsubscribesForbidden = true;
    const { exitCode, text, status } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 0, text);
    assert.equal(status('unsubscribes'), 'warn');
    assert.equal(status('links'), 'ok');
    assert.match(text, /warn {2}unsubscribe list +.*api\/email\/getunsubscribed/);
    assert.match(text, /For members: "Refer a friend" refuses every referral/);
    assert.doesNotMatch(text, /referral-share-doctor@example\.invalid/);
  });

  it('fails on a refused key, and checks nothing that needs it', async () => {
    drift.keyRefused = true;
    const { exitCode, text, report } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 1);
    assert.deepEqual(statuses(report.checks), {
      configuration: 'ok', key: 'fail', programs: 'skip', rewardRules: 'skip', member: 'skip', links: 'skip', stats: 'skip', friends: 'skip', rewards: 'skip', unsubscribes: 'skip', webhooks: 'ok',
    });
    assert.match(text, /FAIL {2}API key +Referral Rock refused the API key for api\/programs \(401 or 403\)\./);
    assert.match(text, /For members: every member sees an error instead of their link and stats\./);
  });

  it('fails on a base URL Referral Rock answers 404 for (a wrong path, or plain http), naming REFERRALROCK_API_URL', async () => {
    drift.everyPath404 = true;
    const { exitCode, text } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 1);
    assert.match(text, /FAIL {2}API key +Referral Rock answered 404 for api\/programs: REFERRALROCK_API_URL is wrong/);
    assert.match(text, /"Referrals aren't working on this page"/);
  });

  it('fails on an http: PUBLIC_URL: refused by the configuration, or, on this machine, not reachable by Referral Rock', async () => {
    const withWebhooks = (publicUrl: string) => liveEnv(sandbox.url, { PUBLIC_URL: publicUrl, WEBHOOK_SECRET: 'webhook-secret-0123456789' });
    const remote = await doctor([], withWebhooks('http://rewards.example.com'));
    assert.equal(remote.exitCode, 1);
    assert.equal(remote.status('configuration'), 'fail');
    assert.match(remote.text, /· PUBLIC_URL must use https in live mode/);
    assert.equal(remote.status('key'), 'skip');

    const local = await doctor([], withWebhooks('http://127.0.0.1:8787'));
    assert.equal(local.exitCode, 1);
    assert.equal(local.status('webhooks'), 'fail');
    assert.match(local.text, /FAIL {2}webhooks +PUBLIC_URL is plain http \(http:\/\/127\.0\.0\.1:8787\)/);
    assert.ok(!local.text.includes('webhook-secret-0123456789'), 'the webhook secret is never printed');

    const good = await doctor([], withWebhooks('https://rewards.example.com'));
    assert.equal(good.status('webhooks'), 'ok');
    assert.match(good.text, /delivers 11 events to https:\/\/rewards\.example\.com\/v1\/hooks\/referralrock; WEBHOOK_SECRET is set; no WEBHOOK_SIGNING_KEY/);

    // Referral Rock signs each event with its webhook's key: an event without one is named, never a key.
    const partly = await doctor([], { ...withWebhooks('https://rewards.example.com'), WEBHOOK_SIGNING_KEY: 'RewardAdd:rr_reward_key_0123,ReferralUpdate:rr_referral_key_0123' });
    assert.match(partly.text, /WEBHOOK_SIGNING_KEY has no key for MemberAdd, MemberUpdate, MemberDelete, ReferralAdd, ReferralStatusChange, ReferralDelete, RewardUpdate, RewardIssue, RewardDelete: those are authenticated by WEBHOOK_SECRET in the URL alone/);
    assert.ok(!partly.text.includes('rr_reward_key_0123'), 'no key is printed');
    const every = await doctor([], { ...withWebhooks('https://rewards.example.com'), WEBHOOK_SIGNING_KEY: 'rr_every_event_key_0123' });
    assert.match(every.text, /RR-Signature is verified with WEBHOOK_SIGNING_KEY for every event/);
  });

  it('fails for a member nobody has, saying what that member sees', async () => {
    const { exitCode, text, report } = await doctor(['--email', 'nobody@example.com'], liveEnv(sandbox.url));
    assert.equal(exitCode, 1);
    assert.match(text, /FAIL {2}member lookup +No member has exactly this --email value/);
    assert.match(text, /For members: this member sees "We couldn't find your referral account yet"\./);
    assert.deepEqual(report.checks.filter((c) => c.status === 'skip').map((c) => c.id), ['links', 'stats', 'friends', 'rewards']);
  });

  it('fails for an e-mail two programs share, unless --program-id names one (as a token\'s programId claim must)', async () => {
    const state = createSeedState();
    const ada = state.members.find((m) => m.email === ADA.email)!;
    const second = { id: '55555555-5555-4555-8555-555555555555', name: 'partners', title: 'Partners' };
    state.programs.push(second);
    state.members.push({ ...ada, id: '66666666-6666-4666-8666-666666666666', referralCode: 'ADAPARTNER', programId: second.id });
    const twins = await serveOnLoopback(createSandbox({ basicAuth: (parseApiKey(DEFAULT_SANDBOX_API_KEY) as { basic: string }).basic, state }).fetch);
    try {
      const ambiguous = await doctor(['--email', ADA.email], liveEnv(twins.url));
      assert.equal(ambiguous.exitCode, 1);
      assert.match(ambiguous.text, /FAIL {2}member lookup +2 members have exactly this --email value \(one per program\): pass --program-id\./);
      const picked = await doctor(['--email', ADA.email, '--program-id', second.id], liveEnv(twins.url));
      assert.equal(picked.status('member'), 'ok');
      assert.match(picked.text, /finds one member for --email in the program given/);
    } finally {
      await twins.close();
    }
  });

  it('fails on a friends list that reports an error instead of its wrapper', async () => {
    drift.friendsListError = true;
    const { exitCode, text } = await doctor(['--email', ADA.email], liveEnv(drifting.url));
    assert.equal(exitCode, 1);
    assert.match(text, /FAIL {2}friends list +api\/referrals answered with an error message instead of the list: "An error has occurred\."/);
  });

  it('checks the account alone, skipping the member\'s checks, when no member is named', async () => {
    const { exitCode, report } = await doctor([], liveEnv(sandbox.url));
    assert.equal(exitCode, 0);
    assert.deepEqual(report.checks.filter((c) => c.status === 'skip').map((c) => c.id), ['member', 'links', 'stats', 'friends', 'rewards']);
  });

  it('checks the built-in sandbox in sandbox mode (no key), offline', async () => {
    const { exitCode, text } = await doctor(['--email', ADA.email], {});
    assert.equal(exitCode, 0, text);
    assert.match(text, /^referral-share doctor: sandbox mode, the built-in sandbox \(offline\)$/m);
  });

  it('answers a usage error with exit 2 and the usage, calling nothing', async () => {
    for (const args of [
      ['--email', 'a@example.com', '--member-id', ADA.id],
      ['--bogus'],
      ['token'],
      ['--program-id', 'p1'],
      ['--email', ''],
      ['--email'],
    ]) {
      const { exitCode, stdout, stderr } = await doctorCommand(args, { env: liveEnv('http://127.0.0.1:9') });
      assert.equal(exitCode, 2, args.join(' '));
      assert.deepEqual(stdout, []);
      assert.match(stderr.join('\n'), /Usage: npm run doctor/);
    }
    assert.equal((await doctorCommand(['--help'], { env: {} })).exitCode, 0);
  });

  it('runs as `npm run doctor` and as the package bin (`referral-share doctor`), with those exit codes', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/doctor-cli.ts', ...args], {
          cwd: root,
          env: { PATH: process.env.PATH, ...liveEnv(sandbox.url) },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const [clone, bin, wrong, broken] = await Promise.all([
      run(['--email', ADA.email]),
      run(['doctor', '--referral-code', ADA.code, '--json']),
      run(['--emial', ADA.email]),
      run(['--email', 'nobody@example.com']),
    ]);
    assert.equal(clone.code, 0, clone.stderr);
    assert.match(clone.stdout, /The widget will work\./);
    assert.equal(bin.code, 0, bin.stderr);
    assert.equal((JSON.parse(bin.stdout) as { ok: boolean }).ok, true);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Usage:/);
    assert.equal(broken.code, 1);
  });
});
