import { randomUUID } from 'node:crypto';
import type { ServerFrame, User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from '../../src/chat/chat-service.ts';
import { AppError } from '../../src/errors.ts';
import { makeMemoryLimiter } from '../../src/limits/make-limiter.ts';
import { LocalBus } from '../../src/realtime/bus/local-bus.ts';
import type { BusEvent } from '../../src/realtime/bus/port.ts';
import { LocalPresence } from '../../src/realtime/presence/local-presence.ts';
import type { Store } from '../../src/store/port.ts';
import { openTestStore } from '../helpers/server.ts';

// The chat service alone: no Fastify, no sockets. The store (the embedded one, or MongoDB in the mongodb project)
// and the local bus are real.
let store: Store;
let bus: LocalBus;
let presence: LocalPresence;
let chat: ChatService;
let events: BusEvent[];
let ana: User;
let ben: User;

const addUser = async (name: string): Promise<User> => {
  const user = { id: randomUUID(), name };
  await store.users.create({
    ...user,
    nameKey: name,
    nameSkeleton: name,
    passwordHash: 'h',
    createdAt: new Date().toISOString(),
  });
  return user;
};

/** The frames published for one person, in order, with the origin each was published with. */
const framesFor = (user: User) =>
  events.flatMap((e) => (e.kind === 'frame' && e.userId === user.id ? [{ frame: e.frame, origin: e.origin }] : []));
const typesFor = (user: User) => framesFor(user).map((f) => f.frame.type);

const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof AppError ? err.code : err;
};

beforeEach(async () => {
  store = await openTestStore();
  bus = new LocalBus();
  presence = new LocalPresence();
  chat = new ChatService(store, bus, presence, {
    sendLimit: makeMemoryLimiter({ points: 5, duration: 3600, keyPrefix: 'send' }),
  });
  events = [];
  bus.subscribe((e) => events.push(e));
  ana = await addUser('ana');
  ben = await addUser('ben');
});
afterEach(async () => {
  await store.close();
});

describe('send', () => {
  it('stores the message and publishes it to both people, the sender side marked with its origin', async () => {
    const { message, created } = await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'hi', origin: 'tab-1' });
    expect(created).toBe(true);
    expect(message).toMatchObject({ seq: 1, from: ana.id, to: ben.id, name: 'ana', content: 'hi', clientId: 'c1' });
    const [mine] = framesFor(ana);
    const [theirs] = framesFor(ben);
    expect(mine).toMatchObject({ origin: 'tab-1', frame: { type: 'message', message, chat: { unread: 0 } } });
    expect(theirs).toMatchObject({ origin: undefined, frame: { type: 'message', message, chat: { unread: 1 } } });
  });

  it('a resend with the same clientId answers the first message and delivers it again, stored once', async () => {
    const first = await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'once', origin: 'tab-1' });
    const published = [...events];
    events.length = 0;
    const again = await chat.send(ana, { to: ben.id, clientId: 'c1', content: 'once', origin: 'tab-1' });
    expect(again).toEqual({ message: first.message, created: false });
    // The same frames as the first time: the same message and boxes, so no unread count moves.
    expect(events).toEqual(published);
    expect((await chat.listChats(ben)).chats[0]).toMatchObject({ unread: 1 });
  });

  it('a message stored by a process that stopped before publishing it reaches both people on the resend', async () => {
    // The stopped process: the same store, a bus no one listens to (its fan-out never happened).
    const stopped = new ChatService(store, new LocalBus(), presence, {
      sendLimit: makeMemoryLimiter({ points: 5, duration: 3600, keyPrefix: 'send' }),
    });
    const { message } = await stopped.send(ana, { to: ben.id, clientId: 'lost', content: 'stored, not sent' });
    expect(events).toEqual([]);
    await chat.send(ana, { to: ben.id, clientId: 'lost', content: 'stored, not sent' });
    expect(framesFor(ben)).toMatchObject([{ frame: { type: 'message', message, chat: { unread: 1 } } }]);
    expect(framesFor(ana)).toMatchObject([{ frame: { type: 'message', message } }]);
  });

  it('a resend is not delivered to someone who deleted that message for themselves', async () => {
    const { message } = await chat.send(ana, { to: ben.id, clientId: 'd1', content: 'delete me' });
    const benChat = (await chat.listChats(ben)).chats[0]!;
    await chat.actions.deleteForMe(ben, benChat.id, message.seq);
    events.length = 0;
    await chat.send(ana, { to: ben.id, clientId: 'd1', content: 'delete me' });
    expect(typesFor(ben)).toEqual([]);
    // Ana still sees it: her other tabs get it again, with her box as she sees it.
    expect(framesFor(ana)).toMatchObject([{ frame: { type: 'message', message, chat: { lastMessage: message } } }]);
  });

  it('a resend delivers nothing of a recalled message, nor to someone who deleted the chat since', async () => {
    const recalled = await chat.send(ana, { to: ben.id, clientId: 'r1', content: 'oops' });
    await chat.actions.recall(ana, (await chat.listChats(ana)).chats[0]!.id, recalled.message.seq, 120);
    const kept = await chat.send(ana, { to: ben.id, clientId: 'k1', content: 'kept' });
    await chat.deleteChat(ben, (await chat.listChats(ben)).chats[0]!.id);
    events.length = 0;
    await chat.send(ana, { to: ben.id, clientId: 'r1', content: 'oops' });
    expect(events).toEqual([]);
    await chat.send(ana, { to: ben.id, clientId: 'k1', content: 'kept' });
    expect(typesFor(ana)).toEqual(['message']);
    expect(typesFor(ben)).toEqual([]);
    expect(kept.created).toBe(true);
  });

  it('refuses myself (400), an unknown recipient (404), a clientId used for another chat (409), a flood (429)', async () => {
    expect(await codeOf(chat.send(ana, { to: ana.id, clientId: 'x', content: 'me' }))).toBe('bad_request');
    expect(await codeOf(chat.send(ana, { to: randomUUID(), clientId: 'y', content: '?' }))).toBe('not_found');
    const cleo = await addUser('cleo');
    await chat.send(ana, { to: ben.id, clientId: 'z', content: 'to ben' });
    expect(await codeOf(chat.send(ana, { to: cleo.id, clientId: 'z', content: 'to cleo' }))).toBe('conflict');
    // The burst of 5: three taken above (a send to myself is refused before the limit), two left, then 429.
    for (const clientId of ['w1', 'w2']) await chat.send(ana, { to: ben.id, clientId, content: 'more' });
    expect(await codeOf(chat.send(ana, { to: ben.id, clientId: 'w3', content: 'more' }))).toBe('rate_limited');
    expect(events.filter((e) => e.kind === 'frame' && e.frame.type === 'message')).toHaveLength(6);
  });

  it('checked sends stored in turn keep the order they were checked in, before any of them is committed', async () => {
    const pending = [];
    for (const content of ['one', 'two', 'three']) {
      const checked = await chat.check(ana, { to: ben.id, clientId: content, content });
      pending.push(checked.store());
    }
    const stored = await Promise.all(pending);
    expect(stored.map((r) => [r.message.content, r.message.seq])).toEqual([
      ['one', 1],
      ['two', 2],
      ['three', 3],
    ]);
  });
});

