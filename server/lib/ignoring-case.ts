/**
 * Whether two identifiers are the same, ignoring case: e-mails, GUIDs, referral codes and names
 * as Referral Rock compares them. A missing one (null or undefined) is the same as nothing.
 *
 * @example sameIgnoringCase('Ada@Example.com', 'ada@example.com') // true
 */
export const sameIgnoringCase = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
