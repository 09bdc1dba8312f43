import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../socket/backoff.ts';
import { initials, avatarColor } from './avatar.ts';
import { buildTimeline, shortTime, TIME_GAP_MS, timeLabel } from './time.ts';

const at = (y: number, mo: number, d: number, h: number, mi: number) => ({
  date: new Date(y, mo, d, h, mi).toISOString(),
  id: `${d}-${h}-${mi}`,
});

describe('buildTimeline', () => {
  it('puts a day separator at each new local day and a time label after a gap of more than five minutes', () => {
    const messages = [
      at(2026, 10, 26, 23, 50),
      at(2026, 10, 26, 23, 54),
      at(2026, 10, 27, 0, 1),
      at(2026, 10, 27, 0, 6),
      at(2026, 10, 27, 0, 12),
    ];
    const kinds = buildTimeline(messages, (m) => m.id).map((i) => (i.kind === 'message' ? i.message.id : i.kind));
    expect(kinds).toEqual(['day', '26-23-50', '26-23-54', 'day', '27-0-1', '27-0-6', 'time', '27-0-12']);
  });

  it('exactly five minutes is not a gap', () => {
    const a = new Date(2026, 0, 1, 10, 0).getTime();
    const messages = [
      { date: new Date(a).toISOString() },
      { date: new Date(a + TIME_GAP_MS).toISOString() },
      { date: new Date(a + 2 * TIME_GAP_MS + 1).toISOString() },
    ];
    expect(buildTimeline(messages, (m) => m.date).map((i) => i.kind)).toEqual([
      'day',
      'message',
      'message',
      'time',
      'message',
    ]);
  });
});

describe("dates in the person's locale", () => {
  // Intl may put a narrow no-break space before "PM": compare with plain spaces.
  const plain = (s: string) => s.replace(/\s/g, ' ');
  const now = new Date(2026, 10, 30, 10, 0);
  const iso = (y: number, mo: number, d: number) => new Date(y, mo, d, 14, 5).toISOString();

  it("today shows only the clock, in the locale's own form", () => {
    expect(plain(timeLabel(iso(2026, 10, 30), 'en-US', 'Yesterday', now))).toBe('2:05 PM');
    expect(timeLabel(iso(2026, 10, 30), 'zh-CN', '昨天', now)).toBe('14:05');
    expect(plain(shortTime(iso(2026, 10, 30), 'en-US', 'Yesterday', now))).toBe('2:05 PM');
  });

  it('yesterday is Yesterday / 昨天', () => {
    expect(plain(timeLabel(iso(2026, 10, 29), 'en-US', 'Yesterday', now))).toBe('Yesterday 2:05 PM');
    expect(timeLabel(iso(2026, 10, 29), 'zh-CN', '昨天', now)).toBe('昨天 14:05');
    expect(shortTime(iso(2026, 10, 29), 'zh-CN', '昨天', now)).toBe('昨天');
  });

  it('within the week the weekday; this year the month and day; before it with the year', () => {
    expect(shortTime(iso(2026, 10, 26), 'en-US', 'Yesterday', now)).toBe('Thursday');
    expect(shortTime(iso(2026, 10, 26), 'zh-CN', '昨天', now)).toBe('星期四');
    expect(shortTime(iso(2026, 10, 20), 'en-US', 'Yesterday', now)).toBe('November 20');
    expect(shortTime(iso(2026, 10, 20), 'zh-CN', '昨天', now)).toBe('11月20日');
    expect(shortTime(iso(2026, 10, 20), 'en-GB', 'Yesterday', now)).toBe('20 November');
    expect(plain(timeLabel(iso(2025, 10, 29), 'en-US', 'Yesterday', now))).toBe('November 29, 2025 2:05 PM');
    expect(timeLabel(iso(2025, 10, 29), 'zh-CN', '昨天', now)).toBe('2025年11月29日 14:05');
  });
});

describe('backoff', () => {
  it('doubles from 500 ms to a 10 s ceiling, with jitter within ±20 %', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000, 10000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(400);
    expect(backoffDelay(0, () => 1)).toBe(600);
  });
});

describe('avatar', () => {
  it('initials from name parts, or the first character of a CJK name; a stable colour per id', () => {
    expect(initials('ana')).toBe('AN');
    expect(initials('ana.lee')).toBe('AL');
    expect(initials('李雷')).toBe('李');
    expect(avatarColor('abc')).toBe(avatarColor('abc'));
    expect(avatarColor('abc')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
