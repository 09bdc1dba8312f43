import { describe, expect, it } from 'vitest';
import { fresher, mergeMessages, reconcileChats, upsertChat } from './merge.ts';
import { chat, msg } from './test-fixtures.ts';

describe('mergeMessages', () => {
  it('keeps each id once, ordered by seq, whatever order pages and frames arrive in', () => {
    const merged = mergeMessages([msg(2), msg(3)], [msg(5), msg(1), msg(3), msg(4)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });
  it('a recall always wins: a stale copy that lands after it cannot bring the text back', () => {
    const recalled = msg(2, { recalled: true, content: '' });
    expect(mergeMessages([msg(1), recalled], [msg(2)])[1]).toEqual(recalled);
    expect(mergeMessages([msg(1), msg(2)], [recalled])[1]).toEqual(recalled);
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

  it('pinned chats come first, each group by most recent activity', () => {
    let list = [chat('a', '2026-01-03T00:00:00.000Z'), chat('b', '2026-01-02T00:00:00.000Z')];
    list = upsertChat(list, chat('c', '2026-01-01T00:00:00.000Z', { pinned: true }));
    list = upsertChat(list, chat('d', '2026-01-01T12:00:00.000Z', { pinned: true }));
    expect(list.map((c) => c.id)).toEqual(['d', 'c', 'a', 'b']);
    list = upsertChat(list, chat('d', '2026-01-01T12:00:00.000Z', { pinned: false }));
    expect(list.map((c) => c.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('fresher never un-recalls the last message of the same moment', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const recalled = chat('x', at, { lastMessage: msg(5, { recalled: true, content: '' }) });
    const stale = chat('x', at, { lastMessage: msg(5), unread: 1 });
    expect(fresher(recalled, stale)).toMatchObject({ unread: 1, lastMessage: { recalled: true } });
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
