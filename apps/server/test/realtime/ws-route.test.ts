import { randomUUID } from 'node:crypto';
import { MAX_FRAME_BYTES } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barrier, call, eventually, openChat, register, sendRest, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
const sockets: TestSocket[] = [];
const open = async (p: Person, headers: Record<string, string> = {}) => {
  const s = await TestSocket.open(server.wsUrl, p.token, headers);
  sockets.push(s);
  return s;
};

beforeEach(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
  ben = await register(server.url, 'ben');
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await server.close();
});

describe('upgrade', () => {
  it('sends ready with my user first', async () => {
    const s = await open(ana);
    expect(s.frames[0]).toEqual({ type: 'ready', user: ana.user });
  });

  it('accepts the session cookie', async () => {
    const s = await open(ana, { authorization: '', cookie: `pairchat_session=${ana.token}` });
    expect(s.frames[0]).toEqual({ type: 'ready', user: ana.user });
  });

  it('is refused with 401 without a valid session, and after logout', async () => {
    expect(await TestSocket.refusal(server.wsUrl, {})).toBe(401);
    expect(await TestSocket.refusal(server.wsUrl, { authorization: 'Bearer nope' })).toBe(401);
    await call(server.url, 'POST', '/api/auth/logout', { token: ana.token });
    expect(await TestSocket.refusal(server.wsUrl, { authorization: `Bearer ${ana.token}` })).toBe(401);
  });

  it('is refused with 403 for a foreign Origin, allowed for its own', async () => {
    const auth = { authorization: `Bearer ${ben.token}` };
    expect(await TestSocket.refusal(server.wsUrl, { ...auth, origin: 'https://evil.example' })).toBe(403);
    expect(await TestSocket.refusal(server.wsUrl, { ...auth, origin: 'null' })).toBe(403);
    const own = await open(ben, { origin: server.url });
    expect(own.frames[0]?.type).toBe('ready');
  });

  it('a plain GET /ws without an upgrade is the contract’s 400, signed in or not 401', async () => {
    const plain = await call(server.url, 'GET', '/ws', { token: ana.token });
    expect([plain.status, plain.body.error.code]).toEqual([400, 'bad_request']);
    expect((await call(server.url, 'GET', '/ws')).status).toBe(401);
  });

  it('offers no compression', async () => {
    const s = await open(ana);
    expect(s.ws.extensions).toBe('');
  });
});

