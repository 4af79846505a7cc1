/** Numbers and amounts for one locale, through `Intl`. */
export interface Formatters {
  /** The locale they format for (the rewards list formats its dates with it). */
  locale: string;
  count(n: number | undefined): string;
  money(n: number | undefined, currency?: string | null): string;
}

// Building an `Intl.NumberFormat` is the costly part (the first one in a page starts ICU, tens of
// milliseconds): each is built once per page and reused by every element.
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

/** The formatters of `locale`; amounts without a currency of their own are in `defaultCurrency`. */
export function formatters(locale: string, defaultCurrency: string): Formatters {
  const count = (n: number | undefined) => numberFormat(locale)!.format(n ?? 0);
  return {
    locale,
    count,
    // An unknown currency code from the page or upstream: the bare number still informs.
    money: (n, currency) => numberFormat(locale, currency || defaultCurrency)?.format(n ?? 0) ?? count(n),
  };
}
