/**
 * The same built app (`dist/server/…`, what the package ships) on every runtime: Node, Cloudflare
 * Workers (workerd through Miniflare), Bun and Deno — each on a free loopback port, in live mode
 * against the sandbox served over HTTP, answering `/v1/me` for a real token, and counting each
 * client address on its own (one address flooding locks out no other). Needs `npm run build`.
 */
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MeResponse } from '../../types/v1.js';
import { parseApiKey } from '../upstream/api-key.js';
import { CONFIG_VARIABLES, DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { createSandbox } from '../sandbox/app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'runtime-test-secret-0123456789-abcdefghij';
const STARTUP_TIMEOUT_MS = 20_000;
/** The per-address limit the entries run with here: low, so a flood is a few requests. */
const PER_ADDRESS_LIMIT = 4;

describe('the same app on every runtime', () => {
  let sandbox: ServerType;
  let sandboxUrl: string;
  let env: Record<string, string>;
  let token: string;
  let scratch: string;

  before(async () => {
    assert.ok(existsSync(join(root, 'dist/server/index.js')), 'dist/server/ is missing: run `npm run build` first');
    const key = parseApiKey(DEFAULT_SANDBOX_API_KEY) as { basic: string };
    sandbox = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: createSandbox({ basicAuth: key.basic }).fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    sandboxUrl = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
    env = {
      REFERRALROCK_API_URL: sandboxUrl,
      REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY,
      MEMBER_TOKEN_SECRET: SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
      RATE_LIMIT_IP_PER_MIN: String(PER_ADDRESS_LIMIT),
    };
    token = await signMemberToken({ email: 'ada@example.com' }, SECRET, { name: 'Ada' });
    scratch = await mkdtemp(join(tmpdir(), 'referral-share-runtimes-'));
  });
  after(async () => {
    await new Promise((resolve) => sandbox?.close(resolve));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** What a widget would get: Ada's links (pointing at the sandbox) and stats; no token, a 401. */
  async function assertServesMe(baseUrl: string): Promise<void> {
    const response = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as MeResponse;
    assert.deepEqual(body.member, { name: 'Ada', referralCode: 'ADA2024' });
    assert.equal(body.links.shareUrl, `${sandboxUrl}/r/ADA2024`);
    assert.equal(body.stats.memberShares, 8);
    const anonymous = await fetch(`${baseUrl}/v1/me`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { code: string } }).error.code, 'missing_token');
    await assertCountsEachAddress(baseUrl);
  }

  /**
   * An anonymous client on 127.0.0.2 floods past the per-address limit; a member on 127.0.0.3 still
   * gets 200s. (Before each entry handed the app its client's address, all shared one bucket.)
   */
  async function assertCountsEachAddress(baseUrl: string): Promise<void> {
    const flood: number[] = [];
    for (let i = 0; i <= PER_ADDRESS_LIMIT; i++) flood.push(await statusFrom('127.0.0.2', `${baseUrl}/v1/me`));
    assert.deepEqual(flood, [...Array(PER_ADDRESS_LIMIT).fill(401), 429], 'the flooding address is limited');
    assert.equal(await statusFrom('127.0.0.3', `${baseUrl}/v1/me`, { authorization: `Bearer ${token}` }), 200, 'another address is not');
  }

  it('Node (@hono/node-server)', async () => {
    const { startNodeServer } = (await import(join(root, 'dist/server/runtime/node.js'))) as typeof import('./node.js');
    const server = await startNodeServer(env, () => {});
    try {
      await assertServesMe(server.url);
    } finally {
      await server.close();
    }
  });

  it('Cloudflare Workers (workerd via Miniflare), built for a browser-like platform', async () => {
    // platform=browser with nothing external: a `node:` import anywhere in the app fails this build.
    const scriptPath = join(scratch, 'worker.js');
    const result = await build({
      entryPoints: [join(root, 'server/runtime/cloudflare.ts')],
      outfile: scriptPath,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((path) => path.startsWith('node:') || path.includes('@hono/node-server')), []);

    const { PORT: _port, HOST: _host, ...bindings } = env;
    const mf = new Miniflare({ modules: true, scriptPath, modulesRoot: scratch, compatibilityDate: '2025-01-01', cf: false, host: '127.0.0.1', port: 0, bindings });
    try {
      const url = await mf.ready;
      await assertServesMe(url.origin);
    } finally {
      await mf.dispose();
    }
  });

  it('Bun', async () => {
    const bun = runtimeBinary(['bun/bin/bun.exe', '@oven/bun-linux-x64/bin/bun', '@oven/bun-linux-x64-baseline/bin/bun', '@oven/bun-linux-aarch64/bin/bun', '@oven/bun-darwin-aarch64/bin/bun', '@oven/bun-darwin-x64/bin/bun']);
    const child = spawn(bun, ['run', 'dist/server/runtime/bun.js'], {
      cwd: root,
      env: { PATH: process.env.PATH, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', DO_NOT_TRACK: '1', ...env },
    });
    try {
      await assertServesMe(await listeningUrl(child));
    } finally {
      await stop(child);
    }
  });

  it('Deno', async () => {
    const child = spawn(
      denoBinary(),
      ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-env=${CONFIG_VARIABLES.join(',')}`, 'dist/server/runtime/deno.js'],
      { cwd: root, env: { PATH: process.env.PATH, DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...env } },
    );
    try {
      await assertServesMe(await listeningUrl(child));
    } finally {
      await stop(child);
    }
  });

  it('Deno with a narrowed --allow-env: names the variables it may not read, and does not start', async () => {
    const narrowed = ['PORT', 'HOST', 'REFERRALROCK_API_KEY', 'REFERRALROCK_API_URL', 'MEMBER_TOKEN_SECRET', 'ALLOWED_ORIGINS', 'UPSTREAM_TIMEOUT_MS', 'SANDBOX_API_KEY'];
    const child = spawn(
      denoBinary(),
      ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-env=${narrowed.join(',')}`, 'dist/server/runtime/deno.js'],
      { cwd: root, env: { PATH: process.env.PATH, DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...env, TRUST_PROXY: '1' } },
    );
    const { code, output } = await exited(child);
    assert.equal(code, 1, output);
    assert.match(output, /RATE_LIMIT_IP_PER_MIN, TRUST_PROXY, .*could not be read/);
    assert.doesNotMatch(output, /listening on/);
  });
});

const denoBinary = () => runtimeBinary(['deno/deno', '@deno/linux-x64-glibc/deno', '@deno/linux-arm64-glibc/deno', '@deno/darwin-arm64/deno', '@deno/darwin-x64/deno']);

/** The status of a GET sent from `localAddress` (127.0.0.2, 127.0.0.3: loopback addresses on Linux). */
function statusFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Its exit code and everything it printed; bounded in time. */
function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The runtime's binary from the npm registry: where its install script moves it, or its platform
 * package when install scripts did not run (a placeholder of a few bytes is not a binary).
 */
function runtimeBinary(candidates: string[]): string {
  const isBinary = (path: string) => existsSync(path) && statSync(path).size > 1_000_000;
  const found = candidates.map((path) => join(root, 'node_modules', path)).find(isBinary);
  assert.ok(found, `none of ${candidates.join(', ')} is installed: run npm ci`);
  return found;
}

/** Waits for the entry's "listening on URL" line; fails with its output if it exits or stalls. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
