import { beforeEach, describe, expect, it } from 'vitest';
import { totalUnread, useApp } from './app-store.ts';
import { chat, msg } from './test-fixtures.ts';

const s = () => useApp.getState();

beforeEach(() => {
  s().signedOut();
  s().signedIn({ id: 'a', name: 'ana' });
});

describe('frames', () => {
  it('a message moves its chat to the top and adds to a held history', () => {
    s().setChats(
      [chat('old', '2026-01-02T00:00:00.000Z'), chat('c1', '2026-01-01T00:00:00.000Z')],
      '2026-01-03T00:00:00.000Z',
    );
    s().addMessages('c1', [msg(1)], { hasOlder: false });
    s().applyFrame({
      type: 'message',
      chat: chat('c1', '2026-01-04T00:00:00.000Z', { unread: 1 }),
      message: msg(2, { from: 'b', to: 'a' }),
    });
    expect(s().chats.map((c) => c.id)).toEqual(['c1', 'old']);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("an ack turns the pending bubble into the stored message; my other tab's message does the same", () => {
    s().setChats(
      [chat('c1', '2026-01-01T00:00:00.000Z', { peer: { id: 'b', name: 'ben' } })],
      '2026-01-01T00:00:00.000Z',
    );
    s().addMessages('c1', [], { hasOlder: false });
    s().addPending({
      clientId: 'c5',
      chatId: 'c1',
      to: 'b',
      content: 'hi',
      date: '2026-01-01T00:00:01.000Z',
      status: 'pending',
    });
    s().applyFrame({ type: 'ack', clientId: 'c5', message: msg(5, { clientId: 'c5' }) });
    expect(s().pending).toEqual({});
    expect(s().histories.c1!.messages.map((m) => m.id)).toEqual(['m5']);
    expect(s().chats[0]!.lastMessage?.id).toBe('m5');

    s().addPending({
      clientId: 'c6',
      chatId: 'c1',
      to: 'b',
      content: 'x',
      date: '2026-01-01T00:00:02.000Z',
      status: 'failed',
    });
    s().applyFrame({
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:06.000Z', { peer: { id: 'b', name: 'ben' } }),
      message: msg(6, { clientId: 'c6' }),
    });
    expect(s().pending).toEqual({});
    expect(s().histories.c1!.messages.map((m) => m.id)).toEqual(['m5', 'm6']);
  });

  it('an error frame for a pending message marks it failed; others are ignored', () => {
    s().addPending({
      clientId: 'c1',
      chatId: 'x',
      to: 'b',
      content: 'hi',
      date: '2026-01-01T00:00:00.000Z',
      status: 'pending',
    });
    s().applyFrame({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'c1' });
    expect(s().pending.c1!.status).toBe('failed');
    s().applyFrame({ type: 'error', code: 'bad_request', message: 'bad' });
    expect(Object.keys(s().pending)).toEqual(['c1']);
  });

  it('read receipts only move forward; chat_deleted removes the chat and its history', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1)]);
    s().setActiveChat('c1');
    s().applyFrame({ type: 'read', chatId: 'c1', peerId: 'b', seq: 4 });
    s().applyFrame({ type: 'read', chatId: 'c1', peerId: 'b', seq: 2 });
    expect(s().chats[0]!.peerReadSeq).toBe(4);
    s().applyFrame({ type: 'chat_deleted', chatId: 'c1' });
    expect(s().chats).toEqual([]);
    expect(s().histories).toEqual({});
    expect(s().activeChatId).toBeNull();
  });

  it('presence and typing are tracked per person', () => {
    s().applyFrame({ type: 'presence', userId: 'b', online: true });
    s().applyFrame({ type: 'typing', from: 'b' });
    expect(s().online.b).toBe(true);
    expect(s().typingUntil.b).toBeGreaterThan(Date.now());
    // A message from them ends "typing…".
    s().applyFrame({
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:00.000Z'),
      message: msg(1, { from: 'b', to: 'a' }),
    });
    expect(s().typingUntil.b).toBeUndefined();
  });
});

describe('totalUnread', () => {
  it('adds the badges, leaving out the chat I am looking at', () => {
    s().setChats(
      [chat('x', '2026-01-02T00:00:00.000Z', { unread: 2 }), chat('y', '2026-01-01T00:00:00.000Z', { unread: 5 })],
      '2026-01-03T00:00:00.000Z',
    );
    expect(totalUnread(s())).toBe(7);
    s().setActiveChat('y');
    expect(totalUnread(s())).toBe(2);
  });
});

describe('connection banner state', () => {
  it('shows from a drop until the catch-up after it is done, not on the first connect', () => {
    s().setStatus('connecting');
    s().setStatus('open');
    expect(s().lostConnection).toBe(false);
    s().setStatus('closed');
    expect(s().lostConnection).toBe(true);
    s().setStatus('open');
    s().setCatchingUp(true);
    expect(s().lostConnection).toBe(true);
    s().setCatchingUp(false);
    expect(s().lostConnection).toBe(false);
  });
});
