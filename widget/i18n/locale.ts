/** The locales with a built-in catalog; English is in the main bundle, the others load on demand. */
export const LOCALES = ['en', 'es', 'fr', 'de', 'pt-BR', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** The built-in locale closest to a BCP 47 tag (`pt` → `pt-BR`, `es-MX` → `es`); English otherwise. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'pt') return 'pt-BR';
  return LOCALES.find((l) => l === language) ?? 'en';
}

/** Right-to-left scripts among the built-in locales. */
export const isRtl = (locale: Locale): boolean => locale === 'ar';
