/** Numbers and amounts for one locale, through `Intl`. */
export interface Formatters {
  /** The locale they format for (the rewards list formats its dates with it). */
  locale: string;
  count(n: number | undefined): string;
  money(n: number | undefined, currency?: string | null): string;
}

export function formatters(locale: string, defaultCurrency: string): Formatters {
  const counts = new Intl.NumberFormat(locale);
  return {
    locale,
    count: (n) => counts.format(n ?? 0),
    money: (n, currency) => {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || defaultCurrency }).format(n ?? 0);
      } catch {
        // An unknown currency code from the page or upstream: the bare number still informs.
        return counts.format(n ?? 0);
      }
    },
  };
}
