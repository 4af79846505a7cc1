import type { RewardRule } from '../../types/referralrock.js';
import { UpstreamError } from './client.js';

/**
 * A list `message` that only says the list is empty ("No members found.") or that all went well:
 * not an error. Referral Rock documents the field as "review this field for error information"
 * without listing its texts.
 */
const NOT_AN_ERROR = /^\s*(success|ok)\b|\bnot\s+found\b|\bno\b.*\bfound\b|\bno\s+results?\b/i;

/**
 * The items of a Referral Rock list answer (`{ members: [], offset, total, message }`). A 200 whose
 * `message` reports an error and that carries no items is Referral Rock failing (a 502
 * `upstream_list_error`), never an empty list: read as one, a member would be told they do not
 * exist. A list without its array and without a message is read as empty (upstream may send null).
 *
 * @example const members = listItems<Member>(await rr.request('GET', 'api/members?…'), 'members')
 */
export function listItems<T>(answer: unknown, field: string): T[] {
  const envelope = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const items = Array.isArray(envelope[field]) ? (envelope[field] as T[]) : [];
  if (items.length === 0 && listErrorMessage(envelope) !== undefined) {
    throw new UpstreamError(502, 'upstream_list_error', 'Referral Rock answered with an error instead of the list.', false, false);
  }
  return items;
}

/** The error a list answer reports in its `message` (or `Message`), if any; a message that only says "none found" is none. */
export function listErrorMessage(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const raw = (answer as { message?: unknown; Message?: unknown }).message ?? (answer as { Message?: unknown }).Message;
  if (typeof raw !== 'string' || raw.trim() === '' || NOT_AN_ERROR.test(raw)) return undefined;
  return raw;
}

/**
 * The rules of either wrapping of `GET api/rewardrules`; anything else is no rules.
 *
 * @example rewardRulesOf(await client.get('api/rewardrules?programId=…')).find((r) => r.isEnabled !== false)
 */
export function rewardRulesOf(answer: unknown): RewardRule[] {
  const list = Array.isArray(answer) ? answer : (answer as { rewardRules?: unknown } | null)?.rewardRules;
  return Array.isArray(list) ? list.filter((r): r is RewardRule => typeof r === 'object' && r !== null && typeof (r as RewardRule).ruleId === 'string') : [];
}
