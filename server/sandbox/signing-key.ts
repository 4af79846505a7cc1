/** A webhook signature key like Referral Rock's: `rr_` and 32 random hex digits. */
export function newSigningKey(): string {
  return `rr_${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
