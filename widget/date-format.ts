/**
 * Dates written the way the member's locale writes them ("Mar 2, 2024"). Only the lazy lists show
 * dates, so this stays out of the main bundle. One `Intl.DateTimeFormat` per locale, built on first
 * use and kept: building one costs far more than formatting with it.
 */
const byLocale = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO date for `locale`; an absent or unreadable date gives ''. */
export function formatDate(locale: string, iso: string | null | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  let dates = byLocale.get(locale);
  if (!dates) {
    dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    byLocale.set(locale, dates);
  }
  return dates.format(time);
}

/** How many date formatters exist (tests check that they are reused). */
export const dateFormatterCount = (): number => byLocale.size;
