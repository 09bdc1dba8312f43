import { makeMemoryLimiter } from '../../src/limits/make-limiter.ts';
import type { Media, User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from '../../src/chat/chat-service.ts';
import { LocalBus } from '../../src/realtime/bus/local-bus.ts';
import type { BusEvent } from '../../src/realtime/bus/port.ts';
import { LocalPresence } from '../../src/realtime/presence/local-presence.ts';
import type { Store } from '../../src/store/port.ts';
import { openTestStore } from '../helpers/server.ts';
import { storeUser } from '../helpers/store-fixtures.ts';

// Message actions through the chat service alone, with a clock the test moves. Store and bus are real.
let store: Store;
let chat: ChatService;
let events: BusEvent[];
let ana: User;
let ben: User;
let clock: number;
const photo: Media = { id: 'p1', name: 'p.png', mime: 'image/png', size: 10, width: 1, height: 1 };

/** The frames published for one person, in order. */
const heardBy = (user: User) =>
  events.map((e) => (e.kind === 'frame' && e.userId === user.id ? e.frame : null)).filter((f) => f !== null);
/** Rejects with an AppError of this code. */
const refused = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });
const boxOf = async (me: User, peer: User) => (await store.chats.find(me.id, peer.id))!.id;

beforeEach(async () => {
  store = await openTestStore();
  clock = Date.UTC(2026, 0, 1);
  const bus = new LocalBus();
  const options = {
    sendLimit: makeMemoryLimiter({ points: 1000, duration: 1, keyPrefix: 'send' }),
    now: () => new Date(clock),
  };
  chat = new ChatService(store, bus, new LocalPresence(), {
    ...options,
    mediaFor: async (_me, id) =>
      id === photo.id ? { ...photo, kind: 'image', ownerId: ana.id, createdAt: '', thumbnail: null } : null,
  });
  events = [];
  bus.subscribe((e) => void events.push(e));
  [ana, ben] = [await storeUser(store, 'ana'), await storeUser(store, 'ben')];
});
afterEach(() => store.close());

describe('recall', () => {
  it('within the window: recalled for both, each told with their own chat id', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'oops' });
    const [anaChat, benChat] = [await boxOf(ana, ben), await boxOf(ben, ana)];
    events.length = 0;
    clock += 120_000;
    const message = await chat.actions.recall(ana, anaChat, 1, 120);
    expect(message).toMatchObject({ seq: 1, recalled: true, content: '' });
    expect(heardBy(ana)).toEqual([{ type: 'message_updated', chatId: anaChat, message }]);
    expect(heardBy(ben)).toEqual([{ type: 'message_updated', chatId: benChat, message }]);
    // Again: the same answer, nobody told twice.
    events.length = 0;
    clock += 3_600_000;
    expect(await chat.actions.recall(ana, anaChat, 1, 120)).toEqual(message);
    expect(events).toEqual([]);
  });

  it('403 for the peer’s message and after the window, 404 for an unknown seq or chat; nothing changes', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'mine' });
    const [anaChat, benChat] = [await boxOf(ana, ben), await boxOf(ben, ana)];
    await refused(chat.actions.recall(ben, benChat, 1, 120), 'forbidden');
    await refused(chat.actions.recall(ana, anaChat, 2, 120), 'not_found');
    await refused(chat.actions.recall(ben, anaChat, 1, 120), 'not_found');
    clock += 120_001;
    await refused(chat.actions.recall(ana, anaChat, 1, 120), 'forbidden');
    expect((await store.messages.get((await store.chats.find(ana.id, ben.id))!.chatKey, 1))?.content).toBe('mine');
  });
});

