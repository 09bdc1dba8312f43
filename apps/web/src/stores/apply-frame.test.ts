import type { ServerFrame } from '@pairchat/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyFrame } from './apply-frame.ts';
import { createAppStore } from './app-store.ts';
import { TYPING_SHOWN_MS } from './slices/presence.ts';
import { chat, msg, pendingMessage, recordingEffects } from './test-fixtures.ts';

let store = createAppStore();
let asked: string[] = [];
const s = () => store.getState();
const apply = (frame: ServerFrame, now?: number) => applyFrame(store, frame, recordingEffects(asked), now);
const ben = { id: 'b', name: 'ben' };

beforeEach(() => {
  store = createAppStore();
  asked = [];
  s().signedIn({ id: 'a', name: 'ana' });
});

describe('message', () => {
  it('moves its chat to the top and adds to a held history', () => {
    s().setChats(
      [chat('old', '2026-01-02T00:00:00.000Z'), chat('c1', '2026-01-01T00:00:00.000Z')],
      '2026-01-03T00:00:00.000Z',
    );
    s().addMessages('c1', [msg(1)], { hasOlder: false });
    apply({
      type: 'message',
      chat: chat('c1', '2026-01-04T00:00:00.000Z', { unread: 1 }),
      message: msg(2, { from: 'b', to: 'a' }),
    });
    expect(s().chats.map((c) => c.id)).toEqual(['c1', 'old']);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("from my other tab turns this tab's pending bubble into the stored message", () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [], { hasOlder: false });
    s().addPending(pendingMessage('c6', { status: 'failed' }));
    apply({
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:06.000Z', { peer: ben }),
      message: msg(6, { clientId: 'c6' }),
    });
    expect(s().pending).toEqual({});
    expect(s().histories.c1!.messages.map((m) => m.id)).toEqual(['m6']);
  });

  it('in the open chat asks for a read mark; elsewhere it does not', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    s().presenceFromChatList(['b'], []);
    s().setActiveChat('c1');
    apply({ type: 'message', chat: chat('c1', '2026-01-01T00:00:01.000Z', { peer: ben }), message: msg(1) });
    expect(asked).toEqual(['markActiveRead']);
    s().setActiveChat(null);
    apply({ type: 'message', chat: chat('c1', '2026-01-01T00:00:02.000Z', { peer: ben }), message: msg(2) });
    expect(asked).toEqual(['markActiveRead']);
  });

  it("from someone new asks for a chat-list refresh (presence's one source), not for a known peer", () => {
    s().presenceFromChatList(['b'], ['b']);
    apply({ type: 'message', chat: chat('c1', '2026-01-01T00:00:01.000Z', { peer: ben }), message: msg(1) });
    expect(asked).toEqual([]);
    const cat = { id: 'z', name: 'cat' };
    apply({
      type: 'message',
      chat: chat('c2', '2026-01-01T00:00:02.000Z', { peer: cat }),
      message: msg(1, { from: 'z' }),
    });
    expect(asked).toEqual(['notifyMessage m1', 'refreshChatList']);
  });

  it("someone else's message asks for a notification; mine, from my other tab, does not", () => {
    s().presenceFromChatList(['b'], ['b']);
    apply({ type: 'message', chat: chat('c1', '2026-01-01T00:00:01.000Z', { peer: ben }), message: msg(1) });
    expect(asked).toEqual([]);
    const fromBen = msg(2, { from: 'b', to: 'a' });
    apply({ type: 'message', chat: chat('c1', '2026-01-01T00:00:02.000Z', { peer: ben }), message: fromBen });
    expect(asked).toEqual(['notifyMessage m2']);
  });

  it('that this tab already holds (a resend delivered again) is merged once and notifies no more', () => {
    s().presenceFromChatList(['b'], ['b']);
    s().addMessages('c1', [], { hasOlder: false });
    const fromBen = msg(2, { from: 'b', to: 'a' });
    const frame: ServerFrame = {
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:02.000Z', { peer: ben }),
      message: fromBen,
    };
    apply(frame);
    apply(frame);
    expect(asked).toEqual(['notifyMessage m2']);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([2]);
  });

  it('whose chat carries a clearedSeq drops what this tab holds up to it', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1), msg(2)], { hasOlder: true });
    apply({
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:03.000Z', { clearedSeq: 2 }),
      message: msg(3, { from: 'b', to: 'a' }),
    });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([3]);
  });
});

