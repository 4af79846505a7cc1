import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finiteNumber } from './finite-number.js';

test('finiteNumber takes numbers and numbers sent as strings, and nothing else', () => {
  assert.deepEqual([3, '3', ' 2.5 ', '0', -1].map(finiteNumber), [3, 3, 2.5, 0, -1]);
  assert.deepEqual(['', '  ', 'three', '3 apples', null, undefined, true, Number.NaN, Infinity, '1e999', {}].map(finiteNumber), Array(11).fill(undefined));
});