describe('chats', () => {
  it('open makes my box once and tells my tabs; the list answers which peers are online', async () => {
    const opened = await chat.openChat(ana, ben.id);
    expect(opened.created).toBe(true);
    expect((await chat.openChat(ana, ben.id)).created).toBe(false);
    expect(typesFor(ana)).toEqual(['chat_updated']);
    expect(await chat.listChats(ana)).toEqual({ chats: [opened.chat], online: [] });
    await presence.connected(ben.id);
    expect((await chat.listChats(ana)).online).toEqual([ben.id]);
  });

  it('read moves my mark forward only, updates my tabs and sends the peer a receipt on their own chat id', async () => {
    for (const content of ['a', 'b', 'c']) await chat.send(ana, { to: ben.id, clientId: content, content });
    const benChat = (await chat.listChats(ben)).chats[0]!;
    const anaChat = (await chat.listChats(ana)).chats[0]!;
    events.length = 0;
    expect(await chat.read(ben, benChat.id, 2)).toMatchObject({ unread: 1 });
    expect(framesFor(ben).map((f) => f.frame)).toEqual([
      { type: 'chat_updated', chat: expect.objectContaining({ id: benChat.id, unread: 1 }) },
    ]);
    expect(framesFor(ana).map((f) => f.frame)).toEqual([{ type: 'read', chatId: anaChat.id, peerId: ben.id, seq: 2 }]);
    events.length = 0;
    await chat.read(ben, benChat.id, 1);
    expect(events).toEqual([]);
    expect(await codeOf(chat.read(ana, benChat.id, 1))).toBe('not_found');
  });

  it('delete hides the chat and its history from me only; a later message brings it back with only what followed', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'old', content: 'old' });
    const benChat = (await chat.listChats(ben)).chats[0]!;
    await chat.deleteChat(ben, benChat.id);
    expect(framesFor(ben).at(-1)?.frame).toEqual({ type: 'chat_deleted', chatId: benChat.id });
    expect((await chat.listChats(ben)).chats).toEqual([]);
    expect((await chat.listChats(ana)).chats).toHaveLength(1);
    expect(await codeOf(chat.deleteChat(ben, benChat.id))).toBe('not_found');

    const { message } = await chat.send(ana, { to: ben.id, clientId: 'new', content: 'new' });
    const [back] = (await chat.listChats(ben)).chats;
    expect(back).toMatchObject({ id: benChat.id, unread: 1, clearedSeq: 1, lastMessage: message });
    const page = await chat.listMessages(ben, benChat.id, {});
    expect(page.messages.map((m) => m.content)).toEqual(['new']);
  });

  it('presence changes go to everyone who has a chat with the person; typing only to the peer', async () => {
    await chat.send(ana, { to: ben.id, clientId: 'c', content: 'hi' });
    events.length = 0;
    await chat.presenceChanged(ben.id, true);
    await chat.typing(ben, ana.id);
    const expected: ServerFrame[] = [
      { type: 'presence', userId: ben.id, online: true },
      { type: 'typing', from: ben.id },
    ];
    expect(framesFor(ana).map((f) => f.frame)).toEqual(expected);
    expect(framesFor(ben)).toEqual([]);
  });
});
