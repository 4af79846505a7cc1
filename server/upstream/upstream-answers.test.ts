/**
 * What the backend makes of answers that are not what they should be: a wrong base URL is a
 * configuration error, not a missing member; a list that reports an error is not an empty list;
 * a stats field that stops coming is left out and named once in the log. Live mode against the
 * sandbox over real HTTP on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { createApp } from '../app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from '../config.js';
import type { LogEntry } from '../http/logging.js';
import { signMemberToken } from '../security/member-token.js';
import { SECRET, bearer } from '../test-helpers.js';
import { defaultKeySandbox, serveOnLoopback, type LoopbackServer } from './loopback-test-helpers.js';

describe('upstream answers that are not what they seem', () => {
  let sandbox: LoopbackServer;
  /** Rewrites the sandbox's answer to `path` (the first that matches) before the backend reads it. */
  const rewrites: Array<[RegExp, (body: Record<string, unknown>) => unknown]> = [];
  let drifting: LoopbackServer;
  before(async () => {
    const real = defaultKeySandbox();
    sandbox = await serveOnLoopback(real.fetch);
    drifting = await serveOnLoopback(async (request) => {
      const answer = await real.fetch(request);
      const rewrite = rewrites.find(([path]) => path.test(new URL(request.url).pathname))?.[1];
      return rewrite ? Response.json(rewrite((await answer.json()) as Record<string, unknown>)) : answer;
    });
  });
  after(async () => {
    await sandbox.close();
    await drifting.close();
  });
  // Each test's rewrites are its own.
  afterEach(() => {
    rewrites.length = 0;
  });

  const appAt = (url: string) => {
    const logs: LogEntry[] = [];
    const config = loadConfig({ REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: url, MEMBER_TOKEN_SECRET: SECRET });
    return { app: createApp(config, { log: (entry) => logs.push(entry) }), logs };
  };
  const meOf = async (app: ReturnType<typeof appAt>['app'], email = 'ada@example.com') => {
    const res = await app.request('/v1/me', bearer(await signMemberToken({ email }, SECRET)));
    return { status: res.status, body: (await res.json()) as MeResponse & ErrorBody };
  };

  it('a wrong base URL answers 502 upstream_misconfigured, not "member not found", and logs the path once (never the query or the key)', async () => {
    const { app, logs } = appAt(`${sandbox.url}/v2`);
    for (const email of ['ada@example.com', 'grace@example.com']) {
      const { status, body } = await meOf(app, email);
      assert.equal(status, 502);
      assert.equal(body.error.code, 'upstream_misconfigured');
      assert.match(body.error.message, /REFERRALROCK_API_URL/);
    }
    const reported = logs.filter((entry) => entry.code === 'upstream_misconfigured');
    assert.deepEqual(reported.map((entry) => entry.path), ['/v2/api/members'], 'one line, for the path, however many members');
    const logged = JSON.stringify(logs);
    for (const secret of ['ada@example.com', 'grace@example.com', 'sandbox-private', btoa(DEFAULT_SANDBOX_API_KEY)]) {
      assert.ok(!logged.includes(secret), `the log holds ${secret}`);
    }
  });

  it('the right base URL still tells a member nobody has apart (404 member_not_found)', async () => {
    const { app, logs } = appAt(sandbox.url);
    assert.equal((await meOf(app)).status, 200);
    const nobody = await meOf(app, 'nobody@example.com');
    assert.equal(nobody.status, 404);
    assert.equal(nobody.body.error.code, 'member_not_found');
    assert.equal(logs.filter((entry) => entry.level === 'error').length, 0);
  });

  it('a 200 member list with an error message and no members is an upstream error, not "no such member"', async () => {
    rewrites.push([/\/api\/members$/, () => ({ members: [], offset: 0, total: 0, message: 'Invalid programId' })]);
    const { status, body } = await meOf(appAt(drifting.url).app);
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_list_error');
  });

  it('a list whose message only says none were found is an empty list: no such member', async () => {
    rewrites.push([/\/api\/members$/, () => ({ members: null, offset: 0, total: 0, message: 'No members found.' })]);
    const { status, body } = await meOf(appAt(drifting.url).app);
    assert.equal(status, 404);
    assert.equal(body.error.code, 'member_not_found');
  });

  it('the rewards and friends lists answer 502 when upstream reports an error instead of the list', async () => {
    rewrites.push([/\/api\/(rewards|referrals)$/, (body) => ({ offset: body.offset, total: 0, message: 'An error has occurred.' })]);
    const { app } = appAt(drifting.url);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    for (const path of ['/v1/me/rewards', '/v1/me/referrals']) {
      const res = await app.request(path, bearer(token));
      assert.equal(res.status, 502, path);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'upstream_list_error');
    }
  });

  it('a stats field that stops coming is left out, not shown as 0, and the log names it once', async () => {
    rewrites.push([/\/api\/memberstats\/getsingle$/, ({ referralsCount, ...rest }) => ({ ...rest, referralCount: referralsCount })]);
    const { app, logs } = appAt(drifting.url);
    const ada = await meOf(app);
    assert.equal(ada.status, 200);
    assert.ok(!('referralsCount' in ada.body.stats), 'left out, not 0');
    assert.equal(ada.body.stats.memberShares, 8, 'the other numbers are still shown');
    await meOf(app, 'grace@example.com');
    const missed = logs.filter((entry) => entry.field !== undefined);
    assert.deepEqual(missed.map((entry) => [entry.level, entry.field]), [['warn', 'referralsCount']]);
  });
});
