import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidMemberToken, signMemberToken, verifyMemberToken } from './member-token.js';

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

  it('refuses to sign for zero or two members', async () => {
    await assert.rejects(signMemberToken({} as { email: string }, SECRET), TypeError);
    await assert.rejects(signMemberToken({ email: 'a@b.c', memberId: 'x' } as unknown as { email: string }, SECRET), TypeError);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signMemberToken({ email: 'a@b.c' }, 'another-secret-another-secret-0000');
    await assert.rejects(verifyMemberToken(token, SECRET), InvalidMemberToken);
  });
});
