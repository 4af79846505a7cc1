/**
 * Bad input of every kind gets Referral Rock's own error shape and a 4xx: never a 500, never a
 * crash, and nothing already stored is lost or half-changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auth, snapshot, testSandbox } from './test-helpers.js';

const OBJECT_ENDPOINTS: Array<[string, string]> = [
  ['POST', '/api/members'],
  ['POST', '/api/memberaccessurls'],
  ['POST', '/api/referrals'],
  ['POST', '/api/rewards/issue'],
  ['POST', '/api/hooks'],
  ['DELETE', '/api/hooks'],
];
const COLLECTION_ENDPOINTS: Array<[string, string]> = [
  ['POST', '/api/members/update'],
  ['POST', '/api/members/remove'],
  ['DELETE', '/api/members/remove'],
  ['POST', '/api/referral/update'],
  ['POST', '/api/referrals/status'],
  ['POST', '/api/referral/remove'],
  ['DELETE', '/api/referral/remove'],
  ['POST', '/api/rewards'],
  ['POST', '/api/rewards/update'],
  ['POST', '/api/rewards/remove'],
  ['DELETE', '/api/rewards/remove'],
];

/** Values of the wrong type or size for any field. */
const ODD_VALUES: unknown[] = [null, true, -1, 0, 1.5, 1e300, '', ' ', 'x'.repeat(5000), '\u0000', '2025-13-45', [], [1], {}, { nested: { deep: true } }];

const FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'externalIdentifier', 'referralCode', 'programId', 'programName', 'programTitle',
  'memberId', 'emailAddress', 'externalId', 'expireInMinutes', 'phoneNumber', 'amount', 'companyName', 'note', 'publicNote', 'status',
  'rewardId', 'recipientInfo', 'target_url', 'event', 'web_hook_id', 'eligibilityDate', 'description', 'payoutId', 'disabledFlag',
  'query', 'member', 'referral', 'memberQuery', 'referralQuery', 'newReward',
];

