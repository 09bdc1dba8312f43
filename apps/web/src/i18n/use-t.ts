import { useApp } from '../stores/app-store.ts';
import { format, LANGS, localeFor, type MessageKey } from './index.ts';

/** The current language's text for a key, with `{placeholders}` filled. */
export function useT() {
  const lang = useApp((s) => s.lang);
  return (key: MessageKey, vars?: Record<string, string | number>) => format(LANGS[lang][key], vars);
}

/** The locale for dates and times in the current language (see `localeFor`). */
export function useLocale(): string {
  return localeFor(useApp((s) => s.lang));
}
