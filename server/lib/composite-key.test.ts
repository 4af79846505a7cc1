import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierKey, lookupKey } from '../members/lookup.js';
import { composeKey, partsOfKey } from './composite-key.js';

describe('composeKey', () => {
  it('never gives two lists of parts one key, whatever separators the parts hold', () => {
    const lists = [
      ['email', 'ada@example.com', 'p-1'],
      ['email', 'ada@example.com@p-1', null],
      ['email', 'ada@example.com@p-1', ''],
      ['email:ada@example.com', 'p-1'],
      ['email', 'ada@example.com|p-1'],
      ['email', 'ada"@example.com', 'p-1'],
      ['email', 'ada\u0000example.com', 'p-1'],
      ['email', 'ada', '\u0000example.com'],
      ['stats', null, 'All'],
      ['stats', '', 'All'],
    ];
    const keys = lists.map((parts) => composeKey(...parts));
    assert.equal(new Set(keys).size, lists.length, keys.join('\n'));
    lists.forEach((parts, i) => assert.deepEqual(partsOfKey(keys[i]!), parts));
  });

  it('a token’s lookup keeps its program apart from its value (the e-mail with "@<program>" glued on is another lookup)', () => {
    assert.notEqual(lookupKey('email', 'ada@example.com', 'p-1'), lookupKey('email', 'ADA@example.com@P-1'));
    assert.equal(lookupKey('email', 'Ada@Example.com', 'P-1'), lookupKey('email', 'ada@example.com', 'p-1'), 'ASCII case still folded');
    assert.notEqual(lookupKey('externalId', 'Cust-1'), lookupKey('externalId', 'cust-1'), 'external ids keep their case');
    assert.notEqual(identifierKey('email', 'ada@example.com'), lookupKey('email', 'ada@example.com'), 'an alias is not a lookup');
  });

  it('partsOfKey refuses what composeKey did not make', () => {
    for (const text of ['email:ada@example.com', '{"a":1}', '[{"a":1}]', '']) assert.equal(partsOfKey(text), undefined, text);
  });
});