async function expectRefusal(res: Response, what: string): Promise<void> {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: status ${res.status}`);
  const body = (await res.json()) as { message?: unknown; resultInfo?: { Message?: unknown } };
  assert.equal(typeof (body.message ?? body.resultInfo?.Message), 'string', `${what}: a message`);
}

describe('bad input', () => {
  it('refuses bodies that are not the JSON the endpoint takes, with 4xx and a message, changing nothing', async () => {
    const { app, state } = testSandbox();
    const before = snapshot(state);
    const bodies = ['not json', '', '{"firstName": ', 'null', '"text"', '42', 'true'];
    for (const [method, path] of [...OBJECT_ENDPOINTS, ...COLLECTION_ENDPOINTS]) {
      const wrongContainer = OBJECT_ENDPOINTS.some(([m, p]) => m === method && p === path) ? '[{"a": 1}]' : '{"a": 1}';
      for (const body of [...bodies, wrongContainer]) {
        await expectRefusal(await app.request(path, { method, headers: { ...auth, 'content-type': 'application/json' }, body }), `${method} ${path} ${body}`);
      }
    }
    for (const [method, path] of COLLECTION_ENDPOINTS) {
      for (const body of ['[]', JSON.stringify(Array.from({ length: 101 }, () => ({}))) ]) {
        await expectRefusal(await app.request(path, { method, headers: auth, body }), `${method} ${path} ${body.length} bytes`);
      }
    }
    assert.equal(snapshot(state), before);
  });

  it('refuses an oversized body with 413', async () => {
    const { app, state } = testSandbox();
    const before = snapshot(state);
    const body = JSON.stringify([{ note: 'x'.repeat(300 * 1024) }]);
    for (const [method, path] of [...OBJECT_ENDPOINTS, ...COLLECTION_ENDPOINTS]) {
      const res = await app.request(path, { method, headers: auth, body });
      assert.equal(res.status, 413, `${method} ${path}`);
      assert.equal(((await res.json()) as { message: string }).message, 'The request body is too large.');
    }
    assert.equal(snapshot(state), before);
  });

  it('answers collection items of the wrong kind each with its own error result, changing nothing', async () => {
    const { app, state } = testSandbox();
    const before = snapshot(state);
    const items = [null, 1, 'x', [], {}, { query: null }, { query: 'ADA2024' }, { rewardId: 7 }, { newReward: 'ten' }];
    for (const [method, path] of COLLECTION_ENDPOINTS) {
      const res = await app.request(path, { method, headers: auth, body: JSON.stringify(items) });
      assert.equal(res.status, 200, `${method} ${path}`);
      const results = (await res.json()) as Array<{ resultInfo: { Status: string; Message: string } }>;
      assert.equal(results.length, items.length);
      assert.ok(results.every((r) => r.resultInfo.Status === 'Error' && r.resultInfo.Message.length > 0), `${method} ${path}`);
    }
    assert.equal(snapshot(state), before);
  });

  it('never answers 500 to a field of the wrong type or size, wherever it is put', async () => {
    const { app } = testSandbox();
    for (const [method, path] of [...OBJECT_ENDPOINTS, ...COLLECTION_ENDPOINTS]) {
      const isCollection = COLLECTION_ENDPOINTS.some(([m, p]) => m === method && p === path);
      for (const field of FIELDS) {
        for (const value of ODD_VALUES) {
          const item = { [field]: value };
          const res = await app.request(path, { method, headers: auth, body: JSON.stringify(isCollection ? [item, { query: item, member: item, referral: item, memberQuery: item, referralQuery: item, newReward: item }] : item) });
          assert.ok(res.status < 500, `${method} ${path} ${field}=${JSON.stringify(value).slice(0, 30)}: ${res.status}`);
          await res.body?.cancel();
        }
      }
    }
  });

  it('refuses bad query parameters, unknown paths, wrong methods and a missing key', async () => {
    const { app } = testSandbox();
    const gets = [
      '/api/members?count=abc', '/api/members?offset=1.5', '/api/referrals?offset=x', '/api/rewards?dateTo=2025-13-45', '/api/rewards?status=Paid',
      '/api/hooks/history/NotAnEvent', '/api/memberstats/getsingle', '/api/memberstats/getsingle?query=ADA2024&timePeriod=Yesterday',
      '/api/memberstats/getsingle?query=ghost', '/api/program/getsingle', '/api/referral/single', '/api/referral/single?referralId=nope',
      '/api/hooks/history/%ZZ', '/api/nothing', '/api/members/',
    ];
    for (const path of gets) await expectRefusal(await app.request(path, { headers: auth }), `GET ${path}`);
    // The public share pages are for people: they answer a small HTML page.
    for (const path of ['/r/%E0%A4%A', '/r/', '/s/ADA2024/%', '/s/ADA2024/myspace', '/embed/%00', '/portal/nobody']) {
      const res = await app.request(path);
      assert.ok(res.status >= 400 && res.status < 500, `GET ${path}: ${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /text\/html|application\/json/);
      await res.body?.cancel();
    }
    const wrongMethods: Array<[string, string]> = [
      ['GET', '/api/rewards/issue'], ['PUT', '/api/members'], ['PATCH', '/api/referrals'], ['GET', '/api/hooks'], ['POST', '/api/programs'],
      ['DELETE', '/api/rewards'], ['GET', '/api/referral/update'], ['POST', '/api/hooks/history/MemberAdd'],
    ];
    for (const [method, path] of wrongMethods) {
      const res = await app.request(path, { method, headers: auth });
      assert.equal(res.status, 405, `${method} ${path}`);
    }
    const unauthenticated = await app.request('/api/members', { method: 'POST', body: '{}' });
    assert.equal(unauthenticated.status, 401);
  });
});
