import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApiKey } from './upstream/api-key.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES, ConfigError, loadConfig, readConfigEnv } from './config.js';

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

  it('takes CURRENCY as an ISO 4217 code (USD by default, any case) and refuses anything else', () => {
    assert.equal(loadConfig({}).currency, 'USD');
    assert.equal(loadConfig({ CURRENCY: 'eur' }).currency, 'EUR');
    for (const bad of ['Dollars', 'US', '€', 'XQQ', 'Custom']) {
      assert.throws(() => loadConfig({ CURRENCY: bad }), (err: unknown) => err instanceof ConfigError && /^CURRENCY must be an ISO 4217/.test(err.problems[0]!), bad);
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

  it('reads WEBHOOK_SIGNING_KEY as one key for every event or Event:key pairs, and says which entry is wrong without printing a key', () => {
    assert.deepEqual(loadConfig({ ...live, WEBHOOK_SIGNING_KEY: 'rr_every_event_key' }).webhookSigningKeys, { every: 'rr_every_event_key', byEvent: {} });
    assert.deepEqual(loadConfig({ ...live, WEBHOOK_SIGNING_KEY: 'RewardAdd:rr_reward_key1, referralupdate:rr_referral_k' }).webhookSigningKeys, {
      byEvent: { RewardAdd: 'rr_reward_key1', ReferralUpdate: 'rr_referral_k' },
    });
    const refused = (raw: string, problem: RegExp) => {
      assert.throws(() => loadConfig({ ...live, WEBHOOK_SIGNING_KEY: raw }), (err: Error) => problem.test(err.message) && !err.message.includes('rr_secret_part'));
    };
    refused('RewardAdd:rr_secret_part,RewardDance:rr_secret_part', /entry 2 names "RewardDance", which is not a Referral Rock event/);
    refused('RewardAdd:rr_secret_part,RewardAdd:rr_secret_part', /names RewardAdd twice/);
    refused('RewardAdd:short', /entry 1 \(RewardAdd\): the key must be 8 to 200/);
    refused('RewardAdd:rr_secret_part,rr_secret_part', /entry 2 is not Event:key/);
    refused('has a space rr_secret_part', /must be 8 to 200 printable characters/);
    assert.equal(loadConfig(live).webhookToleranceSeconds, 300);
    assert.equal(loadConfig({ ...live, WEBHOOK_TOLERANCE_SECONDS: '60' }).webhookToleranceSeconds, 60);
    assert.throws(() => loadConfig({ ...live, WEBHOOK_TOLERANCE_SECONDS: '0' }), /WEBHOOK_TOLERANCE_SECONDS must be an integer from 30 to 3600/);
  });
});

describe('loadConfig: mistakes refused, not passed in silence', () => {
  const live = { REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: 'x'.repeat(32) };

  it('refuses a set but empty or blank REFERRALROCK_API_KEY instead of starting the sandbox', () => {
    for (const key of ['', '   ', '\n']) {
      assert.throws(() => loadConfig({ REFERRALROCK_API_KEY: key, MEMBER_TOKEN_SECRET: 'x'.repeat(32) }), /REFERRALROCK_API_KEY is set but empty/);
    }
    assert.equal(loadConfig({}).mode, 'sandbox', 'unset is still sandbox mode');
  });

  it('refuses a set but empty MEMBER_TOKEN_SECRET, in sandbox mode too', () => {
    assert.throws(() => loadConfig({ MEMBER_TOKEN_SECRET: ' ' }), /MEMBER_TOKEN_SECRET is set but empty/);
  });

  it('refuses a plain-http PUBLIC_URL in live mode (the webhook secret would travel in the clear), loopback aside', () => {
    const hooks = { ...live, WEBHOOK_SECRET: 'w'.repeat(20) };
    assert.throws(() => loadConfig({ ...hooks, PUBLIC_URL: 'http://rewards.example.com' }), /PUBLIC_URL must use https/);
    assert.equal(loadConfig({ ...hooks, PUBLIC_URL: 'http://127.0.0.1:8787' }).publicUrl, 'http://127.0.0.1:8787');
    assert.equal(loadConfig({ ...hooks, PUBLIC_URL: 'https://rewards.example.com' }).publicUrl, 'https://rewards.example.com');
    assert.equal(loadConfig({ PUBLIC_URL: 'http://demo.example.com' }).publicUrl, 'http://demo.example.com', 'sandbox mode sends no real secret');
  });

  it('gives sandbox mode a token secret of its own at each start, which live mode never has', () => {
    const sandbox = loadConfig({ MEMBER_TOKEN_SECRET: 'x'.repeat(32) });
    assert.ok((sandbox.sandboxTokenSecret ?? '').length >= 32);
    assert.notEqual(sandbox.sandboxTokenSecret, loadConfig({ MEMBER_TOKEN_SECRET: 'x'.repeat(32) }).sandboxTokenSecret);
    assert.deepEqual(sandbox.memberTokenSecrets, [{ secret: 'x'.repeat(32) }, { secret: sandbox.sandboxTokenSecret }]);
    assert.equal(loadConfig(live).sandboxTokenSecret, undefined);
    assert.deepEqual(loadConfig(live).memberTokenSecrets, [{ secret: 'x'.repeat(32) }]);
  });
});

describe('readConfigEnv', () => {
  it('reads every variable of CONFIG_VARIABLES by name, and nothing else', () => {
    const asked: string[] = [];
    const env = readConfigEnv((name) => (asked.push(name), name === 'TRUST_PROXY' ? '1' : name === 'OTHER' ? 'x' : undefined));
    assert.deepEqual(asked, [...CONFIG_VARIABLES]);
    assert.deepEqual(env, { TRUST_PROXY: '1' });
  });

  it('reports a variable it may not read (Deno without --allow-env for it), never takes it as unset', () => {
    const refused = new Set(['TRUST_PROXY', 'RATE_LIMIT_IP_PER_MIN']);
    assert.throws(
      () => readConfigEnv((name) => { if (refused.has(name)) throw new Error('NotCapable'); return undefined; }),
      (err: unknown) => err instanceof ConfigError && /RATE_LIMIT_IP_PER_MIN, TRUST_PROXY could not be read/.test(err.problems[0]!) && err.problems[0]!.includes('--allow-env=PORT,HOST,'),
    );
  });

  it('takes a Worker’s unquoted number or boolean var as its text, and reports a binding that is no text', () => {
    assert.deepEqual(readConfigEnv((name) => (name === 'RATE_LIMIT_IP_PER_MIN' ? 60 : undefined)), { RATE_LIMIT_IP_PER_MIN: '60' });
    assert.throws(() => readConfigEnv((name) => (name === 'ALLOWED_ORIGINS' ? ['https://a.example'] : undefined)), /ALLOWED_ORIGINS could not be read/);
  });

  it('lists every variable a server module reads (a name missing here would go unread on Deno)', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const read = new Set<string>();
    for (const file of readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.includes('test-helpers') || file.endsWith('bench.ts')) continue;
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]{2,})|value\('([A-Z0-9_]+)'\)|'(SANDBOX_[A-Z0-9_]+)'/g)) read.add((m[1] ?? m[2] ?? m[3])!);
    }
    read.delete('PATH');
    assert.ok(read.size > 25, `found ${read.size}`);
    assert.deepEqual([...read].filter((name) => !(CONFIG_VARIABLES as readonly string[]).includes(name)), []);
  });
});