describe('sending', () => {
  it("acks the sender, and delivers to every other tab of both people, with each person's own chat box", async () => {
    const anaTab1 = await open(ana);
    const anaTab2 = await open(ana);
    const benTab1 = await open(ben);
    const benTab2 = await open(ben);
    const clientId = randomUUID();
    anaTab1.send({ type: 'send', to: ben.user.id, clientId, content: 'hello' });
    const ack = await anaTab1.next('ack');
    expect(ack.clientId).toBe(clientId);
    expect(ack.message).toMatchObject({ seq: 1, from: ana.user.id, to: ben.user.id, content: 'hello', clientId });

    const mine = await anaTab2.next('message');
    expect(mine.message).toEqual(ack.message);
    expect(mine.chat).toMatchObject({ peer: ben.user, unread: 0 });
    for (const tab of [benTab1, benTab2]) {
      const theirs = await tab.next('message');
      expect(theirs.message).toEqual(ack.message);
      expect(theirs.chat).toMatchObject({ peer: ana.user, unread: 1, lastMessage: ack.message });
    }
    // The sending tab gets its ack, not an echo.
    await barrier(benTab1, ana.user.id, anaTab1);
    expect(anaTab1.all('message')).toHaveLength(0);
  });

  it('a REST send reaches every socket of both people', async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    const chat = await openChat(server.url, ana, ben);
    const res = await sendRest(server.url, ana, chat.id, 'via rest');
    expect((await anaTab.next('message')).message).toEqual(res.body.message);
    expect((await benTab.next('message')).message).toEqual(res.body.message);
  });

  it('makes both chat boxes where missing', async () => {
    const s = await open(ana);
    await s.sendMessage(ben.user.id, 'first contact');
    const anaChats = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats;
    const benChats = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats;
    expect(anaChats).toHaveLength(1);
    expect(benChats).toHaveLength(1);
    expect(benChats[0].unread).toBe(1);
  });

  it('a resend with the same clientId gets the first message again, stored once, delivered again as the same seq', async () => {
    const s = await open(ana);
    const benTab = await open(ben);
    const first = await s.sendMessage(ben.user.id, 'once', 'fixed-id');
    const again = await s.sendMessage(ben.user.id, 'once', 'fixed-id');
    expect(again).toEqual(first);
    await benTab.next('message');
    await barrier(s, ben.user.id, benTab);
    // Delivered again (the first fan-out may never have happened: see ChatService.append); clients merge by seq.
    expect(benTab.all('message').map((m) => m.message)).toEqual([first, first]);
    const chat = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
    expect(chat.unread).toBe(1);
  });

  it("the sender is always the socket's own user: a frame naming another sender is refused", async () => {
    const s = await open(ana);
    s.send({ type: 'send', to: ben.user.id, clientId: 'spoof', content: 'hi', from: ben.user.id });
    const err = await s.next('error');
    expect(err).toMatchObject({ code: 'bad_request', clientId: 'spoof' });
    expect((await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats).toEqual([]);
  });

  it('a burst is answered in the order it was sent, and a reply may quote the send just before it', async () => {
    const s = await open(ana);
    await s.sendMessage(ben.user.id, 'one');
    const burst = [
      { type: 'send', to: ben.user.id, clientId: 'r2', content: 'two' },
      { type: 'send', to: ben.user.id, clientId: 'r3', content: 'reply to two', replyTo: 2 },
      { type: 'send', to: ana.user.id, clientId: 'r4', content: 'to myself: refused at once' },
      { type: 'send', to: ben.user.id, clientId: 'r5', content: 'reply to one', replyTo: 1 },
      { type: 'send', to: ben.user.id, clientId: 'r6', content: 'reply to nothing', replyTo: 99 },
      { type: 'send', to: ben.user.id, clientId: 'r7', content: 'last' },
    ];
    for (const frame of burst) s.send(frame);
    await s.next('ack', (f) => f.clientId === 'r7');
    const answers = s.frames.filter((f) => f.type === 'ack' || f.type === 'error').slice(1);
    expect(answers.map((f) => [f.type, 'clientId' in f ? f.clientId : undefined])).toEqual([
      ['ack', 'r2'],
      ['ack', 'r3'],
      ['error', 'r4'],
      ['ack', 'r5'],
      ['error', 'r6'],
      ['ack', 'r7'],
    ]);
    const acks = s.all('ack');
    expect(acks.map((a) => [a.message.seq, a.message.replyTo?.seq ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, 2],
      [4, 1],
      [5, null],
    ]);
  });

  it('errors for an unknown recipient or myself, and the socket stays open', async () => {
    const s = await open(ana);
    s.send({ type: 'send', to: randomUUID(), clientId: 'a', content: 'hi' });
    expect(await s.next('error')).toMatchObject({ code: 'not_found', clientId: 'a' });
    s.send({ type: 'send', to: ana.user.id, clientId: 'b', content: 'hi' });
    expect(await s.next('error')).toMatchObject({ code: 'bad_request', clientId: 'b' });
    expect(await s.sendMessage(ben.user.id, 'still works')).toMatchObject({ seq: 1 });
  });
});

