import type { Chat, Message, MessagesAnswer } from '@pairchat/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../api/client.ts';
import { applyFrame } from './apply-frame.ts';
import { createAppStore } from './app-store.ts';
import { catchUp } from './catch-up.ts';
import { chat, msg, recordingEffects } from './test-fixtures.ts';

/**
 * A server's answers, in memory: the race below (a message pushed over the socket while the catch-up fetch is
 * under way) cannot be timed reliably against a real server, so the API is a stand-in here; the real thing is
 * covered end to end in e2e/tests/reconnect.spec.ts.
 */
function fakeApi(
  chats: Chat[],
  messages: Message[],
  hooks: { onMessages?: () => void; online?: string[] } = {},
): Pick<Api, 'chats' | 'messages'> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    chats: async () => ({ chats, online: hooks.online ?? [] }),
    messages: async (chatId, page): Promise<MessagesAnswer> => {
      calls.push(`${chatId}?after=${page.after}&limit=${page.limit}`);
      hooks.onMessages?.();
      const after = messages.filter((m) => m.seq > (page.after ?? 0));
      const limit = page.limit ?? 50;
      return { messages: after.slice(0, limit), hasMore: after.length > limit };
    },
  };
}

let useApp = createAppStore();
beforeEach(() => {
  useApp = createAppStore();
});

const noEffects = recordingEffects([]);

describe('catchUp', () => {
  it('fetches what came after the last seq held, page by page, for every chat whose history is held', async () => {
    const server = Array.from({ length: 450 }, (_, i) => msg(i + 1));
    useApp.getState().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    useApp.getState().addMessages('c1', server.slice(0, 10), { hasOlder: false });
    const api = fakeApi([chat('c1', '2026-01-02T00:00:00.000Z', { unread: 440 })], server);
    await catchUp(api, useApp.getState);
    // The held messages are asked for again (what changed while away), then what came after them.
    expect(api.calls).toEqual(['c1?after=0&limit=200', 'c1?after=200&limit=200', 'c1?after=400&limit=200']);
    const held = useApp.getState().histories.c1!.messages;
    expect(held.map((m) => m.seq)).toEqual(server.map((m) => m.seq));
    expect(useApp.getState().chats[0]!.unread).toBe(440);
  });

  it('a message pushed during the catch-up is neither lost nor doubled', async () => {
    const server = [msg(1), msg(2), msg(3)];
    useApp.getState().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    useApp.getState().addMessages('c1', [msg(1)], { hasOlder: false });
    const api = fakeApi([chat('c1', '2026-01-01T00:00:03.000Z')], server, {
      // While the fetch for missed messages is in flight, the socket delivers seq 3 (and the server already has it).
      onMessages: () =>
        applyFrame(
          useApp,
          { type: 'message', chat: chat('c1', '2026-01-01T00:00:03.000Z', { unread: 2 }), message: msg(3) },
          noEffects,
        ),
    });
    await catchUp(api, useApp.getState);
    expect(useApp.getState().histories.c1!.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('drops the history of a chat deleted elsewhere while this tab was away', async () => {
    useApp.getState().setChats([chat('gone', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    useApp.getState().addMessages('gone', [msg(1)], { hasOlder: false });
    await catchUp(fakeApi([], []), useApp.getState, () => '2026-02-01T00:00:00.000Z');
    expect(useApp.getState().chats).toEqual([]);
    expect(useApp.getState().histories.gone).toBeUndefined();
  });

  it('a chat deleted in another tab while this one was away comes back showing only what is after its clearedSeq', async () => {
    // Tab 2 held seq 1–2; tab 1 deleted the chat (clearedSeq 2); the peer sent seq 3, which brought the box back.
    useApp.getState().setChats([chat('c1', '2026-01-01T00:00:02.000Z')], '2026-01-01T00:00:02.000Z');
    useApp.getState().addMessages('c1', [msg(1), msg(2)], { hasOlder: false });
    const api = fakeApi([chat('c1', '2026-01-01T00:00:03.000Z', { clearedSeq: 2, unread: 1 })], [msg(3)]);
    await catchUp(api, useApp.getState);
    expect(useApp.getState().histories.c1!.messages.map((m) => m.seq)).toEqual([3]);
    expect(api.calls).toEqual(['c1?after=0&limit=200']);
  });

  it('a tab that was away learns of a recall and of a message deleted for me in another tab', async () => {
    useApp.getState().setChats([chat('c1', '2026-01-01T00:00:03.000Z')], '2026-01-01T00:00:03.000Z');
    useApp.getState().addMessages('c1', [msg(1), msg(2), msg(3)], { hasOlder: false });
    // On the server meanwhile: 2 was recalled, 1 deleted for me in my other tab, 4 arrived.
    const server = [msg(2, { recalled: true, content: '' }), msg(3), msg(4)];
    await catchUp(fakeApi([chat('c1', '2026-01-01T00:00:04.000Z')], server), useApp.getState);
    const held = useApp.getState().histories.c1!.messages;
    expect(held.map((m) => [m.seq, m.recalled, m.content])).toEqual([
      [2, true, ''],
      [3, false, 'message 3'],
      [4, false, 'message 4'],
    ]);
  });

  it('rechecks only the newest held messages, and keeps what a frame brought during the fetch', async () => {
    const held = Array.from({ length: 300 }, (_, i) => msg(i + 1));
    useApp.getState().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    useApp.getState().addMessages('c1', held, { hasOlder: false });
    const api = fakeApi([chat('c1', '2026-01-01T00:00:00.000Z')], held, {
      onMessages: () =>
        applyFrame(
          useApp,
          { type: 'message', chat: chat('c1', '2026-01-02T00:00:00.000Z'), message: msg(301) },
          noEffects,
        ),
    });
    await catchUp(api, useApp.getState);
    expect(api.calls).toEqual(['c1?after=100&limit=200']);
    expect(useApp.getState().histories.c1!.messages).toHaveLength(301);
  });

  it("learns who is online for every peer in the chat list, whatever the directory's size", async () => {
    const chats = Array.from({ length: 150 }, (_, i) =>
      chat(`c${i}`, '2026-01-01T00:00:00.000Z', { peer: { id: `p${i}`, name: `aaa${i}` } }),
    );
    useApp.getState().presenceFromChatList(['p149'], []);
    await catchUp(fakeApi(chats, [], { online: ['p0', 'p149'] }), useApp.getState);
    const { online } = useApp.getState();
    expect(Object.keys(online)).toHaveLength(150);
    expect(online.p149).toBe(true);
    expect(online.p0).toBe(true);
    expect(online.p1).toBe(false);
  });
});
