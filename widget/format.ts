import { isRtl, numberLocale, numberingOf, resolveLocale } from './i18n/locale.js';

/** Numbers and amounts for one locale, through `Intl`. */
export interface Formatters {
  /** The locale they format for (the rewards list formats its dates with it). */
  locale: string;
  count(n: number | undefined): string;
  money(n: number | undefined, currency?: string | null): string;
}

// Building an `Intl.NumberFormat` is the costly part (the first one in a page starts ICU, tens of
// milliseconds): each is built once per page and reused by every element. (`Intl` already puts a
// no-break space inside amounts, "US$ 25.00"; `numberStyles` keeps the card from breaking them anyway.)
const numberFormats = new Map<string, Intl.NumberFormat | null>();

/** The formatter of `locale` (and `currency`, for amounts); null for a currency `Intl` refuses. */
function numberFormat(locale: string, currency?: string): Intl.NumberFormat | null {
  const key = `${locale} ${currency ?? ''}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : {});
    } catch {
      format = null;
    }
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * In right-to-left text a Latin currency symbol after the number ("25.00 US$") comes out reversed
 * ("$US"): the "$" takes the direction of the text around it. Isolated (LRI … PDI), it stays "US$".
 */
const isolateCurrency = (format: Intl.NumberFormat, n: number): string =>
  format
    .formatToParts(n)
    .map((part) => (part.type === 'currency' ? `\u2066${part.value}\u2069` : part.value))
    .join('');

/** An ISO 4217 code. Referral Rock's `"Custom"` (a reward that is not money) is not one. */
const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/**
 * The formatters of `locale`; amounts without a currency of their own are in `defaultCurrency`. An
 * amount whose currency is `"Custom"` (or any other non-code) is the bare number: never dressed
 * in the default currency.
 */
export function formatters(locale: string, defaultCurrency: string): Formatters {
  const count = (n: number | undefined) => numberFormat(locale)!.format(n ?? 0);
  const rtl = isRtl(resolveLocale(locale));
  return {
    locale,
    count,
    money: (n, currency) => {
      const code = currency || defaultCurrency;
      if (!CURRENCY_CODE.test(code)) return count(n);
      const format = numberFormat(locale, code);
      // An unknown currency code from the page or upstream: the bare number still informs.
      if (!format) return count(n);
      return rtl ? isolateCurrency(format, n ?? 0) : format.format(n ?? 0);
    },
  };
}

/**
 * Builds the page language's formatters (in the locale the element will ask for: `numberLocale`)
 * ahead of the first card's numbers, and formats with each once: with the card's extras, when the
 * page is first idle (the element started ICU already, see `define`), so the numbers cost little on
 * the way to the whole card.
 */
export function warmUpNumbers(): void {
  const lang = document.documentElement.lang;
  const { count, money } = formatters(numberLocale(resolveLocale(lang), numberingOf(lang)), 'USD');
  count(0);
  money(0);
}

/** How many number formatters exist (tests check that they are reused). */
export const numberFormatCount = (): number => numberFormats.size;
