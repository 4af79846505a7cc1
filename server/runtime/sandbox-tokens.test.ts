/**
 * Tokens sandbox mode mints are never valid on a live server, even one sharing MEMBER_TOKEN_SECRET;
 * and `npm run token` after a plain `npm start` prints a token the running demo accepts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../../types/v1.js';
import { signMemberToken } from '../security/member-token.js';
import { bearer, SECRET, sandboxApp } from '../test-helpers.js';
import { startNodeServer } from './node.js';
import { SANDBOX_TOKEN_FILE, writeSandboxTokenSecret } from './sandbox-token-file.js';

const LIVE = { REFERRALROCK_API_KEY: 'pub-key-1234:priv-key-5678' };

describe('sandbox tokens', () => {
  it('a token from the sandbox’s /demo/token is refused by a live server that shares MEMBER_TOKEN_SECRET', async () => {
    const sandbox = sandboxApp(); // MEMBER_TOKEN_SECRET = SECRET
    const live = sandboxApp(LIVE); // same SECRET, live mode
    const minted = (await (await sandbox.app.request('/demo/token?email=ada@example.com')).json()) as { token: string };
    assert.equal((await sandbox.app.request('/v1/me', bearer(minted.token))).status, 200, 'the sandbox accepts its own token');
    const refused = await live.app.request('/v1/me', bearer(minted.token));
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as ErrorBody).error.code, 'invalid_token');
    assert.deepEqual(live.apiCalls(), [], 'no upstream call was made for it');
    // The host site's own tokens, signed with the shared secret, still pass the live token check.
    const hostToken = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    assert.notEqual((await live.app.request('/v1/me', bearer(hostToken))).status, 401);
  });

  it('`npm run token` in the folder of a running sandbox prints a token it accepts', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'referral-share-token-'));
    const server = await startNodeServer({ PORT: '0' }, () => {});
    try {
      // What `npm start` (server/runtime/main.ts) does once it listens.
      await writeSandboxTokenSecret(server.config.sandboxTokenSecret!, folder);
      assert.equal((await stat(join(folder, SANDBOX_TOKEN_FILE))).mode & 0o077, 0, 'readable by its owner alone');
      const token = await tokenCli(folder, ['--email', 'ada@example.com']);
      const res = await fetch(`${server.url}/v1/me`, bearer(token));
      assert.equal(res.status, 200);
    } finally {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('`npm run token` with neither MEMBER_TOKEN_SECRET nor a running sandbox says what to do', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'referral-share-token-'));
    try {
      await assert.rejects(tokenCli(folder, ['--email', 'ada@example.com']), /MEMBER_TOKEN_SECRET is not set, and no sandbox runs here/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

/** Runs the token CLI as `npm run token` does, in `cwd`, without MEMBER_TOKEN_SECRET; bounded in time. */
function tokenCli(cwd: string, args: string[]): Promise<string> {
  const cli = fileURLToPath(new URL('./token-cli.ts', import.meta.url));
  const { MEMBER_TOKEN_SECRET: _unset, ...env } = process.env;
  return new Promise((resolve, reject) => {
    // tsx by its full address: `cwd` is a folder of its own, with no node_modules.
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cli, ...args], { cwd, env, timeout: 20_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${err}`))));
  });
}
