import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';

describe('presence slice', () => {
  it('the chat list answer sets every peer it names; frames keep it current; others stay as they were', () => {
    const s = createAppStore().getState;
    s().setOnline('stranger', true);
    s().presenceFromChatList(['p1', 'p2', 'p3'], ['p2']);
    expect(s().online).toEqual({ stranger: true, p1: false, p2: true, p3: false });
    s().setOnline('p1', true);
    s().setOnline('p2', false);
    expect(s().online).toMatchObject({ p1: true, p2: false });
  });

  it('typing shows until its time and stops when asked', () => {
    const s = createAppStore().getState;
    s().typingFrom('p1', 4_000);
    expect(s().typingUntil).toEqual({ p1: 4_000 });
    s().typingStopped('p1');
    expect(s().typingUntil).toEqual({});
  });
});
