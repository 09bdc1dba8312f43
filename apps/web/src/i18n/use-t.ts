import { useApp } from '../stores/app-store.ts';
import { format, LANGS, type MessageKey } from './index.ts';

/** The current language's text for a key, with `{placeholders}` filled. */
export function useT() {
  const lang = useApp((s) => s.lang);
  return (key: MessageKey, vars?: Record<string, string | number>) => format(LANGS[lang][key], vars);
}
