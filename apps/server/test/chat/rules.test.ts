import type { Message } from '@pairchat/schema';
import { describe, expect, it } from 'vitest';
import {
  aroundSplit,
  deleted,
  lastVisible,
  nextReadSeq,
  quoteOf,
  recallProblem,
  reopened,
  unreadFloor,
  visibleAbove,
} from '../../src/chat/rules.ts';

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

  it('recall: my own message, within the window; a recalled one again is no problem', () => {
    const sent = at(1);
    const t = (ms: number) => new Date(Date.parse(sent.date) + ms);
    expect(recallProblem(sent, 'a', t(120_000), 120)).toBeNull();
    expect(recallProblem(sent, 'a', t(120_001), 120)).toMatch(/within 120 seconds/);
    expect(recallProblem(sent, 'b', t(0), 120)).toMatch(/only your own/);
    expect(recallProblem({ ...sent, recalled: true }, 'a', t(999_999), 120)).toBeNull();
  });

  it('a quote keeps 100 characters of text, nothing of media or of a recalled message', () => {
    expect(quoteOf({ ...at(2), content: '👍🏽'.repeat(101) }).preview).toBe('👍🏽'.repeat(100));
    expect(quoteOf(at(2))).toEqual({ seq: 2, from: 'a', name: 'a', kind: 'text', preview: 'x' });
    expect(quoteOf({ ...at(2), recalled: true, content: '' }).preview).toBe('');
  });

  it('a page around a seq: the older half takes the odd one; a short side leaves its room to the other', () => {
    expect(aroundSplit(5, 10, 10)).toEqual({ older: 3, newer: 2 });
    expect(aroundSplit(6, 2, 10)).toEqual({ older: 2, newer: 4 });
    expect(aroundSplit(4, 10, 0)).toEqual({ older: 4, newer: 0 });
    expect(aroundSplit(1, 5, 5)).toEqual({ older: 1, newer: 0 });
    expect(aroundSplit(10, 3, 2)).toEqual({ older: 3, newer: 2 });
  });
});
