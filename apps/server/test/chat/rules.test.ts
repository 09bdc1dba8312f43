import type { Message } from '@pairchat/schema';
import { describe, expect, it } from 'vitest';
import { deleted, lastVisible, nextReadSeq, reopened, unreadFloor, visibleAbove } from '../../src/chat/rules.ts';

const at = (seq: number): Message => ({
  id: `m${seq}`,
  seq,
  chatKey: 'a_b',
  from: 'a',
  to: 'b',
  name: 'a',
  kind: 'text',
  content: 'x',
  media: null,
  replyTo: null,
  recalled: false,
  date: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  clientId: `c${seq}`,
});

describe('the rules of a conversation', () => {
  it('"delete for me" hides everything up to the cleared mark, and the last message with it', () => {
    expect(visibleAbove({ clearedSeq: 4 })).toBe(4);
    expect(visibleAbove({ clearedSeq: 4 }, 9)).toBe(9);
    expect(visibleAbove({ clearedSeq: 4 }, 2)).toBe(4);
    expect(lastVisible({ clearedSeq: 4, latest: at(4) })).toBeNull();
    expect(lastVisible({ clearedSeq: 4, latest: at(5) })).toEqual(at(5));
    expect(lastVisible({ clearedSeq: 0, latest: null })).toBeNull();
  });

  it('unread counts above both the read mark and the cleared mark', () => {
    expect(unreadFloor({ readSeq: 3, clearedSeq: 7 })).toBe(7);
    expect(unreadFloor({ readSeq: 9, clearedSeq: 7 })).toBe(9);
  });

  it('the read mark moves forward only and never past the newest message', () => {
    expect(nextReadSeq({ readSeq: 5 }, 8, 10)).toBe(8);
    expect(nextReadSeq({ readSeq: 5 }, 3, 10)).toBe(5);
    expect(nextReadSeq({ readSeq: 5 }, 1000, 10)).toBe(10);
  });

  it('a deleted box is hidden with nothing unread; it comes back with its cleared mark kept', () => {
    expect(deleted(12)).toEqual({ hidden: true, unread: 0, clearedSeq: 12 });
    expect(reopened('2026-01-01T00:00:00.000Z')).toEqual({ hidden: false, updatedAt: '2026-01-01T00:00:00.000Z' });
  });
});
