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

export function formatters(locale: string, defaultCurrency: string): Formatters {
  const counts = numberFormat(locale);
  return {
    locale,
    count: (n) => counts.format(n ?? 0),
    money: (n, currency) => {
      try {
        return numberFormat(locale, currency || defaultCurrency).format(n ?? 0);
      } catch {
        // An unknown currency code from the page or upstream: the bare number still informs.
        return counts.format(n ?? 0);
      }
    },
  };
}

/** How many number formatters exist (tests check that they are reused). */
export const numberFormatCount = (): number => Object.keys(numberFormats).length;
