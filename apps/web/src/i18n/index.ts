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
  const langs = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return langs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export type MessageKey = keyof Messages;

/** Fills `{name}` placeholders. */
export function format(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
