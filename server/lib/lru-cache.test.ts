import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('forgets the least recently used entry first; a read or a write counts as a use', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), 1);
    cache.set('b', 20);
    cache.set('d', 4);
    assert.deepEqual([...cache.keys()], ['a', 'b', 'd']);
    assert.equal(cache.get('c'), undefined);
    assert.equal(cache.get('b'), 20);
    cache.set('e', 5);
    assert.deepEqual([...cache.keys()], ['d', 'b', 'e']);
    assert.equal(cache.size, 3);
  });

  it('deletes from any place in the order, and clears', () => {
    const cache = new LruCache<string, number>(5);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i);
    assert.equal(cache.delete('b'), true);
    assert.equal(cache.delete('b'), false);
    assert.equal(cache.delete('a'), true);
    assert.equal(cache.delete('d'), true);
    assert.deepEqual([...cache.keys()], ['c']);
    cache.set('e', 4);
    cache.get('c');
    assert.deepEqual([...cache.keys()], ['e', 'c']);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.deepEqual([...cache.keys()], []);
    cache.set('f', 5);
    assert.deepEqual([...cache.keys()], ['f']);
  });

  it('holds one entry at least', () => {
    assert.throws(() => new LruCache(0), RangeError);
    const cache = new LruCache<string, number>(1);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.deepEqual([...cache.keys()], ['b']);
    assert.equal(cache.get('b'), 2);
  });
});
