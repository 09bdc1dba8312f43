import { en, type Messages } from './en.ts';
import { zh } from './zh.ts';

export type Lang = 'en' | 'zh';
export const LANGS: Record<Lang, Messages> = { en, zh };

/** The saved choice, else the browser's language: Chinese for any zh-*, English otherwise. */
export function detectLang(): Lang {
  try {
    const saved = localStorage.getItem('pairchat.lang');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // no storage: fall through to the browser's language
  }
  return browserLanguages().some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export type MessageKey = keyof Messages;

const DEFAULT_LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/**
 * The locale that dates and times are written in: the browser's own preference for the language the interface
 * is in (an en-GB browser gets "29 November", en-US "November 29"), else that language's usual locale.
 */
export function localeFor(lang: Lang, preferred: readonly string[] = browserLanguages()): string {
  const own = preferred.find((l) => l.toLowerCase().split('-')[0] === lang);
  if (!own) return DEFAULT_LOCALE[lang];
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([own])[0] ?? DEFAULT_LOCALE[lang];
  } catch {
    return DEFAULT_LOCALE[lang]; // not a well-formed language tag
  }
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/** Fills `{name}` placeholders. */
export function format(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
