import { expect } from '@open-wc/testing';
import { changedArgs } from './changed-args.js';

describe('changedArgs', () => {
  it('gives the first reading, then a reading only when one of its values changed', () => {
    const host = { endpoint: 'https://api.example', token: 't' };
    const changed = changedArgs(() => [host.endpoint, host.token]);
    expect(changed()).to.deep.equal(['https://api.example', 't']);
    expect(changed()).to.equal(undefined);
    host.token = 'u';
    expect(changed()).to.deep.equal(['https://api.example', 'u']);
    expect(changed()).to.equal(undefined);
  });

  it('compares by identity: an equal new object counts as a change', () => {
    let data = { name: 'Ada' };
    const changed = changedArgs(() => [data]);
    changed();
    data = { name: 'Ada' };
    expect(changed()).to.deep.equal([{ name: 'Ada' }]);
  });
});
