/** One entry, linked to its neighbours in recency order. */
interface Node<K, V> {
  key: K;
  value: V;
  /** The entry used just before this one (towards the least recently used). */
  older: Node<K, V> | undefined;
  /** The entry used just after this one (towards the most recently used). */
  newer: Node<K, V> | undefined;
}

/**
 * A bounded map that forgets the least recently used entry first. Runtime-neutral. A `Map` finds
 * the entry and a doubly linked list keeps the recency order, so a hit moves two links instead of
 * deleting and re-inserting the key (which costs a hash-table write per read).
 *
 * @example
 * const cache = new LruCache<string, number>(1000)
 * cache.set('a', 1); cache.get('a') // 1
 */
export class LruCache<K, V> {
  readonly #nodes = new Map<K, Node<K, V>>();
  #oldest: Node<K, V> | undefined;
  #newest: Node<K, V> | undefined;

  constructor(readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError('An LRU cache holds at least one entry.');
  }

  get size(): number {
    return this.#nodes.size;
  }

  get(key: K): V | undefined {
    const node = this.#nodes.get(key);
    if (node === undefined) return undefined;
    this.#makeNewest(node);
    return node.value;
  }

  set(key: K, value: V): void {
    const known = this.#nodes.get(key);
    if (known !== undefined) {
      known.value = value;
      this.#makeNewest(known);
      return;
    }
    const node: Node<K, V> = { key, value, older: this.#newest, newer: undefined };
    if (this.#newest === undefined) this.#oldest = node;
    else this.#newest.newer = node;
    this.#newest = node;
    this.#nodes.set(key, node);
    if (this.#nodes.size > this.maxEntries) this.delete(this.#oldest!.key);
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key);
    if (node === undefined) return false;
    this.#unlink(node);
    this.#nodes.delete(key);
    return true;
  }

  clear(): void {
    this.#nodes.clear();
    this.#oldest = this.#newest = undefined;
  }

  /** The keys, least recently used first. */
  *keys(): IterableIterator<K> {
    for (let node = this.#oldest; node !== undefined; node = node.newer) yield node.key;
  }

  #makeNewest(node: Node<K, V>): void {
    if (node === this.#newest) return;
    this.#unlink(node);
    node.older = this.#newest;
    node.newer = undefined;
    this.#newest!.newer = node;
    this.#newest = node;
  }

  #unlink(node: Node<K, V>): void {
    if (node.older === undefined) this.#oldest = node.newer;
    else node.older.newer = node.newer;
    if (node.newer === undefined) this.#newest = node.older;
    else node.newer.older = node.older;
  }
}