describe('delete one for me', () => {
  it('hides it from me only, tells my tabs, and my list shows the message before it', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'first' });
    await chat.send(ana, { to: ben.id, clientId: 'c2', content: 'second' });
    const benChat = await boxOf(ben, ana);
    events.length = 0;
    await chat.actions.deleteForMe(ben, benChat, 2);
    const [deleted, updated] = heardBy(ben);
    expect(deleted).toEqual({ type: 'message_deleted', chatId: benChat, seq: 2 });
    expect(updated).toMatchObject({ type: 'chat_updated', chat: { id: benChat, lastMessage: { seq: 1 } } });
    expect(heardBy(ana)).toEqual([]);
    expect((await chat.listMessages(ben, benChat, {})).messages.map((m) => m.seq)).toEqual([1]);
    expect((await chat.listMessages(ana, await boxOf(ana, ben), {})).messages.map((m) => m.seq)).toEqual([1, 2]);
    await refused(chat.actions.deleteForMe(ben, benChat, 2), 'not_found');
    await refused(chat.actions.deleteForMe(ben, benChat, 3), 'not_found');
    // Deleted for me: I can no longer reply to it or recall it.
    await refused(chat.send(ben, { to: ana.id, clientId: 'r', content: 're', replyTo: 2 }), 'bad_request');
  });

  it('an unread message deleted for me no longer counts as unread; a read one or my own changes nothing', async () => {
    for (const c of ['c1', 'c2', 'c3']) await chat.send(ana, { to: ben.id, clientId: c, content: c });
    const benChat = await boxOf(ben, ana);
    await chat.read(ben, benChat, 1);
    await chat.send(ben, { to: ana.id, clientId: 'b1', content: 'mine' });
    const unread = async () => (await store.chats.byId(ben.id, benChat))!.unread;
    expect(await unread()).toBe(2);
    events.length = 0;
    await chat.actions.deleteForMe(ben, benChat, 2);
    expect(await unread()).toBe(1);
    expect(heardBy(ben)).toEqual([
      { type: 'message_deleted', chatId: benChat, seq: 2 },
      expect.objectContaining({ type: 'chat_updated', chat: expect.objectContaining({ unread: 1 }) }),
    ]);
    await chat.actions.deleteForMe(ben, benChat, 1);
    await chat.actions.deleteForMe(ben, benChat, 4);
    expect(await unread()).toBe(1);
  });

  it('a message deleted for me stays out of the count when a read mark or a new message counts unread again', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4']) await chat.send(ana, { to: ben.id, clientId: c, content: c });
    const benChat = await boxOf(ben, ana);
    const unread = async () => (await store.chats.byId(ben.id, benChat))!.unread;
    await chat.actions.deleteForMe(ben, benChat, 3);
    expect(await unread()).toBe(3);
    // Read up to 1: 2 and 4 are unread, not 3.
    expect((await chat.read(ben, benChat, 1)).unread).toBe(2);
    await chat.send(ana, { to: ben.id, clientId: 'c5', content: 'c5' });
    expect(await unread()).toBe(3);
    expect((await chat.read(ben, benChat, 2)).unread).toBe(2);
  });
});

describe('reply and media', () => {
  it('quotes up to 100 characters of a message of the pair; 400 for a seq I cannot see there', async () => {
    const long = '😀'.repeat(150);
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: long });
    const { message } = await chat.send(ben, { to: ana.id, clientId: 'c2', content: 'ha', replyTo: 1 });
    expect(message.replyTo).toEqual({ seq: 1, from: ana.id, name: 'ana', kind: 'text', preview: '😀'.repeat(100) });
    const cy = await storeUser(store, 'cy');
    await chat.send(cy, { to: ana.id, clientId: 'c3', content: 'hi ana' });
    await refused(chat.send(cy, { to: ana.id, clientId: 'c4', content: 'x', replyTo: 2 }), 'bad_request');
    await refused(chat.send(ben, { to: ana.id, clientId: 'c5', content: 'x', replyTo: 9 }), 'bad_request');
    await refused(chat.send(ben, { to: cy.id, clientId: 'c6', content: 'x', replyTo: 1 }), 'bad_request');
  });

  it('sends media the server lets me send; quoting it previews nothing', async () => {
    const { message } = await chat.send(ana, { to: ben.id, clientId: 'm1', kind: 'image', mediaId: 'p1' });
    expect(message).toMatchObject({ kind: 'image', content: '', media: photo });
    const reply = await chat.send(ben, { to: ana.id, clientId: 'm2', content: 'nice', replyTo: 1 });
    expect(reply.message.replyTo).toMatchObject({ kind: 'image', preview: '' });
    // Unknown media: 404 (as for someone else's); an image sent as voice: 400; as a file: any upload goes.
    await refused(chat.send(ana, { to: ben.id, clientId: 'm3', kind: 'file', mediaId: 'nope' }), 'not_found');
    await refused(chat.send(ana, { to: ben.id, clientId: 'm4', kind: 'voice', mediaId: 'p1' }), 'bad_request');
    expect((await chat.send(ana, { to: ben.id, clientId: 'm5', kind: 'file', mediaId: 'p1' })).message.kind).toBe(
      'file',
    );
  });
});

describe('pin and mute', () => {
  it('sets my flags, tells my tabs, and 404 for a chat that is not mine', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'hi' });
    const anaChat = await boxOf(ana, ben);
    events.length = 0;
    const pinned = await chat.actions.setFlags(ana, anaChat, { pinned: true });
    expect(pinned).toMatchObject({ id: anaChat, pinned: true, muted: false });
    expect(await chat.actions.setFlags(ana, anaChat, { muted: true })).toMatchObject({ pinned: true, muted: true });
    expect(heardBy(ana).map((f) => f.type)).toEqual(['chat_updated', 'chat_updated']);
    await refused(chat.actions.setFlags(ben, anaChat, { pinned: true }), 'not_found');
    expect((await chat.listChats(ben)).chats[0]).toMatchObject({ pinned: false, muted: false });
  });
});