describe('other frames', () => {
  it('ready hands the account it is for to the session (catch-up, or start over as another account)', () => {
    apply({ type: 'ready', user: { id: 'a', name: 'ana' } });
    expect(asked).toEqual(['ready a']);
  });

  it('an ack turns the pending bubble into the stored message, and my chat shows it as the newest', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [], { hasOlder: false });
    s().addPending(pendingMessage('c5'));
    apply({ type: 'ack', clientId: 'c5', message: msg(5, { clientId: 'c5' }) });
    expect(s().pending).toEqual({});
    expect(s().histories.c1!.messages.map((m) => m.id)).toEqual(['m5']);
    expect(s().chats[0]!.lastMessage?.id).toBe('m5');
  });

  it('an error frame for a pending message marks it failed; others change nothing', () => {
    s().addPending(pendingMessage('c1'));
    apply({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'c1' });
    expect(s().pending.c1!.status).toBe('failed');
    const before = s().pending;
    apply({ type: 'error', code: 'bad_request', message: 'bad' });
    apply({ type: 'error', code: 'bad_request', message: 'bad', clientId: 'unknown' });
    expect(s().pending).toBe(before);
  });

  it('read marks only move forward; chat_deleted removes the chat and its history', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1)]);
    s().setActiveChat('c1');
    apply({ type: 'read', chatId: 'c1', peerId: 'b', seq: 4 });
    apply({ type: 'read', chatId: 'c1', peerId: 'b', seq: 2 });
    expect(s().chats[0]!.peerReadSeq).toBe(4);
    apply({ type: 'chat_deleted', chatId: 'c1' });
    expect(s().chats).toEqual([]);
    expect(s().histories).toEqual({});
    expect(s().activeChatId).toBeNull();
  });

  it('chat_updated applies its clearedSeq like any chat update', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1), msg(2), msg(3)]);
    apply({ type: 'chat_updated', chat: chat('c1', '2026-01-01T00:00:05.000Z', { clearedSeq: 1 }) });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('presence and typing are tracked per person; a message from them ends "typing…"', () => {
    apply({ type: 'presence', userId: 'b', online: true });
    apply({ type: 'typing', from: 'b' }, 1_000);
    expect(s().online.b).toBe(true);
    expect(s().typingUntil.b).toBe(1_000 + TYPING_SHOWN_MS);
    apply({
      type: 'message',
      chat: chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben }),
      message: msg(1, { from: 'b' }),
    });
    expect(s().typingUntil.b).toBeUndefined();
  });
});

describe('message_updated and message_deleted', () => {
  it('a recall replaces the message everywhere it shows; a delete for me hides it from this tab', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { lastMessage: msg(2) })], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1), msg(2)], { hasOlder: false });
    apply({ type: 'message_updated', chatId: 'c1', message: msg(2, { recalled: true, content: '' }) });
    expect(s().histories.c1!.messages[1]!.recalled).toBe(true);
    expect(s().chats[0]!.lastMessage!.recalled).toBe(true);
    apply({ type: 'message_deleted', chatId: 'c1', seq: 1 });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([2]);
    expect(s().hiddenSeqs.c1).toEqual([1]);
    expect(asked).toEqual([]);
    apply({ type: 'message_deleted', chatId: 'c1', seq: 2 });
    expect(asked).toEqual(['refreshChatList']); // it was the chat list's last message
  });
});
