/** SANDBOX_SEED and SANDBOX_DATA: state survives a restart, and a crash mid-write loses nothing. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Member, MemberList } from '../../types/referralrock.js';
import { ConfigError } from '../config.js';
import { createStateWriter, sandboxStorageFromEnv } from './persistence.js';
import { createSeedState } from './seed.js';
import { testSandbox } from './test-helpers.js';

describe('sandbox persistence', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-persistence-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the state in SANDBOX_DATA across a restart', async () => {
    const file = join(dir, 'restart.json');
    const first = testSandbox(await sandboxStorageFromEnv({ SANDBOX_DATA: file }));
    const created = await first.post<Member>('/api/members', { firstName: 'Kept', email: 'kept@example.com' });
    assert.equal(created.status, 200);
    await first.get('/r/ADA2024'); // a view counted by a share page is a change too

    const second = testSandbox(await sandboxStorageFromEnv({ SANDBOX_DATA: file }));
    const found = await second.get<MemberList>('/api/members?query=kept@example.com');
    assert.equal(found.body.members[0]?.referralCode, created.body.referralCode);
    const stats = await second.get<{ memberViews: number }>('/api/memberstats/getsingle?query=ADA2024');
    assert.equal(stats.body.memberViews, 15);
  });

  it('starts from SANDBOX_SEED, and says what is wrong with a bad seed', async () => {
    const seed = createSeedState();
    seed.members = seed.members.filter((m) => m.referralCode === 'GRACE42');
    const seedFile = join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify(seed));
    const sandbox = testSandbox(await sandboxStorageFromEnv({ SANDBOX_SEED: seedFile }));
    assert.equal((await sandbox.get<MemberList>('/api/members')).body.total, 1);

    const cases: Array<[string, RegExp]> = [
      ['{"programs": [', /is not valid JSON/],
      ['[]', /must be a JSON object/],
      ['{"programs": []}', /at least one program/],
      [JSON.stringify({ ...seed, members: [{ id: 'x' }] }), /members\[0\]\.email must be a string/],
    ];
    for (const [text, message] of cases) {
      await writeFile(seedFile, text);
      await assert.rejects(sandboxStorageFromEnv({ SANDBOX_SEED: seedFile }), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    }
    await assert.rejects(sandboxStorageFromEnv({ SANDBOX_SEED: join(dir, 'missing.json') }), /SANDBOX_SEED: cannot read/);
  });

  it('leaves the previous file whole when a write dies before its rename, and cleans up after itself', async () => {
    const file = join(dir, 'torn.json');
    const state = createSeedState();
    await createStateWriter(file)(state);
    const before = await readFile(file, 'utf8');
    const dying = createStateWriter(file, { rename: () => Promise.reject(Object.assign(new Error('crash'), { code: 'EIO' })) });
    state.members[0]!.firstName = 'Changed';
    await assert.rejects(dying(state), /crash/);
    assert.equal(await readFile(file, 'utf8'), before);
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('torn') && n.endsWith('.tmp')), []);
  });

  it('survives a process killed mid-write: the file holds the last acknowledged save or a later one', async () => {
    const file = join(dir, 'killed.json');
    // A child saves a growing state as fast as it can and prints each acknowledged save.
    const writerUrl = new URL('./persistence.ts', import.meta.url).href;
    const seedUrl = new URL('./seed.ts', import.meta.url).href;
    const script = `
      const { createStateWriter } = await import(${JSON.stringify(writerUrl)});
      const { createSeedState } = await import(${JSON.stringify(seedUrl)});
      const save = createStateWriter(${JSON.stringify(file)});
      const state = createSeedState();
      for (let i = 0; i < 300; i++) state.activity.push({ memberId: 'pad', kind: 'view', channel: 'link', at: 'x'.repeat(200) });
      for (let n = 1; ; n++) {
        state.programs[0].title = 'save ' + n;
        await save(state);
        process.stdout.write('saved ' + n + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the child saved nothing in 20 s')), 20_000);
      child.stdout.on('data', () => {
        if ((output.match(/saved \d+/g) ?? []).length >= 20) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const acknowledged = Math.max(...(output.match(/saved (\d+)/g) ?? []).map((line) => Number(line.slice(6))));
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { programs: Array<{ title: string }> };
    const saved = Number(onDisk.programs[0]!.title.slice(5));
    assert.ok(saved >= acknowledged, `file holds save ${saved}; save ${acknowledged} was acknowledged`);
    // The next start reads it and sweeps the crash's temporary file away.
    const restarted = await sandboxStorageFromEnv({ SANDBOX_DATA: file });
    assert.equal(restarted.state.programs[0]!.title, `save ${saved}`);
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('killed') && n.endsWith('.tmp')), []);
  });
});
