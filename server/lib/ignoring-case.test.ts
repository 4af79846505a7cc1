import assert from 'node:assert/strict';
import { it } from 'node:test';
import { foldAsciiCase, sameIgnoringCase } from './ignoring-case.js';

it('compares identifiers ignoring case; a missing one matches nothing, not even an empty one', () => {
  assert.equal(sameIgnoringCase('Ada@Example.com', 'ada@example.COM'), true);
  assert.equal(sameIgnoringCase('ADA2024', 'ADA2025'), false);
  assert.equal(sameIgnoringCase(null, ''), false);
  assert.equal(sameIgnoringCase(undefined, undefined), false);
});

it('folds ASCII letters only: the Kelvin sign, dotted capital I and long s stay themselves', () => {
  assert.equal(sameIgnoringCase('\u212Aate@example.com', 'kate@example.com'), false, 'U+212A KELVIN SIGN is not k');
  assert.equal(sameIgnoringCase('\u0130da@example.com', 'ida@example.com'), false, 'U+0130 is not i');
  assert.equal(sameIgnoringCase('\u017Fam@example.com', 'sam@example.com'), false, 'U+017F LONG S is not s');
  assert.equal(foldAsciiCase('\u212AATE@Example.COM'), '\u212Aate@example.com');
  assert.equal(sameIgnoringCase('ÄDA@example.com', 'äda@example.com'), false, 'non-ASCII letters keep their case');
});
