/**
 * The one way this backend builds a key out of several parts (a claim and its value and a program;
 * a member and a time period; a member and a page): a JSON array of the parts. Whatever a part
 * holds — `@`, `|`, `:`, quotes, NUL — no two lists of parts make the same key, since JSON escapes
 * what would end a part. Gluing parts with a separator is not: `ada@example.com` + `@p-1` and
 * `ada@example.com@p-1` + nothing were one key.
 *
 * @example composeKey('email', 'ada@example.com', 'p-1') // '["email","ada@example.com","p-1"]'
 * @example composeKey('email', 'ada@example.com@p-1', null) // '["email","ada@example.com@p-1",null]'
 */
export const composeKey = (...parts: KeyPart[]): string => JSON.stringify(parts);

/** One part of a composed key: text, a number, null (absent), or a list of parts. */
export type KeyPart = string | number | null | readonly KeyPart[];

/**
 * The parts of a key `composeKey` made, or undefined for a string it did not make.
 *
 * @example partsOfKey('["stats","All"]') // ['stats', 'All']
 */
export function partsOfKey(key: string): Array<string | number | null> | undefined {
  try {
    const parts: unknown = JSON.parse(key);
    return Array.isArray(parts) && parts.every((part) => part === null || typeof part === 'string' || typeof part === 'number') ? parts : undefined;
  } catch {
    return undefined;
  }
}
