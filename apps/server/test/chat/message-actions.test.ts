import { randomUUID } from 'node:crypto';
import type { Media, User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from '../../src/chat/chat-service.ts';
import { AppError } from '../../src/errors.ts';
import { LocalBus } from '../../src/realtime/bus/local-bus.ts';
import type { BusEvent } from '../../src/realtime/bus/port.ts';
import { LocalPresence } from '../../src/realtime/presence/local-presence.ts';
import type { Store } from '../../src/store/port.ts';
import { openTestStore } from '../helpers/server.ts';

// Message actions through the chat service alone, with a clock the test moves. Store and bus are real.
let store: Store;
let chat: ChatService;
let events: BusEvent[];
let ana: User;
let ben: User;
let clock: number;
const photo: Media = { id: 'p1', name: 'p.png', mime: 'image/png', size: 10, width: 1, height: 1 };

const addUser = async (name: string): Promise<User> => {
  const user = { id: randomUUID(), name };
  await store.users.create({ ...user, nameKey: name, passwordHash: 'h', createdAt: new Date().toISOString() });
  return user;
};
const framesFor = (user: User) => events.flatMap((e) => (e.kind === 'frame' && e.userId === user.id ? [e.frame] : []));
const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof AppError ? err.code : err;
};
const boxOf = async (me: User, peer: User) => (await store.chats.find(me.id, peer.id))!.id;

beforeEach(async () => {
  store = await openTestStore();
  const bus = new LocalBus();
  clock = Date.UTC(2026, 0, 1);
  chat = new ChatService(store, bus, new LocalPresence(), {
    sendBurst: 100,
    sendPerSecond: 100,
    now: () => new Date(clock),
    mediaFor: async (_me, id) =>
      id === photo.id ? { ...photo, kind: 'image', ownerId: ana.id, createdAt: '', thumbnail: null } : null,
  });
  events = [];
  bus.subscribe((e) => events.push(e));
  ana = await addUser('ana');
  ben = await addUser('ben');
});
afterEach(async () => {
  await store.close();
});

describe('recall', () => {
  it('within the window: recalled for both, each told with their own chat id', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'oops' });
    const [anaChat, benChat] = [await boxOf(ana, ben), await boxOf(ben, ana)];
    events.length = 0;
    clock += 120_000;
    const message = await chat.actions.recall(ana, anaChat, 1, 120);
    expect(message).toMatchObject({ seq: 1, recalled: true, content: '' });
    expect(framesFor(ana)).toEqual([{ type: 'message_updated', chatId: anaChat, message }]);
    expect(framesFor(ben)).toEqual([{ type: 'message_updated', chatId: benChat, message }]);
    // Again: the same answer, nobody told twice.
    events.length = 0;
    clock += 3_600_000;
    expect(await chat.actions.recall(ana, anaChat, 1, 120)).toEqual(message);
    expect(events).toEqual([]);
  });

  it('403 for the peer’s message and after the window, 404 for an unknown seq or chat; nothing changes', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'mine' });
    const [anaChat, benChat] = [await boxOf(ana, ben), await boxOf(ben, ana)];
    expect(await codeOf(chat.actions.recall(ben, benChat, 1, 120))).toBe('forbidden');
    expect(await codeOf(chat.actions.recall(ana, anaChat, 2, 120))).toBe('not_found');
    expect(await codeOf(chat.actions.recall(ben, anaChat, 1, 120))).toBe('not_found');
    clock += 120_001;
    expect(await codeOf(chat.actions.recall(ana, anaChat, 1, 120))).toBe('forbidden');
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
    const [deleted, updated] = framesFor(ben);
    expect(deleted).toEqual({ type: 'message_deleted', chatId: benChat, seq: 2 });
    expect(updated).toMatchObject({ type: 'chat_updated', chat: { id: benChat, lastMessage: { seq: 1 } } });
    expect(framesFor(ana)).toEqual([]);
    expect((await chat.listMessages(ben, benChat, {})).messages.map((m) => m.seq)).toEqual([1]);
    expect((await chat.listMessages(ana, await boxOf(ana, ben), {})).messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(await codeOf(chat.actions.deleteForMe(ben, benChat, 2))).toBe('not_found');
    expect(await codeOf(chat.actions.deleteForMe(ben, benChat, 3))).toBe('not_found');
    // Deleted for me: I can no longer reply to it or recall it.
    expect(await codeOf(chat.send(ben, { to: ana.id, clientId: 'r', content: 're', replyTo: 2 }))).toBe('bad_request');
  });
});

describe('reply and media', () => {
  it('quotes up to 100 characters of a message of the pair; 400 for a seq I cannot see there', async () => {
    const long = '😀'.repeat(150);
    await chat.send(ana, { to: ben.id, clientId: 'c1', content: long });
    const { message } = await chat.send(ben, { to: ana.id, clientId: 'c2', content: 'ha', replyTo: 1 });
    expect(message.replyTo).toEqual({ seq: 1, from: ana.id, name: 'ana', kind: 'text', preview: '😀'.repeat(100) });
    const cy = await addUser('cy');
    await chat.send(cy, { to: ana.id, clientId: 'c3', content: 'hi ana' });
    expect(await codeOf(chat.send(cy, { to: ana.id, clientId: 'c4', content: 'x', replyTo: 2 }))).toBe('bad_request');
    expect(await codeOf(chat.send(ben, { to: ana.id, clientId: 'c5', content: 'x', replyTo: 9 }))).toBe('bad_request');
    expect(await codeOf(chat.send(ben, { to: cy.id, clientId: 'c6', content: 'x', replyTo: 1 }))).toBe('bad_request');
  });

  it('sends media the server lets me send; quoting it previews nothing', async () => {
    const { message } = await chat.send(ana, { to: ben.id, clientId: 'm1', kind: 'image', mediaId: 'p1' });
    expect(message).toMatchObject({ kind: 'image', content: '', media: photo });
    const reply = await chat.send(ben, { to: ana.id, clientId: 'm2', content: 'nice', replyTo: 1 });
    expect(reply.message.replyTo).toMatchObject({ kind: 'image', preview: '' });
    // Unknown media: 404 (as for someone else's); an image sent as voice: 400; as a file: any upload goes.
    expect(await codeOf(chat.send(ana, { to: ben.id, clientId: 'm3', kind: 'file', mediaId: 'nope' }))).toBe(
      'not_found',
    );
    expect(await codeOf(chat.send(ana, { to: ben.id, clientId: 'm4', kind: 'voice', mediaId: 'p1' }))).toBe(
      'bad_request',
    );
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
    expect(framesFor(ana).map((f) => f.type)).toEqual(['chat_updated', 'chat_updated']);
    expect(await codeOf(chat.actions.setFlags(ben, anaChat, { pinned: true }))).toBe('not_found');
    expect((await chat.listChats(ben)).chats[0]).toMatchObject({ pinned: false, muted: false });
  });
});
