import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, totalUnread } from './app-store.ts';
import { chat } from './test-fixtures.ts';

let store = createAppStore();
const s = () => store.getState();

beforeEach(() => {
  store = createAppStore();
  s().setChats(
    [chat('x', '2026-01-02T00:00:00.000Z', { unread: 2 }), chat('y', '2026-01-01T00:00:00.000Z', { unread: 5 })],
    '2026-01-03T00:00:00.000Z',
  );
});

describe('totalUnread', () => {
  it('adds the badges, leaving out the chat I am looking at while the page is visible', () => {
    s().setVisible(true);
    expect(totalUnread(s())).toBe(7);
    s().setActiveChat('y');
    expect(totalUnread(s())).toBe(2);
  });

  it('counts the open chat too while the page is hidden: nobody has seen what arrived there', () => {
    s().setActiveChat('y');
    s().setVisible(false);
    expect(totalUnread(s())).toBe(7);
  });

  it('a muted chat keeps its own count but adds nothing to the total (title, favicon)', () => {
    s().setVisible(true);
    s().putChat({ ...s().chats.find((c) => c.id === 'y')!, muted: true });
    expect(s().chats.find((c) => c.id === 'y')!.unread).toBe(5);
    expect(totalUnread(s())).toBe(2);
  });
});
