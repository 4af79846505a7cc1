/**
 * Text from upstream that a member's browser shows: people's names and reward descriptions. One
 * module decides what is safe to show, so every name field follows one rule:
 *
 * - compatibility forms are folded first (NFKC), so `sam＠example.net` (fullwidth @), `﹫` and
 *   fullwidth digits are checked as the `@` and digits they look like;
 * - invisible characters are dropped: controls, format characters (bidi overrides and isolates,
 *   zero-width spaces and joiners, the byte-order mark), private-use characters and lone surrogates;
 *   line breaks become spaces;
 * - a name holding an e-mail address or a phone number is not a name at all.
 */

/**
 * Controls, format characters (bidi, zero-width), private use, and the letters that draw nothing
 * (Hangul fillers, the blank Braille pattern, the combining grapheme joiner). Lone surrogates are
 * removed before NFKC.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\u034F\u115F\u1160\u3164\uFFA0\u2800]+/gu;
const LONE_SURROGATE = /\p{Cs}/gu;
/** More combining marks on one letter than any script writes ("Zalgo" text spills over the row). */
const MARK_PILE = /(\p{M}{3})\p{M}+/gu;

/** The `@` of an address: itself (folded from its look-alikes by NFKC), escaped (`%40`, `&#64;`), or spelled `(at)` / `[at]`. */
const AT = String.raw`(?:@|%40|&(?:#0*64|#x0*40|commat);|[([{<]\s*at\s*[)\]}>])`;
/** An e-mail address: its `@` in any of those forms, or spelled out: ` at host.tld`, ` at host dot tld`. */
const EMAIL_SIGN = new RegExp(String.raw`${AT}|\S\s+at\s+[\p{L}\p{N}-]+(?:\.|\s+dot\s+)\p{L}{2,}`, 'iu');
/** One side of an address, for scrubbing it out whole: its characters, `[dot]` / `(dot)`, an `[ip]` literal. */
const ADDRESS_PART = String.raw`(?:[^\s<>()[\]{},;:"']|[([{]\s*dot\s*[)\]}]|\[[0-9a-f.:]+\])*`;
/**
 * The whole of an e-mail-like word, for scrubbing it out of a sentence. It starts only where a word
 * does (the lookbehind): tried from every character of a long word, it would cost its square.
 */
const EMAIL_WORD = new RegExp(String.raw`(?<![^\s<>()[\]{},;:"'])${ADDRESS_PART}${AT}${ADDRESS_PART}`, 'giu');
/** An address spelled out in words ("sam at example dot net"), taken out whole before a display name is split. */
const SPELLED_EMAIL = /(?<![\p{L}\p{N}._+-])[\p{L}\p{N}._+-]+\s+at\s+[\p{L}\p{N}-]+(?:\s+dot\s+[\p{L}\p{N}-]+)+/giu;
/**
 * A phone number: seven to fifteen digits (any script's) with the separators phones are written
 * with, or any digits after a `+`. Dates (`2026-11-20`, `20/11/2026`) are not phones.
 */
const PHONE = /(?<![\p{L}\p{N}])\(?\+?\p{Nd}(?:[\s().\-/]{0,3}\p{Nd}){6,14}(?![\p{L}\p{N}])|\+\s?\p{Nd}[\p{Nd}\s().\-]*/gu;
const DATE_LIKE = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;

/** Characters of a name field read at most: names are shown in 40, display names' words in a few. */
const NAME_READ_LIMIT = 256;

/**
 * One line of visible text: NFKC-folded, invisible characters dropped, whitespace collapsed,
 * trimmed. Anything but a string is `''`.
 *
 * @example visibleLine('Sam\u202E\u200Bmas\nF.') // 'Sammas F.'
 */
export function visibleLine(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .replace(LONE_SURROGATE, '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(MARK_PILE, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Whether text holds an e-mail address or a phone number (checked on its visible, NFKC-folded form). */
export function holdsContactDetails(text: string): boolean {
  const line = visibleLine(text);
  if (EMAIL_SIGN.test(line)) return true;
  return [...line.matchAll(PHONE)].some(([match]) => isPhone(match));
}

/**
 * A person's name as it may be shown: its visible line, at most `maxLength` characters — or null
 * when nothing is left, or when it holds an e-mail address or a phone number (then it is not a
 * name, and no part of it is shown).
 *
 * @example personName('Sam') // 'Sam'
 * @example personName('sam＠example.net') // null
 * @example personName('+15550001111 X.') // null
 */
export function personName(value: unknown, maxLength = 40): string | null {
  // Bounded work: what is shown (at most `maxLength`) lies well inside what is checked.
  const line = visibleLine(typeof value === 'string' ? value.slice(0, NAME_READ_LIMIT) : value);
  if (line === '' || holdsContactDetails(line)) return null;
  return truncate(line, maxLength);
}

/**
 * The words of a display name ("Sam Fisher sam@example.net") that are name words: each visible,
 * and none an e-mail address or a phone number.
 *
 * @example nameWords('Sam Fisher <sam@example.net>') // ['Sam', 'Fisher']
 */
export function nameWords(value: unknown): string[] {
  // Bounded work (a 30 KB display name took seconds); a word the cut splits is left out whole.
  const cut = typeof value === 'string' && value.length > NAME_READ_LIMIT;
  const line = cut ? visibleLine((value as string).slice(0, NAME_READ_LIMIT)).replace(/\s*\S*$/, '') : visibleLine(value);
  // A phone written with spaces ("+1 555 000 1111") is several words: take it out whole first.
  const withoutContacts = line.replace(SPELLED_EMAIL, ' ').replace(EMAIL_WORD, ' ').replace(PHONE, (match) => (isPhone(match) ? ' ' : match));
  return withoutContacts
    .split(' ')
    .map((word) => word.replace(/^[<([{"']+|[>)\]}"',;:]+$/g, ''))
    .filter((word) => word !== '' && !holdsContactDetails(word));
}

/**
 * A sentence from upstream (a reward's description) as it may be shown: its visible line with
 * every e-mail address and phone number taken out, at most `maxLength` characters; null when
 * nothing is left.
 *
 * @example scrubContactDetails('Welcome reward for Sam Friend <sam@example.net> +15550001111') // 'Welcome reward for Sam Friend'
 */
export function scrubContactDetails(value: unknown, maxLength = 300): string | null {
  // Bounded work: a 200 KB description is cut long before the regular expressions read it.
  const head = typeof value === 'string' ? value.slice(0, maxLength * 8) : value;
  const line = visibleLine(head)
    .replace(SPELLED_EMAIL, '')
    .replace(EMAIL_WORD, '')
    .replace(PHONE, (match) => (isPhone(match) ? '' : match))
    .replace(/[<([{]\s*[>)\]}]/g, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s,;:]+$/, '');
  return line === '' ? null : truncate(line, maxLength);
}

function isPhone(match: string): boolean {
  const trimmed = match.trim();
  if (DATE_LIKE.test(trimmed)) return false;
  const digits = trimmed.replace(/\P{Nd}/gu, '').length;
  return trimmed.startsWith('+') ? digits >= 3 : digits >= 7;
}

/** At most `max` characters (code points), an ellipsis marking a cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
