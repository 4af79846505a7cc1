/**
 * Case folding for identifiers (e-mails, GUIDs, referral codes, names as Referral Rock compares
 * them): ASCII letters only. `toLowerCase()` folds far more — U+212A KELVIN SIGN becomes `k`,
 * U+0130 becomes `i̇` — so `\u212Aate@example.com` would meet Kate's cache entry. Anything outside
 * A–Z is kept exactly as it is.
 *
 * @example foldAsciiCase('Ada@Example.COM') // 'ada@example.com'
 * @example foldAsciiCase('\u212Aate@example.com') // '\u212Aate@example.com' (not Kate)
 */
export const foldAsciiCase = (text: string): string => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * Whether two identifiers are the same, ignoring the case of ASCII letters (and nothing else: see
 * {@link foldAsciiCase}). A missing one (null or undefined) is the same as nothing.
 *
 * @example sameIgnoringCase('Ada@Example.com', 'ada@example.com') // true
 * @example sameIgnoringCase('\u212Aate@example.com', 'kate@example.com') // false
 */
export const sameIgnoringCase = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && (a === b || (a.length === b.length && foldAsciiCase(a) === foldAsciiCase(b)));
