import { isRtl, resolveLocale } from './i18n/locale.js';

/** Numbers and amounts for one locale, through `Intl`. */
export interface Formatters {
  /** The locale they format for (the rewards list formats its dates with it). */
  locale: string;
  count(n: number | undefined): string;
  money(n: number | undefined, currency?: string | null): string;
}

/**
 * One `Intl.NumberFormat` per locale and currency, built on first use and kept: building one costs
 * far more than formatting with it, and the element asks for formatters on every render. (`Intl`
 * already puts a no-break space inside amounts, "US$ 25.00"; `numberStyles` keeps the card from
 * breaking them anyway.)
 */
const numberFormats: Record<string, Intl.NumberFormat> = {};

/** Throws a RangeError for a currency code `Intl` does not know. */
const numberFormat = (locale: string, currency = ''): Intl.NumberFormat =>
  (numberFormats[`${locale} ${currency}`] ??= new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : {}));

/**
 * In right-to-left text a Latin currency symbol after the number ("25.00 US$") comes out reversed
 * ("$US"): the "$" takes the direction of the text around it. Isolated (LRI … PDI), it stays "US$".
 */
const isolateCurrency = (format: Intl.NumberFormat, n: number): string =>
  format
    .formatToParts(n)
    .map((part) => (part.type === 'currency' ? `\u2066${part.value}\u2069` : part.value))
    .join('');

export function formatters(locale: string, defaultCurrency: string): Formatters {
  const counts = numberFormat(locale);
  const rtl = isRtl(resolveLocale(locale));
  return {
    locale,
    count: (n) => counts.format(n ?? 0),
    money: (n, currency) => {
      try {
        const format = numberFormat(locale, currency || defaultCurrency);
        return rtl ? isolateCurrency(format, n ?? 0) : format.format(n ?? 0);
      } catch {
        // An unknown currency code from the page or upstream: the bare number still informs.
        return counts.format(n ?? 0);
      }
    },
  };
}

/** How many number formatters exist (tests check that they are reused). */
export const numberFormatCount = (): number => Object.keys(numberFormats).length;
