import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { sign } from 'hono/jwt';
import { createMemberTokenVerifier, InvalidMemberToken, signMemberToken, verifyMemberToken } from './member-token.js';

const SECRET = 'a-secret-of-at-least-thirty-two-chars!!';

describe('member tokens', () => {
  it('round-trips each identity with an expiry and an optional name', async () => {
    const token = await signMemberToken({ externalId: 'cust-9' }, SECRET, { name: 'Nine', expiresIn: 60 });
    assert.deepEqual(await verifyMemberToken(token, SECRET), { claim: 'externalId', value: 'cust-9', name: 'Nine' });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    assert.equal(header.alg, 'HS256');
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.equal(payload.exp - payload.iat, 60);
  });

  it("takes a name claim for the card's heading only when it is a name: no e-mail, no phone, no invisible characters", async () => {
    const nameOf = async (name: string) => (await verifyMemberToken(await signMemberToken({ email: 'ada@example.com' }, SECRET, { name }), SECRET)).name;
    assert.equal(await nameOf('Ada\u202E\u200B'), 'Ada');
    assert.equal(await nameOf('ada＠example.com'), null);
    assert.equal(await nameOf('+1 555 000 1111'), null);
    assert.equal((await nameOf('A'.repeat(500)))!.length, 200);
  });

  it('carries an optional programId (the member’s program), and refuses a malformed one', async () => {
    const token = await signMemberToken({ email: 'ada@example.com', programId: 'p-1' }, SECRET);
    assert.deepEqual(await verifyMemberToken(token, SECRET), { claim: 'email', value: 'ada@example.com', name: null, programId: 'p-1' });
    await assert.rejects(signMemberToken({ email: 'ada@example.com', programId: '' }, SECRET), TypeError);
    const now = Math.floor(Date.now() / 1000);
    for (const programId of [42, '', ' ', 'p'.repeat(101)]) {
      const forged = await sign({ email: 'ada@example.com', programId, iat: now, exp: now + 60 }, SECRET, 'HS256');
      await assert.rejects(verifyMemberToken(forged, SECRET), InvalidMemberToken, String(programId));
    }
  });

  it('refuses to sign for zero or two members', async () => {
    await assert.rejects(signMemberToken({} as { email: string }, SECRET), TypeError);
    await assert.rejects(signMemberToken({ email: 'a@b.c', memberId: 'x' } as unknown as { email: string }, SECRET), TypeError);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signMemberToken({ email: 'a@b.c' }, 'another-secret-another-secret-0000');
    await assert.rejects(verifyMemberToken(token, SECRET), InvalidMemberToken);
  });
});

describe('member token rules', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ email: 'ada@example.com', iat: now(), exp: now() + 300, ...extra });
  const sign256 = (payload: Record<string, unknown>, secret = SECRET) => sign(payload as Parameters<typeof sign>[0], secret, 'HS256');

  it('verifies with any of several secrets (rotation), and with a kid against the named one only', async () => {
    const verify = createMemberTokenVerifier({ secrets: [{ secret: 'new-secret-new-secret-new-secret-00' }, { kid: 'old', secret: SECRET }] });
    assert.equal((await verify(await sign256(claims()))).value, 'ada@example.com');
    assert.equal((await verify(await sign256(claims(), 'new-secret-new-secret-new-secret-00'))).value, 'ada@example.com');
    const withKid = await signMemberToken({ email: 'ada@example.com' }, SECRET, { kid: 'old' });
    assert.equal(JSON.parse(Buffer.from(withKid.split('.')[0]!, 'base64url').toString()).kid, 'old');
    assert.equal((await verify(withKid)).value, 'ada@example.com');
    const wrongKid = await signMemberToken({ email: 'ada@example.com' }, 'new-secret-new-secret-new-secret-00', { kid: 'old' });
    await assert.rejects(verify(wrongKid), InvalidMemberToken, 'a kid pins its secret');
  });

  it('allows 30 s of clock skew on exp and iat, and no more', async () => {
    const verify = createMemberTokenVerifier({ secrets: [{ secret: SECRET }] });
    await verify(await sign256(claims({ exp: now() - 20 })));
    await verify(await sign256(claims({ iat: now() + 20 })));
    await assert.rejects(verify(await sign256(claims({ exp: now() - 40 }))), /expired/);
    await assert.rejects(verify(await sign256(claims({ iat: now() + 40 }))), /iat/);
  });

  it('caps how far ahead exp may be (MEMBER_TOKEN_MAX_AGE)', async () => {
    const verify = createMemberTokenVerifier({ secrets: [{ secret: SECRET }], maxAgeSeconds: 600 });
    await verify(await sign256(claims({ exp: now() + 600 })));
    await assert.rejects(verify(await sign256(claims({ exp: now() + 700, iat: undefined }))), /lives too long/);
  });

  it('checks aud and iss when configured', async () => {
    const verify = createMemberTokenVerifier({ secrets: [{ secret: SECRET }], audience: 'rewards', issuer: 'shop' });
    await verify(await signMemberToken({ email: 'a@b.c' }, SECRET, { audience: 'rewards', issuer: 'shop' }));
    await verify(await sign256(claims({ aud: ['other', 'rewards'], iss: 'shop' })));
    await assert.rejects(verify(await sign256(claims({ iss: 'shop' }))), /audience/);
    await assert.rejects(verify(await sign256(claims({ aud: 'rewards', iss: 'elsewhere' }))), /issuer/);
  });

  it('reports a token that expires after it was cached as expired', async () => {
    const verify = createMemberTokenVerifier({ secrets: [{ secret: SECRET }] });
    const token = await sign256(claims({ exp: now() - 29 }));
    await verify(token);
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      mock.timers.tick(1100);
      await assert.rejects(verify(token), (err: InvalidMemberToken) => err.expired);
    } finally {
      mock.timers.reset();
    }
  });
});
