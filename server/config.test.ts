import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApiKey } from './upstream/api-key.js';
import { ConfigError, loadConfig } from './config.js';

const basic = (pair: string) => Buffer.from(pair).toString('base64');

describe('parseApiKey', () => {
  it('accepts the publicKey:privateKey pair and the ready-made base64 key alike', () => {
    assert.deepEqual(parseApiKey('pub:priv'), { basic: basic('pub:priv') });
    assert.deepEqual(parseApiKey(basic('pub:priv')), { basic: basic('pub:priv') });
    assert.deepEqual(parseApiKey(`  ${basic('pub:priv')}\n`), { basic: basic('pub:priv') });
  });
  it('refuses keys of neither form', () => {
    for (const bad of ['', 'pub:', ':priv', 'not base64!', basic('no-colon-inside')]) {
      assert.ok('error' in parseApiKey(bad), bad);
    }
  });
});

describe('loadConfig', () => {
  it('defaults to sandbox mode on 127.0.0.1:8787, calling its own /sandbox, with a generated secret', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'sandbox');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8787);
    assert.equal(config.upstreamUrl, 'http://127.0.0.1:8787/sandbox');
    assert.equal(config.memberTokenSecretGenerated, true);
    assert.ok(config.memberTokenSecret.length >= 32);
    assert.notEqual(loadConfig({}).memberTokenSecret, config.memberTokenSecret);
    assert.equal(config.upstreamBasicAuth, basic('sandbox-public:sandbox-private'));
  });

  it('reaches itself through loopback when bound to every interface', () => {
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '9000' }).upstreamUrl, 'http://127.0.0.1:9000/sandbox');
  });

  it('goes live with a key, talking to REFERRALROCK_API_URL', () => {
    const config = loadConfig({
      REFERRALROCK_API_KEY: 'pub:priv',
      MEMBER_TOKEN_SECRET: 'x'.repeat(32),
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    assert.equal(config.mode, 'live');
    assert.equal(config.upstreamUrl, 'https://api.referralrock.com');
    assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(config.upstreamBasicAuth, basic('pub:priv'));
  });

  it('lists every mistake at once, each in a sentence', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        REFERRALROCK_API_KEY: 'pub:',
        REFERRALROCK_API_URL: 'ftp://x',
        MEMBER_TOKEN_SECRET: 'short',
        ALLOWED_ORIGINS: 'https://ok.example,https://bad.example/path',
        UPSTREAM_TIMEOUT_MS: '5',
      });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 6);
      for (const name of ['PORT', 'REFERRALROCK_API_KEY', 'REFERRALROCK_API_URL', 'MEMBER_TOKEN_SECRET', 'ALLOWED_ORIGINS', 'UPSTREAM_TIMEOUT_MS']) {
        assert.ok(err.problems.some((p) => p.startsWith(name)), name);
      }
      assert.ok(!err.message.includes('pub:'), 'the key is never echoed');
    }
  });

  it('sends the API key over https only, plain http to this machine alone', () => {
    const live = { REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: 'x'.repeat(32) };
    assert.throws(() => loadConfig({ ...live, REFERRALROCK_API_URL: 'http://api.referralrock.com' }), /must use https/);
    assert.equal(loadConfig({ ...live, REFERRALROCK_API_URL: 'http://127.0.0.1:9000' }).upstreamUrl, 'http://127.0.0.1:9000');
    assert.equal(loadConfig({ ...live, REFERRALROCK_API_URL: 'https://rr.example.com/' }).upstreamUrl, 'https://rr.example.com');
  });

  it('refuses live mode without a secret of 32 characters or more', () => {
    assert.throws(() => loadConfig({ REFERRALROCK_API_KEY: 'pub:priv' }), /MEMBER_TOKEN_SECRET/);
    assert.throws(() => loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: 'x'.repeat(31) }), /MEMBER_TOKEN_SECRET/);
  });
});

describe('loadConfig: hardening settings', () => {
  const live = { REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: 'x'.repeat(32) };

  it('has safe defaults', () => {
    const config = loadConfig(live);
    assert.equal(config.rateLimitMemberPerMinute, 120);
    assert.equal(config.rateLimitIpPerMinute, 600);
    assert.deepEqual(config.trustProxy, { kind: 'none' });
    assert.equal(config.memberTokenMaxAgeSeconds, 3600);
    assert.equal(config.statsTtlMs, 30_000);
    assert.equal(config.upstreamTimeoutMs, 5000);
    assert.equal(config.publicUrl, undefined);
  });

  it('reads several secrets for rotation, some named by kid', () => {
    const config = loadConfig({ ...live, MEMBER_TOKEN_SECRET: `${'a'.repeat(32)}, k2025:${'b'.repeat(32)}` });
    assert.deepEqual(config.memberTokenSecrets, [{ secret: 'a'.repeat(32) }, { kid: 'k2025', secret: 'b'.repeat(32) }]);
    assert.equal(config.memberTokenSecret, 'a'.repeat(32));
    assert.throws(() => loadConfig({ ...live, MEMBER_TOKEN_SECRET: `${'a'.repeat(32)},short` }), /MEMBER_TOKEN_SECRET/);
  });

  it('refuses "*" as an allowed origin in live mode, allows it in the sandbox', () => {
    assert.throws(() => loadConfig({ ...live, ALLOWED_ORIGINS: '*' }), /exact origins/);
    assert.deepEqual(loadConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins, ['*']);
  });

  it('reads TRUST_PROXY as off, hops or a header name', () => {
    assert.deepEqual(loadConfig({ ...live, TRUST_PROXY: 'false' }).trustProxy, { kind: 'none' });
    assert.deepEqual(loadConfig({ ...live, TRUST_PROXY: 'true' }).trustProxy, { kind: 'hops', hops: 1 });
    assert.deepEqual(loadConfig({ ...live, TRUST_PROXY: '2' }).trustProxy, { kind: 'hops', hops: 2 });
    assert.deepEqual(loadConfig({ ...live, TRUST_PROXY: 'CF-Connecting-IP' }).trustProxy, { kind: 'header', name: 'cf-connecting-ip' });
    assert.throws(() => loadConfig({ ...live, TRUST_PROXY: 'x y' }), /TRUST_PROXY/);
  });

  it('turns a rate limit off with 0 and refuses nonsense', () => {
    assert.equal(loadConfig({ ...live, RATE_LIMIT_IP_PER_MIN: '0' }).rateLimitIpPerMinute, 0);
    assert.throws(() => loadConfig({ ...live, RATE_LIMIT_MEMBER_PER_MIN: '-1' }), /RATE_LIMIT_MEMBER_PER_MIN/);
  });

  it('needs WEBHOOK_SECRET with PUBLIC_URL in live mode, and generates one in the sandbox', () => {
    assert.throws(() => loadConfig({ ...live, PUBLIC_URL: 'https://rewards.example.com' }), /WEBHOOK_SECRET/);
    const config = loadConfig({ ...live, PUBLIC_URL: 'https://rewards.example.com/', WEBHOOK_SECRET: 'w'.repeat(20) });
    assert.equal(config.publicUrl, 'https://rewards.example.com');
    assert.ok(loadConfig({}).webhookSecret.length >= 32);
    assert.throws(() => loadConfig({ WEBHOOK_SECRET: 'has spaces in it, and more' }), /WEBHOOK_SECRET/);
  });
});
