import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sameIgnoringCase } from './ignoring-case.js';

it('compares identifiers ignoring case; a missing one matches nothing, not even an empty one', () => {
  assert.equal(sameIgnoringCase('Ada@Example.com', 'ada@example.COM'), true);
  assert.equal(sameIgnoringCase('ADA2024', 'ADA2025'), false);
  assert.equal(sameIgnoringCase(null, ''), false);
  assert.equal(sameIgnoringCase(undefined, undefined), false);
});
