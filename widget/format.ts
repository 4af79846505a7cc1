/** Numbers, amounts and dates for one locale, through `Intl`. */
export interface Formatters {
  count(n: number | undefined): string;
  money(n: number | undefined, currency?: string | null): string;
  date(iso: string): string;
}

export function formatters(locale: string, defaultCurrency: string): Formatters {
  const counts = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return {
    count: (n) => counts.format(n ?? 0),
    money: (n, currency) => {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || defaultCurrency }).format(n ?? 0);
      } catch {
        // An unknown currency code from the page or upstream: the bare number still informs.
        return counts.format(n ?? 0);
      }
    },
    date: (iso) => {
      const time = Date.parse(iso);
      return Number.isNaN(time) ? '' : dates.format(time);
    },
  };
}
