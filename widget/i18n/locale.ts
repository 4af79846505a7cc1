/** The locales with a built-in catalog; English is in the main bundle, the others load on demand. */
export const LOCALES = ['en', 'es', 'fr', 'de', 'pt-BR', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** The built-in locale closest to a BCP 47 tag (`pt` → `pt-BR`, `es-MX` → `es`); English otherwise. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'pt') return 'pt-BR';
  return LOCALES.find((l) => l === language) ?? 'en';
}

/**
 * The digits numbers and dates are written in: Latin in every language and engine (WebKit with some
 * ICU data writes Arabic with Arabic-Indic digits, Chromium and Firefox do not), unless the page's
 * tag names a numbering system (`lang="ar-u-nu-arab"`).
 */
export const numberingOf = (tag: string | null | undefined): string => /-nu-([a-z\d]{3,8})\b/i.exec(tag ?? '')?.[1] ?? 'latn';

/** The locale numbers and dates are written in: `locale`'s, in `numbering`'s digits. */
export const numberLocale = (locale: Locale, numbering: string): string => `${locale}-u-nu-${numbering}`;

/** Right-to-left scripts among the built-in locales. */
export const isRtl = (locale: Locale): boolean => locale === 'ar';
