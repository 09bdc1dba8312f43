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

const formats = new Map<string, Intl.DateTimeFormat>();
/** One cached `Intl.DateTimeFormat` per locale and options: building them is the slow part. */
function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

const DAY_MS = 24 * 3600 * 1000;

/** Which of WeChat's date forms a moment takes, seen from `now` (both in local time). */
function dayKind(d: Date, now: Date): 'today' | 'yesterday' | 'week' | 'year' | 'older' {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const t = d.getTime();
  if (t >= startOfToday) return 'today';
  if (t >= startOfToday - DAY_MS) return 'yesterday';
  if (t >= startOfToday - 6 * DAY_MS) return 'week';
  return d.getFullYear() === now.getFullYear() ? 'year' : 'older';
}

/** The clock in the person's locale: en-US "2:05 PM", en-GB and zh-CN "14:05". */
export function clockTime(iso: string, locale: string): string {
  return fmt(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/**
 * The date part, WeChat's way, in the person's locale (Intl.DateTimeFormat): "" today, `yesterday`
 * ("Yesterday", "昨天"), the weekday within the last week ("Thursday", "星期四"), the month and day this year
 * (en-US "November 29", zh-CN "11月29日"), else with the year ("November 29, 2025", "2025年11月29日").
 */
export function dayText(iso: string, locale: string, yesterday: string, now = new Date()): string {
  const d = new Date(iso);
  switch (dayKind(d, now)) {
    case 'today':
      return '';
    case 'yesterday':
      return yesterday;
    case 'week':
      return fmt(locale, { weekday: 'long' }).format(d);
    case 'year':
      return fmt(locale, { month: 'long', day: 'numeric' }).format(d);
    case 'older':
      return fmt(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  }
}

/** A time label in the chat: the date part (none today) and the clock, e.g. "Yesterday 2:05 PM", "11月29日 14:05". */
export function timeLabel(iso: string, locale: string, yesterday: string, now = new Date()): string {
  return [dayText(iso, locale, yesterday, now), clockTime(iso, locale)].filter(Boolean).join(' ');
}

/** The chat list's short time: the clock today, else only the date part. */
export function shortTime(iso: string, locale: string, yesterday: string, now = new Date()): string {
  return dayText(iso, locale, yesterday, now) || clockTime(iso, locale);
}
