import { describe, expect, it } from 'vitest';
import { mergeMessages, reconcileChats, upsertChat } from './merge.ts';
import { chat, msg } from './test-fixtures.ts';

describe('mergeMessages', () => {
  it('keeps each id once, ordered by seq, whatever order pages and frames arrive in', () => {
    const merged = mergeMessages([msg(2), msg(3)], [msg(5), msg(1), msg(3), msg(4)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });
  it('returns the same array when nothing comes in', () => {
    const list = [msg(1)];
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('chat list', () => {
  it('upsertChat puts the newest activity first and replaces the old version', () => {
    const list = [chat('x', '2026-01-02T00:00:00.000Z'), chat('y', '2026-01-01T00:00:00.000Z')];
    const next = upsertChat(list, chat('y', '2026-01-03T00:00:00.000Z', { unread: 2 }));
    expect(next.map((c) => [c.id, c.unread])).toEqual([
      ['y', 2],
      ['x', 0],
    ]);
  });

  it('reconcileChats: the fetch wins, but not over a frame that came during the fetch', () => {
    const startedAt = '2026-01-05T00:00:00.000Z';
    const local = [
      chat('fresh', '2026-01-05T00:00:01.000Z', { unread: 3 }), // updated by a frame during the fetch
      chat('stale', '2026-01-01T00:00:00.000Z', { unread: 9 }),
      chat('deleted-elsewhere', '2026-01-02T00:00:00.000Z'),
      chat('new-during-fetch', '2026-01-05T00:00:02.000Z'),
    ];
    const fetched = [
      chat('fresh', '2026-01-04T00:00:00.000Z', { unread: 2 }),
      chat('stale', '2026-01-03T00:00:00.000Z', { unread: 0 }),
    ];
    const result = reconcileChats(local, fetched, startedAt);
    expect(result.map((c) => [c.id, c.unread])).toEqual([
      ['new-during-fetch', 0],
      ['fresh', 3],
      ['stale', 0],
    ]);
  });
});