describe('loadConfig: shared-state settings an attacker (or a typo) could turn against a deployment', () => {
  const live = { REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: 'x'.repeat(32) };

  it('refuses a REDIS_URL whose password is not valid percent-encoding with a line naming REDIS_URL, never the password', () => {
    let message = '';
    try {
      loadConfig({ ...live, REDIS_URL: 'redis://:pw%zzsecret@redis.internal:6379' });
    } catch (err) {
      message = String((err as Error).message);
    }
    assert.match(message, /REDIS_URL: the user name or password holds a %/);
    assert.doesNotMatch(message, /URI malformed|pw|zzsecret/);
    assert.equal(loadConfig({ ...live, REDIS_URL: 'redis://:p%25w@redis.internal:6379' }).sharedState.redisUrl, 'redis://:p%25w@redis.internal:6379');
  });

  it('gives every REDIS_PREFIX one closing ":" and refuses one holding another, so no deployment’s keys start with another’s prefix', () => {
    assert.equal(loadConfig({ ...live, REDIS_PREFIX: 'rs' }).sharedState.prefix, 'rs:');
    assert.equal(loadConfig({ ...live, REDIS_PREFIX: 'rs:' }).sharedState.prefix, 'rs:');
    assert.equal(loadConfig({ ...live, REDIS_PREFIX: 'rs.stats' }).sharedState.prefix, 'rs.stats:');
    assert.equal(loadConfig(live).sharedState.prefix, 'referral-share:');
    for (const nested of ['rs:stats:', 'rs:stats', 'rs::', ':', '']) assert.throws(() => loadConfig({ ...live, REDIS_PREFIX: nested }), /REDIS_PREFIX must be/, nested);
  });
});
