import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { chat, msg, pendingMessage } from '../test-fixtures.ts';
import { ACK_TIMEOUT_MS } from './messages.ts';

let store = createAppStore();
const s = () => store.getState();

beforeEach(() => {
  store = createAppStore();
});

describe('messages slice', () => {
  it('merges pages and frames by id, in seq order', () => {
    s().addMessages('c1', [msg(3), msg(1)], { hasOlder: true });
    s().addMessages('c1', [msg(2), msg(3)]);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s().histories.c1!.hasOlder).toBe(true);
  });

  it('hides the messages a rule names, leaving the rest and other chats alone', () => {
    s().addMessages('c1', [msg(1), msg(2), msg(3)], { hasOlder: true });
    s().addMessages('c2', [msg(2)]);
    s().hideMessages('c1', (m) => m.seq === 2);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(s().histories.c1!.hasOlder).toBe(true);
    expect(s().histories.c2!.messages.map((m) => m.seq)).toEqual([2]);
  });

  it("an ack that comes before the chat's first page is kept, and the page merges with it", () => {
    s().addPending(pendingMessage('p1', { chatId: 'c1' }));
    s().acked('p1', msg(7, { clientId: 'p1' }));
    expect(s().histories.c1).toMatchObject({ loaded: false });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([7]);
    // The first page was fetched before message 7 was stored: it must not push 7 out of view.
    s().addMessages('c1', [msg(5), msg(6)], { hasOlder: true });
    expect(s().histories.c1).toMatchObject({ loaded: true, hasOlder: true });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
  });

  it('a pending send fails when its ack is overdue; a retry gives it a new deadline', () => {
    s().setStatus('open');
    s().addPending(pendingMessage('p1', { sentAt: 1_000 }));
    s().expirePending(1_000 + ACK_TIMEOUT_MS - 1);
    expect(s().pending.p1!.status).toBe('pending');
    s().expirePending(1_000 + ACK_TIMEOUT_MS);
    expect(s().pending.p1!.status).toBe('failed');
    s().transmitted('p1', 50_000);
    expect(s().pending.p1).toMatchObject({ status: 'pending', sentAt: 50_000 });
    s().expirePending(50_000 + ACK_TIMEOUT_MS - 1);
    expect(s().pending.p1!.status).toBe('pending');
  });

  it('is never overdue while the socket is down or catching up: the catch-up sends it again', () => {
    s().signedIn({ id: 'a', name: 'ana' });
    s().setStatus('open');
    s().addPending(pendingMessage('p1', { sentAt: 1_000 }));
    s().setStatus('closed');
    s().expirePending(1_000 + 60_000);
    s().setStatus('open');
    s().expirePending(1_000 + 61_000);
    s().setCatchingUp(true);
    s().expirePending(1_000 + 62_000);
    expect(s().pending.p1!.status).toBe('pending');
    // The catch-up's flush sends it again, with a new deadline, before the banner goes.
    s().transmitted('p1', 70_000);
    s().setCatchingUp(false);
    s().expirePending(70_000 + ACK_TIMEOUT_MS - 1);
    expect(s().pending.p1!.status).toBe('pending');
    s().expirePending(70_000 + ACK_TIMEOUT_MS);
    expect(s().pending.p1!.status).toBe('failed');
  });

  it('a message deleted for me stays hidden, whatever page brings it again', () => {
    s().addMessages('c1', [msg(1), msg(2), msg(3)], { hasOlder: false });
    s().deleteForMe('c1', 2);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1, 3]);
    s().addMessages('c1', [msg(2), msg(4)], {}); // a page fetched before the delete
    s().setWindow('c1', [msg(1), msg(2)], { hasOlder: false, hasNewer: true });
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([1]);
  });

  it('a recall reaches the held copy and the chat list preview, and is never undone', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { lastMessage: msg(2) })], '2026-01-01T00:00:00.000Z');
    s().addMessages('c1', [msg(1), msg(2)], { hasOlder: false });
    s().updateMessage('c1', msg(2, { recalled: true, content: '' }));
    expect(s().histories.c1!.messages[1]).toMatchObject({ recalled: true, content: '' });
    expect(s().chats[0]!.lastMessage).toMatchObject({ recalled: true });
    expect(s().recalledIds.m2).toBe(true);
    s().addMessages('c1', [msg(2)]);
    expect(s().histories.c1!.messages[1]).toMatchObject({ recalled: true });
  });

  it('a window around an older message takes no frames (no gap); pages extend it both ways', () => {
    s().setWindow('c1', [msg(50), msg(51)], { hasOlder: true, hasNewer: true });
    s().addMessages('c1', [msg(90)]); // a frame: the newest, far below the window
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([50, 51]);
    s().addMessages('c1', [msg(52), msg(53)], { hasNewer: false });
    s().addMessages('c1', [msg(49)], { hasOlder: false });
    expect(s().histories.c1).toMatchObject({ hasOlder: false, hasNewer: false });
    s().addMessages('c1', [msg(54)]);
    expect(s().histories.c1!.messages.map((m) => m.seq)).toEqual([49, 50, 51, 52, 53, 54]);
  });
});
