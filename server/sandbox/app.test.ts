import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEMBER_STAT_FIELDS, SHARE_LINK_FIELDS } from '../../shared/referralrock.js';
import type { MemberAccessUrls, MemberList, MemberStats, ProgramList, RewardList } from '../../types/referralrock.js';
import { createSandbox } from './app.js';

const KEY = Buffer.from('pk:sk').toString('base64');
const auth = { authorization: `Basic ${KEY}` };
const sandbox = () => createSandbox({ basicAuth: KEY });
const post = (body: unknown) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('sandbox', () => {
  it('answers 401 without the key, like the real API', async () => {
    const app = sandbox();
    const attempts: Array<Record<string, string>> = [{}, { authorization: `Basic ${Buffer.from('pk:wrong').toString('base64')}` }];
    for (const headers of attempts) {
      const res = await app.request('/api/programs', { headers });
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { message: string }).message, 'Authorization has been denied for this request.');
    }
  });

  it('POST api/memberaccessurls returns every documented field, pointing back at the sandbox', async () => {
    const app = sandbox();
    const res = await app.request('http://127.0.0.1:9999/api/memberaccessurls', post({ emailAddress: 'ADA@example.com' }));
    assert.equal(res.status, 200);
    const urls = (await res.json()) as MemberAccessUrls;
    assert.equal(urls.referralCode, 'ADA2024');
    for (const field of [...SHARE_LINK_FIELDS, 'shareEmbedUrl', 'fullEmbedUrl', 'portalUrl'] as const) {
      assert.match(urls[field] ?? '', /^http:\/\/127\.0\.0\.1:9999\//, field);
    }
  });

  it('requires exactly one identifier and a valid expireInMinutes', async () => {
    const app = sandbox();
    for (const body of [{}, { emailAddress: 'ada@example.com', referralCode: 'ADA2024' }, { emailAddress: 7 }, { referralCode: 'x'.repeat(51) }, { emailAddress: 'ada@example.com', expireInMinutes: 4 }, { emailAddress: 'ada@example.com', expireInMinutes: 43201 }, []]) {
      const res = await app.request('/api/memberaccessurls', post(body));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(((await res.json()) as { message: string }).message);
    }
    const notJson = await app.request('/api/memberaccessurls', { method: 'POST', headers: auth, body: 'emailAddress=ada' });
    assert.equal(notJson.status, 400);
    assert.equal((await app.request('/api/memberaccessurls', post({ externalId: 'nope' }))).status, 404);
  });

  it('GET api/memberstats/getsingle computes stats per time period from the live state', async () => {
    const app = sandbox();
    const all = (await (await app.request('/api/memberstats/getsingle?query=ada@example.com', { headers: auth })).json()) as MemberStats;
    for (const field of MEMBER_STAT_FIELDS) assert.equal(typeof all[field], 'number', field);
    assert.deepEqual([all.memberShares, all.memberViews, all.referralsPending, all.referralsQualified, all.referralsApproved], [8, 14, 2, 1, 2]);
    assert.deepEqual([all.rewardsPendingAmount, all.rewardsIssuedAmount, all.rewardAmountTotal], [25, 50, 75]);
    const week = (await (await app.request('/api/memberstats/getsingle?query=ADA2024&timePeriod=Last7Days', { headers: auth })).json()) as MemberStats;
    assert.equal(week.memberShares, 3);

    // A friend follows Ada's link: the view counts at once.
    await app.request('/r/ADA2024');
    const after = (await (await app.request('/api/memberstats/getsingle?query=cust-1001', { headers: auth })).json()) as MemberStats;
    assert.equal(after.memberViews, 15);

    assert.equal((await app.request('/api/memberstats/getsingle', { headers: auth })).status, 400);
    assert.equal((await app.request('/api/memberstats/getsingle?query=ada@example.com&timePeriod=Ever', { headers: auth })).status, 400);
    assert.equal((await app.request('/api/memberstats/getsingle?query=ghost', { headers: auth })).status, 404);
  });

  it('counts a share per channel behind the channel links and shows a local page', async () => {
    const app = sandbox();
    const res = await app.request('http://127.0.0.1:9999/s/GRACE42/twitter');
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /twitter\.com\/intent\/tweet\?url=http%3A%2F%2F127\.0\.0\.1%3A9999%2Fr%2FGRACE42/);
    const stats = (await (await app.request('/api/memberstats/getsingle?query=GRACE42', { headers: auth })).json()) as MemberStats;
    assert.equal(stats.memberShares, 3);
    assert.equal((await app.request('/s/GRACE42/myspace')).status, 404);
  });

  it('answers 404, not 500, for a channel named like an inherited property, and counts nothing', async () => {
    const app = sandbox();
    const before = JSON.stringify(app.state.activity);
    for (const channel of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const res = await app.request(`/s/GRACE42/${channel}`);
      assert.equal(res.status, 404, channel);
      assert.match(await res.text(), /Unknown share link/);
    }
    assert.equal(JSON.stringify(app.state.activity), before);
  });

  it('tells onMemberChange which member a change concerns, and only for real changes', async () => {
    const heard: string[] = [];
    const app = createSandbox({ basicAuth: KEY, onMemberChange: (memberId) => heard.push(memberId) });
    const memberId = async (code: string) =>
      ((await (await app.request(`/api/members?query=${code}`, { headers: auth })).json()) as MemberList).members[0]!.id;
    const [ada, grace] = [await memberId('ADA2024'), await memberId('GRACE42')];
    assert.deepEqual(heard, [], 'reading changes nothing');

    await app.request('/s/GRACE42/email');
    await app.request('/r/GRACE42');
    assert.deepEqual(heard.splice(0), [grace, grace], 'a share and a view: Grace alone');
    await app.request('/api/referrals', post({ referralCode: 'ADA2024', firstName: 'Sam', email: 'sam.new@example.net' }));
    assert.deepEqual(heard.splice(0), [ada], 'a referral: its referring member');
    await app.request('/api/rewards', post([{ memberQuery: { primaryInfo: { referralCode: 'GRACE42' } }, newReward: { amount: 5 } }]));
    assert.deepEqual(heard.splice(0), [grace], 'a reward: its member');

    await app.request('/s/NOBODY/email');
    await app.request('/api/referrals', post({ referralCode: 'ADA2024', firstName: 'Sam', email: 'sam.new@example.net' })); // already referred
    await app.request('/api/programs', { headers: auth });
    assert.deepEqual(heard, [], 'a refused request or a read is no change');
  });

  it('GET api/members and api/programs page with the documented envelope', async () => {
    const app = sandbox();
    const list = (await (await app.request('/api/members?offset=1&count=2', { headers: auth })).json()) as MemberList;
    assert.equal(list.total, 4);
    assert.equal(list.offset, 1);
    assert.equal(list.members.length, 2);
    assert.equal(list.message, null);
    const ada = (await (await app.request('/api/members?query=lovelace', { headers: auth })).json()) as MemberList;
    assert.deepEqual(ada.members.map((m) => m.email), ['ada@example.com']);
    assert.match(ada.members[0]!.referralUrl, /\/r\/ADA2024$/);
    const programs = (await (await app.request('/api/programs', { headers: auth })).json()) as ProgramList;
    assert.equal(programs.programs[0]?.title, 'Friends of Acme');
    assert.equal((await app.request('/api/members?count=0', { headers: auth })).status, 400);
  });

  it('GET api/rewards filters by member and status, newest first', async () => {
    const app = sandbox();
    const res = await app.request('/api/rewards?memberId=0ac19b73-2dfa-41ae-b4db-78287d7be4ea', { headers: auth });
    const list = (await res.json()) as RewardList;
    assert.equal(list.total, 3);
    assert.deepEqual(list.rewards.map((r) => r.status), ['Pending', 'Issued', 'Issued']);
    assert.equal(list.rewards[1]!.recipientEmailAddress, 'ada@example.com');
    assert.ok(list.rewards[1]!.transactionID);
    const issued = (await (await app.request('/api/rewards?status=Issued', { headers: auth })).json()) as RewardList;
    assert.equal(issued.total, 2);
    assert.equal((await app.request('/api/rewards?status=Lost', { headers: auth })).status, 400);
  });

  it('answers the wrong method with 405 and unknown paths with 404', async () => {
    const app = sandbox();
    assert.equal((await app.request('/api/memberaccessurls', { headers: auth })).status, 405);
    assert.equal((await app.request('/api/programs', { method: 'DELETE', headers: auth })).status, 405);
    assert.equal((await app.request('/api/nothing-here', { headers: auth })).status, 404);
    assert.equal((await app.request('/elsewhere')).status, 404);
  });
});
