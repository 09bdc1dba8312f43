import type { Message } from '@pairchat/schema';

/** A time label appears above a message when more than this has passed since the one before it. */
export const TIME_GAP_MS = 5 * 60 * 1000;

export type TimelineItem<M extends Pick<Message, 'date'>> =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'time'; key: string; date: string }
  | { kind: 'message'; key: string; message: M };

function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/**
 * The chat pane's rows: a day separator where the local day changes, and a time label where more than five
 * minutes passed since the previous message (a day separator already shows the time of the first message).
 */
export function buildTimeline<M extends Pick<Message, 'date'>>(
  messages: readonly M[],
  keyOf: (m: M) => string,
): TimelineItem<M>[] {
  const items: TimelineItem<M>[] = [];
  let prev: M | undefined;
  for (const m of messages) {
    const key = keyOf(m);
    if (!prev || localDay(prev.date) !== localDay(m.date)) {
      items.push({ kind: 'day', key: `day-${key}`, date: m.date });
    } else if (new Date(m.date).getTime() - new Date(prev.date).getTime() > TIME_GAP_MS) {
      items.push({ kind: 'time', key: `time-${key}`, date: m.date });
    }
    items.push({ kind: 'message', key, message: m });
    prev = m;
  }
  return items;
}

/** "14:05" today, "Yesterday", a weekday within the week, else a date: the chat list's short time. */
export function shortTime(iso: string, lang: 'en' | 'zh', yesterday: string, now = new Date()): string {
  const d = new Date(iso);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 3600 * 1000;
  if (d.getTime() >= startOfToday) return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (d.getTime() >= startOfToday - day) return yesterday;
  if (d.getTime() >= startOfToday - 6 * day) return d.toLocaleDateString(locale, { weekday: 'short' });
  return d.toLocaleDateString(locale, { year: '2-digit', month: '2-digit', day: '2-digit' });
}

export function dayLabel(iso: string, lang: 'en' | 'zh'): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  return new Date(iso).toLocaleDateString(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

export function clockTime(iso: string, lang: 'en' | 'zh'): string {
  return new Date(iso).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