describe('read, typing and presence frames', () => {
  it('read: the peer gets a receipt on their own chat id, my other tabs the updated box', async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    const benTab2 = await open(ben);
    const m = await anaTab.sendMessage(ben.user.id, 'read me');
    const { chat: benChat } = await benTab.next('message');
    benTab.send({ type: 'read', chatId: benChat.id, seq: m.seq });
    const receipt = await anaTab.next('read');
    const anaChat = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats[0];
    expect(receipt).toEqual({ type: 'read', chatId: anaChat.id, peerId: ben.user.id, seq: 1 });
    const updated = await benTab2.next('chat_updated');
    expect(updated.chat).toMatchObject({ id: benChat.id, unread: 0 });
  });

  it('read of a chat that is not mine is an error frame', async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    await anaTab.sendMessage(ben.user.id, 'x');
    const anaChat = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats[0];
    benTab.send({ type: 'read', chatId: anaChat.id, seq: 1 });
    expect(await benTab.next('error')).toMatchObject({ code: 'not_found' });
  });

  it("typing goes to the peer's tabs as {type:typing, from}, within a chat the peer keeps with me", async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    await openChat(server.url, ben, ana);
    anaTab.send({ type: 'typing', to: ben.user.id });
    expect(await benTab.next('typing')).toEqual({ type: 'typing', from: ana.user.id });
  });

  it('presence: people with a chat with me see me come online with my first tab and go offline with my last', async () => {
    const anaTab = await open(ana);
    await anaTab.sendMessage(ben.user.id, 'hi');
    const benTab1 = await open(ben);
    expect(await anaTab.next('presence')).toEqual({ type: 'presence', userId: ben.user.id, online: true });
    const benTab2 = await open(ben);
    await benTab1.close();
    await benTab2.close();
    expect(await anaTab.next('presence')).toEqual({ type: 'presence', userId: ben.user.id, online: false });
    // Exactly one online and one offline: the second tab changed nothing.
    expect(anaTab.all('presence')).toHaveLength(2);
  });
});

describe('the room registry', () => {
  it("groups sockets per person, builds a pair's room from its key, and forgets closed sockets", async () => {
    const a1 = await open(ana);
    await open(ana);
    await open(ben);
    const { registry } = server.app;
    expect(registry.socketsOf(ana.user.id)).toHaveLength(2);
    const key = (await a1.sendMessage(ben.user.id, 'x')).chatKey;
    expect(registry.room(key)).toHaveLength(3);
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await eventually(() => {
      expect(registry.socketCount).toBe(0);
      expect(registry.peopleCount).toBe(0);
    });
    expect(registry.room(key)).toEqual([]);
  });
});

describe('bad frames', () => {
  it('each gets an error frame and the socket stays open', async () => {
    const s = await open(ana);
    const bad: unknown[] = [
      'not json',
      '[1,2]',
      '42',
      'null',
      {},
      { type: 'nope' },
      { type: 'send', to: ben.user.id, clientId: 'c', content: '   ' },
      { type: 'send', to: ben.user.id, clientId: 'c', content: 'x'.repeat(4001) },
      { type: 'send', to: { $gt: '' }, clientId: 'c', content: 'hi' },
      { type: 'send', to: ben.user.id, clientId: { $ne: null }, content: 'hi' },
      { type: 'send', to: ben.user.id, clientId: 'c', content: 'hi', extra: 1 },
      { type: 'read', chatId: 'x', seq: -1 },
      { type: 'read', chatId: 'x', seq: 1.5 },
      { type: 'typing' },
    ];
    for (const frame of bad) s.send(frame);
    for (let i = 0; i < bad.length; i++) expect((await s.next('error')).code).toBe('bad_request');
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await s.next('error')).code).toBe('bad_request');
    expect(await s.sendMessage(ben.user.id, 'x'.repeat(4000))).toMatchObject({ seq: 1 });
    expect((await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats).toHaveLength(1);
  });

  it('a frame over 64 KiB closes the socket with 1009, and nothing is stored', async () => {
    const s = await open(ana);
    s.send({ type: 'send', to: ben.user.id, clientId: 'big', content: 'x'.repeat(MAX_FRAME_BYTES) });
    expect((await s.closed).code).toBe(1009);
    expect((await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats).toEqual([]);
  });
});
