import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { chat, msg } from '../test-fixtures.ts';

let store = createAppStore();
const s = () => store.getState();

beforeEach(() => {
  store = createAppStore();
});

describe('chats slice', () => {
  it("every chat update drops held messages up to the chat's clearedSeq, and only those", () => {
    s().setChats(
      [chat('c1', '2026-01-01T00:00:00.000Z'), chat('c2', '2026-01-01T00:00:00.000Z')],
      '2026-01-01T00:00:00.000Z',
    );
    s().addMessages('c1', [msg(1), msg(2), msg(3)], { hasOlder: true });
    s().addMessages('c2', [msg(1), msg(2)], { hasOlder: true });
    s().putChat(chat('c1', '2026-01-01T00:00:04.000Z', { clearedSeq: 2 }));
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([3]);
    expect(s().histories.c2!.messages.map((m) => m.seq)).toEqual([1, 2]);

    s().setChats([chat('c2', '2026-01-01T00:00:05.000Z', { clearedSeq: 2 })], '2026-01-01T00:00:05.000Z');
    // Everything held was cleared: nothing older is left to page for.
    expect(s().histories.c2).toMatchObject({ messages: [], hasOlder: false, loaded: true });
  });

  it('keeps the list most recent first; removing a chat closes it and drops its history', () => {
    s().setChats(
      [chat('a', '2026-01-01T00:00:00.000Z'), chat('b', '2026-01-02T00:00:00.000Z')],
      '2026-01-03T00:00:00.000Z',
    );
    expect(s().chats.map((c) => c.id)).toEqual(['b', 'a']);
    s().putChat(chat('a', '2026-01-04T00:00:00.000Z'));
    expect(s().chats.map((c) => c.id)).toEqual(['a', 'b']);
    s().setActiveChat('a');
    s().addMessages('a', [msg(1)]);
    s().removeChat('a');
    expect(s().chats.map((c) => c.id)).toEqual(['b']);
    expect(s().activeChatId).toBeNull();
    expect(s().histories.a).toBeUndefined();
  });

  it('marking read clears the badge at once', () => {
    s().putChat(chat('a', '2026-01-01T00:00:00.000Z', { unread: 3 }));
    s().markReadLocally('a');
    expect(s().chats[0]!.unread).toBe(0);
  });
});
