import { MEMBER_STAT_FIELDS } from '../../shared/referralrock.js';
import type { MemberStatField, MemberStats } from '../../types/referralrock.js';
import type { MeResponse } from '../../types/v1.js';
import type { Logger } from '../http/logging.js';
import { finiteNumber } from '../lib/finite-number.js';

/**
 * The stats the card shows, each a number. A field upstream stopped sending (or renamed) is left
 * out — the card leaves its tile out — never shown as 0.
 *
 * @example pickStats({ memberShares: '3', memberViews: null }) // { memberShares: 3 }
 */
export function pickStats(stats: MemberStats): MeResponse['stats'] {
  const picked: MeResponse['stats'] = {};
  for (const field of MEMBER_STAT_FIELDS) {
    const stat = finiteNumber(stats[field]);
    if (stat !== undefined) picked[field] = stat;
  }
  return picked;
}

/** The fields of the card that `stats` lacks, or holds as something other than a number. */
export const missingStatFields = (stats: MemberStats): MemberStatField[] =>
  MEMBER_STAT_FIELDS.filter((field) => finiteNumber(stats[field]) === undefined);

/**
 * Logs each stats field upstream failed to send once per process (a warning: the card shows one
 * number fewer for every member until it comes back, or the field's new name is read).
 *
 * @example const report = missingStatsReporter(log); report(await referralRock.memberStats(id, 'All'))
 */
export function missingStatsReporter(log: Logger | undefined): (stats: MemberStats) => void {
  const reported = new Set<MemberStatField>();
  return (stats) => {
    if (!log || typeof stats !== 'object' || stats === null) return;
    for (const field of missingStatFields(stats)) {
      if (reported.has(field)) continue;
      reported.add(field);
      log({ level: 'warn', msg: 'memberstats/getsingle sent no number for a field the card shows: it is left out', field });
    }
  };
}
