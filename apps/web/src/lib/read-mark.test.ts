import { describe, expect, it } from 'vitest';
import { noteSeen, readMarkToSend } from './read-mark.ts';

describe('read mark', () => {
  it('is the highest seq shown, never more than the newest known', () => {
    expect(readMarkToSend('c1', 6, 6)).toBeNull(); // nothing shown yet
    expect(noteSeen('c1', 2)).toBe(true);
    expect(noteSeen('c1', 1)).toBe(false);
    expect(noteSeen('c1', 2)).toBe(false);
    expect(readMarkToSend('c1', 6, 6)).toBe(2);
    noteSeen('c1', 9); // a row this tab's history has, ahead of the chat list
    expect(readMarkToSend('c1', 6, 4)).toBe(6);
    expect(readMarkToSend('c2', 6, 6)).toBeNull(); // chats are apart
  });

  it('sends nothing when nothing is unread', () => {
    noteSeen('c3', 4);
    expect(readMarkToSend('c3', 4, 0)).toBeNull();
  });
});
