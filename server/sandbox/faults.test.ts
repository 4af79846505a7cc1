import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox } from './app.js';
import { faultSettingsFromEnv, NO_FAULTS } from './faults.js';

const basicAuth = btoa('pub:priv');
const api = { headers: { authorization: `Basic ${basicAuth}` } };
const json = { ...api.headers, 'content-type': 'application/json' };

describe('sandbox fault injection', () => {
  it('reads SANDBOX_* variables, naming each mistake', () => {
    assert.deepEqual(faultSettingsFromEnv({}).settings, NO_FAULTS);
    const { settings, problems } = faultSettingsFromEnv({ SANDBOX_LATENCY_MS: '200', SANDBOX_ERROR_RATE: '0.05', SANDBOX_429_RATE: '0.1', SANDBOX_RETRY_AFTER: '3' });
    assert.deepEqual(problems, []);
    assert.equal(settings.latencyMs, 200);
    assert.equal(settings.errorRate, 0.05);
    assert.equal(settings.rateLimitRate, 0.1);
    assert.equal(settings.retryAfterSeconds, 3);
    const bad = faultSettingsFromEnv({ SANDBOX_ERROR_RATE: '5', SANDBOX_HANG_RATE: 'often' });
    assert.equal(bad.problems.length, 2);
    assert.ok(bad.problems.every((p) => p.startsWith('SANDBOX_')));
  });

  it('is switched at run time by /_faults: GET shows, POST changes, DELETE clears', async () => {
    const sandbox = createSandbox({ basicAuth });
    assert.equal((await sandbox.request('/api/programs', api)).status, 200);
    const set = await sandbox.request('/_faults', { method: 'POST', headers: json, body: JSON.stringify({ errorRate: 1 }) });
    assert.equal(set.status, 200);
    const failing = await sandbox.request('/api/programs', api);
    assert.equal(failing.status, 500);
    assert.deepEqual(await failing.json(), { message: 'An error has occurred.' });
    const shown = (await (await sandbox.request('/_faults', api)).json()) as { settings: { errorRate: number }; counts: { requests: number; error: number } };
    assert.equal(shown.settings.errorRate, 1);
    assert.deepEqual([shown.counts.requests, shown.counts.error], [2, 1]);
    await sandbox.request('/_faults', { ...api, method: 'DELETE' });
    assert.equal((await sandbox.request('/api/programs', api)).status, 200);
  });

  it('refuses unknown settings, inherited names included, with a 400', async () => {
    const sandbox = createSandbox({ basicAuth });
    for (const body of ['{"toString":1}', '{"constructor":0.5}', '{"__proto__":1}', '{"typo":1}']) {
      const res = await sandbox.request('/_faults', { method: 'POST', headers: json, body });
      assert.equal(res.status, 400, body);
      assert.match(((await res.json()) as { message: string }).message, /Unknown fault setting/);
    }
  });

  it('answers 429 with Retry-After, and malformed JSON with a 200', async () => {
    const sandbox = createSandbox({ basicAuth, faults: { rateLimitRate: 1, retryAfterSeconds: 7 } });
    const limited = await sandbox.request('/api/programs', api);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    await sandbox.request('/_faults', { method: 'POST', headers: json, body: JSON.stringify({ rateLimitRate: 0, malformedRate: 1 }) });
    const broken = await sandbox.request('/api/programs', api);
    assert.equal(broken.status, 200);
    await assert.rejects(broken.json(), SyntaxError);
  });

  it('hangs until the caller gives up', async () => {
    const sandbox = createSandbox({ basicAuth, faults: { hangRate: 1 } });
    const started = Date.now();
    const res = await sandbox.request('/api/programs', { ...api, signal: AbortSignal.timeout(200) });
    assert.ok(Date.now() - started >= 190);
    assert.equal(res.status, 504);
  });

  it('stops after `limit` faults, and leaves the share pages alone', async () => {
    const sandbox = createSandbox({ basicAuth, faults: { errorRate: 1, limit: 1 } });
    assert.equal((await sandbox.request('/r/ADA2024')).status, 200);
    assert.equal((await sandbox.request('/api/programs', api)).status, 500);
    assert.equal((await sandbox.request('/api/programs', api)).status, 200);
  });

  it('refuses unknown or out-of-range settings with the API’s error shape', async () => {
    const sandbox = createSandbox({ basicAuth });
    for (const body of ['{"errorRate": 2}', '{"explode": true}', 'not json', '[]']) {
      const res = await sandbox.request('/_faults', { method: 'POST', headers: json, body });
      assert.equal(res.status, 400, body);
      assert.ok(((await res.json()) as { message: string }).message.length > 0);
    }
    assert.equal((await sandbox.request('/_faults', { ...api, method: 'PUT' })).status, 405);
    const plain = await sandbox.request('/_faults', { ...api, method: 'POST', body: '{"errorRate":1}' });
    assert.equal(plain.status, 415, 'a cross-site form post cannot switch faults');
  });

  it('answers only to the key holder, and only at its own path', async () => {
    const sandbox = createSandbox({ basicAuth });
    const attempts: Array<[string, RequestInit]> = [
      ['/_faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"errorRate":1}' }],
      ['/_faults', { method: 'POST', headers: { authorization: `Basic ${btoa('pub:wrong')}`, 'content-type': 'application/json' }, body: '{"errorRate":1}' }],
      ['/_faults', { method: 'DELETE' }],
    ];
    for (const [path, init] of attempts) assert.equal((await sandbox.request(path, init)).status, 401, `${init.method} ${path}`);
    const peek = await sandbox.request('/_faults');
    assert.equal(peek.status, 401);
    assert.equal(((await peek.json()) as { settings?: unknown }).settings, undefined, 'no settings shown without the key');
    // Any other path ending in /_faults is no switch, with the key or without.
    for (const path of ['/r/ADA2024/_faults', '/s/ADA2024/email/_faults', '/api/programs/_faults', '/anything/_faults', '/_faults/']) {
      for (const headers of [{}, json]) {
        const res = await sandbox.request(path, { method: 'POST', headers, body: '{"errorRate":1}' });
        assert.ok(res.status === 404 || res.status === 401, `${path}: ${res.status}`);
      }
    }
    assert.equal((await sandbox.request('/api/programs', api)).status, 200, 'no fault was switched on');
    assert.equal((await sandbox.request('/_faults', api)).status, 200, 'the key holder still reads them');
  });
});
