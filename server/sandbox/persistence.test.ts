/** SANDBOX_SEED and SANDBOX_DATA: state survives a restart, and a crash mid-write loses nothing. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Member, MemberList, MemberStats } from '../../types/referralrock.js';
import { ConfigError } from '../config.js';
import { createStateWriter, sandboxStorageFromEnv } from './persistence.js';
import { createSeedState } from './seed.js';
import { ADA_ID, PROGRAM_ID, testSandbox } from './test-helpers.js';

describe('sandbox persistence', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-persistence-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the state in SANDBOX_DATA across a restart', async () => {
    const file = join(dir, 'restart.json');
    const storage = await sandboxStorageFromEnv({ SANDBOX_DATA: file });
    const first = testSandbox(storage);
    const created = await first.post<Member>('/api/members', { firstName: 'Kept', email: 'kept@example.com' });
    assert.equal(created.status, 200);
    await first.get('/r/ADA2024'); // a view counted by a share page is a change too
    await storage.onChange!.flush(); // what a stop does: the batched save is written

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

  it('reads a data file of the older shapes: reward rules and referral fields are upgraded', async () => {
    const older = createSeedState() as unknown as { rewardRules: unknown[]; referrals: Array<Record<string, unknown>> };
    older.rewardRules = [
      { id: 'rule-1', programId: PROGRAM_ID, title: 'Referral reward', type: 'Member', trigger: 'Approved', amount: 25, eligibilityDays: 3 },
      { id: 'rule-2', programId: PROGRAM_ID, title: 'Welcome discount for the friend', type: 'Referral', trigger: 'Approved', amount: 10, eligibilityDays: 0 },
    ];
    for (const referral of older.referrals) {
      referral.phone = '+1 555 0100';
      delete referral.phoneNumber;
      // The sandbox's own fields of before, which Referral Rock does not send.
      referral.referralCode = referral.memberReferralCode;
      referral.deniedDate = referral.status === 'Denied' ? referral.updateDate : null;
      delete referral.memberReferralCode;
      delete referral.memberEmail;
    }
    const file = join(dir, 'older.json');
    await writeFile(file, JSON.stringify(older));
    const { state } = await sandboxStorageFromEnv({ SANDBOX_DATA: file });
    assert.deepEqual(state.rewardRules, [{
      ruleId: 'rule-1', programId: PROGRAM_ID, isEnabled: true, description: 'Referral reward',
      reward: { amountCalculationMethod: 'Fixed', fixedAmount: 25, startingPercentAmount: null }, trigger: { referralStatus: 'Approved' }, deliveryDelay: 3,
    }]);
    const ada = state.referrals.find((r) => r.referringMemberId === ADA_ID)!;
    assert.deepEqual([ada.phoneNumber, ada.memberReferralCode, ada.memberEmail, 'phone' in ada], ['+1 555 0100', 'ADA2024', 'ada@example.com', false]);
    assert.ok(state.referrals.every((r) => !('referralCode' in r) && !('deniedDate' in r)), 'referralCode became memberReferralCode; deniedDate is gone');
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

  it('folds a burst of share-page hits into one save instead of a write and fsync each', async () => {
    const file = join(dir, 'batched.json');
    let clock = 0;
    const timers: Array<{ at: number; run: () => void }> = [];
    const renames: string[] = [];
    const save = createStateWriter(file, {
      minIntervalMs: 250,
      now: () => clock,
      schedule: (run, ms) => {
        const timer = { at: clock + ms, run };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
      rename: async (from, to) => {
        renames.push(to);
        await rename(from, to);
      },
    });
    const sandbox = testSandbox({ state: createSeedState(), onChange: save });
    for (let i = 0; i < 40; i++) assert.equal((await sandbox.get(`/s/ADA2024/${i % 2 ? 'email' : 'sms'}`)).status, 200);
    await save.flush();
    assert.ok(renames.length <= 2, `${renames.length} saves for 40 hits`);
    const shares = (JSON.parse(await readFile(file, 'utf8')) as { activity: Array<{ memberId: string; kind: string }> }).activity;
    assert.equal(shares.filter((a) => a.kind === 'share').length, sandbox.state.activity.filter((a) => a.kind === 'share').length, 'every hit is in the file');

    // Later hits wait for the interval, then share one save.
    renames.length = 0;
    for (let i = 0; i < 10; i++) await sandbox.get('/r/GRACE42');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(renames.length, 0, 'nothing written before the interval');
    // An API change does not wait for the interval: it answers once it is on disk (the hits with it).
    const created = await sandbox.post<{ referral: { id: string } }>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Urgent', email: 'urgent@example.net' });
    assert.equal(created.status, 200);
    assert.equal(renames.length, 1);
    assert.match(await readFile(file, 'utf8'), /urgent@example\.net/);
    renames.length = 0;
    for (let i = 0; i < 10; i++) await sandbox.get('/r/GRACE42');
    assert.equal(renames.length, 0);
    clock += 250;
    for (const timer of timers.splice(0)) timer.run();
    await save.flush();
    assert.equal(renames.length, 1);
    const views = (JSON.parse(await readFile(file, 'utf8')) as { activity: Array<{ kind: string }> }).activity.filter((a) => a.kind === 'view');
    assert.equal(views.length, sandbox.state.activity.filter((a) => a.kind === 'view').length);
  });

  it('keeps a flood of share-page hits as counts: the data file grows by one entry per member, channel and hour, and the stats count every hit', async () => {
    const file = join(dir, 'flood.json');
    // The start of an hour a day after the seed's activity (which is dated from the real clock).
    let clock = (Math.ceil(Date.now() / 3_600_000) + 24) * 3_600_000;
    const storage = await sandboxStorageFromEnv({ SANDBOX_DATA: file });
    const sandbox = testSandbox({ ...storage, now: () => new Date(clock) });
    await storage.onChange!.flush();
    const sizeBefore = (await readFile(file, 'utf8')).length;
    const entriesBefore = sandbox.state.activity.length;
    const statsBefore = (await sandbox.get<MemberStats>('/api/memberstats/getsingle?query=GRACE42')).body;
    for (let i = 0; i < 5_000; i++) {
      clock += 1; // 5,000 hits within one hour, on two channels and the link
      await sandbox.get(i % 5 === 0 ? '/r/GRACE42' : `/s/GRACE42/${i % 2 ? 'email' : 'sms'}`);
    }
    await storage.onChange!.flush();
    assert.equal(sandbox.state.activity.length, entriesBefore + 3, 'one entry for the link views, one per share channel');
    const sizeAfter = (await readFile(file, 'utf8')).length;
    assert.ok(sizeAfter - sizeBefore < 500, `the file grew by ${sizeAfter - sizeBefore} characters for 5,000 hits`);
    const stats = (await sandbox.get<MemberStats>('/api/memberstats/getsingle?query=GRACE42')).body;
    assert.equal(stats.memberShares! - statsBefore.memberShares!, 4_000);
    assert.equal(stats.memberViews! - statsBefore.memberViews!, 1_000);
    assert.equal(stats.lastActiveDate, new Date(clock).toISOString());
    // The next hour starts new entries; the counts survive a restart.
    clock += 60 * 60_000;
    await sandbox.get('/r/GRACE42');
    await storage.onChange!.flush();
    assert.equal(sandbox.state.activity.length, entriesBefore + 4);
    const restarted = testSandbox({ ...(await sandboxStorageFromEnv({ SANDBOX_DATA: file })), now: () => new Date(clock) });
    assert.equal((await restarted.get<MemberStats>('/api/memberstats/getsingle?query=GRACE42')).body.memberViews, statsBefore.memberViews! + 1_001);
  });

  it('writes a save still waiting for its turn when the process exits', async () => {
    const file = join(dir, 'exit.json');
    const writerUrl = new URL('./persistence.ts', import.meta.url).href;
    const seedUrl = new URL('./seed.ts', import.meta.url).href;
    const script = `
      const { createStateWriter } = await import(${JSON.stringify(writerUrl)});
      const { createSeedState } = await import(${JSON.stringify(seedUrl)});
      const save = createStateWriter(${JSON.stringify(file)}, { minIntervalMs: 3600000 });
      const state = createSeedState();
      await save(state);
      state.programs[0].title = 'changed just before exit';
      void save(state, { batch: true }); // a batched save: waits an hour for its turn
      process.exit(0);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { programs: Array<{ title: string }> };
    assert.equal(onDisk.programs[0]!.title, 'changed just before exit');
  });
});
