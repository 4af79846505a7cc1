/**
 * A finite number, or one sent as a string (Referral Rock and form posts send both); anything
 * else (missing, null, blank, text) is undefined.
 *
 * @example finiteNumber('3') // 3
 * @example finiteNumber('') // undefined
 */
export function finiteNumber(raw: unknown): number | undefined {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
