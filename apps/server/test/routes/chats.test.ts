import { randomUUID } from 'node:crypto';
import { pairKey } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, openChat, register, sendRest, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
beforeEach(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
  ben = await register(server.url, 'ben');
});
afterEach(async () => {
  await server.close();
});

const chats = async (p: Person) => (await call(server.url, 'GET', '/api/chats', { token: p.token })).body.chats;

describe('opening a chat', () => {
  it('201 when made, 200 with the same box when opened again', async () => {
    const first = await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } });
    expect(first.status).toBe(201);
    expect(first.body.chat).toMatchObject({ peer: ben.user, unread: 0, lastMessage: null });
    const again = await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } });
    expect(again.status).toBe(200);
    expect(again.body.chat.id).toBe(first.body.chat.id);
    // Opening makes only my box; the peer sees nothing until a message is sent.
    expect(await chats(ben)).toEqual([]);
    expect(await chats(ana)).toHaveLength(1);
  });

  it('404 for an unknown peer, 400 for myself', async () => {
    const unknown = await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: randomUUID() } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const self = await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ana.user.id } });
    expect(self.status).toBe(400);
  });
});

describe('messages', () => {
  it('are stored once for the pair with the same seq for both, and make the recipient box with unread', async () => {
    const chat = await openChat(server.url, ana, ben);
    const sent = await sendRest(server.url, ana, chat.id, '  hello Ben  ');
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      seq: 1,
      chatKey: pairKey(ana.user.id, ben.user.id),
      from: ana.user.id,
      to: ben.user.id,
      name: 'ana',
      content: 'hello Ben',
    });
    expect(new Date(sent.body.message.date).toISOString()).toBe(sent.body.message.date);

    const [benChat] = await chats(ben);
    expect(benChat).toMatchObject({ peer: ana.user, unread: 1, lastMessage: sent.body.message });
    const [anaChat] = await chats(ana);
    expect(anaChat).toMatchObject({ id: chat.id, unread: 0, lastMessage: sent.body.message });

    const reply = await sendRest(server.url, ben, benChat.id, 'hi Ana');
    expect(reply.body.message.seq).toBe(2);
    const anaView = await call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: ana.token });
    const benView = await call(server.url, 'GET', `/api/chats/${benChat.id}/messages`, { token: ben.token });
    expect(anaView.body.messages).toEqual(benView.body.messages);
    expect(anaView.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    // Ana's own messages never raise her unread; Ben's reply does.
    expect((await chats(ana))[0].unread).toBe(1);
    expect((await chats(ben))[0].unread).toBe(1);
  });

  it('the same clientId again: 200 with the first message, nothing stored twice', async () => {
    const chat = await openChat(server.url, ana, ben);
    const clientId = randomUUID();
    const first = await sendRest(server.url, ana, chat.id, 'once', clientId);
    const again = await sendRest(server.url, ana, chat.id, 'once', clientId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(first.body.message);
    const page = await call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: ana.token });
    expect(page.body.messages).toHaveLength(1);
    expect((await chats(ben))[0].unread).toBe(1);

    // The same clientId from the other person is their own, new message.
    const benChat = (await chats(ben))[0];
    const theirs = await sendRest(server.url, ben, benChat.id, 'mine', clientId);
    expect(theirs.status).toBe(201);
    expect(theirs.body.message.seq).toBe(2);
  });

  it('a clientId reused for another chat is a 409', async () => {
    const cleo = await register(server.url, 'cleo');
    const toBen = await openChat(server.url, ana, ben);
    const toCleo = await openChat(server.url, ana, cleo);
    const clientId = randomUUID();
    expect((await sendRest(server.url, ana, toBen.id, 'x', clientId)).status).toBe(201);
    const clash = await sendRest(server.url, ana, toCleo.id, 'x', clientId);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
  });

  it('pages with before/after cursors, ascending, with hasMore, default 50 and max 200', async () => {
    const chat = await openChat(server.url, ana, ben);
    const socket = await TestSocket.open(server.wsUrl, ana.token);
    for (let i = 1; i <= 230; i++) socket.send({ type: 'send', to: ben.user.id, clientId: `c${i}`, content: `m${i}` });
    await socket.next('ack', (f) => f.clientId === 'c230', 15_000);
    await socket.close();

    const get = (q: string) => call(server.url, 'GET', `/api/chats/${chat.id}/messages${q}`, { token: ana.token });
    const seqs = (r: { body: { messages: { seq: number }[] } }) => r.body.messages.map((m) => m.seq);

    const newest = await get('');
    expect(seqs(newest)).toEqual(Array.from({ length: 50 }, (_, i) => 181 + i));
    expect(newest.body.hasMore).toBe(true);
    expect(newest.body.messages[49].content).toBe('m230');

    const older = await get('?before=181&limit=100');
    expect(seqs(older)).toEqual(Array.from({ length: 100 }, (_, i) => 81 + i));
    expect(older.body.hasMore).toBe(true);
    const oldest = await get('?before=81&limit=200');
    expect(seqs(oldest)).toEqual(Array.from({ length: 80 }, (_, i) => 1 + i));
    expect(oldest.body.hasMore).toBe(false);

    const after = await get('?after=225');
    expect(seqs(after)).toEqual([226, 227, 228, 229, 230]);
    expect(after.body.hasMore).toBe(false);
    const afterPage = await get('?after=0&limit=10');
    expect(seqs(afterPage)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(afterPage.body.hasMore).toBe(true);
    expect(seqs(await get('?after=10&before=14'))).toEqual([11, 12, 13]);

    expect((await get('?limit=201')).status).toBe(400);
    expect((await get('?limit=0')).status).toBe(400);
    expect((await get('?before=abc')).status).toBe(400);
  });
});

describe('read', () => {
  it('drops my unread to the messages after seq, tells the peer, and never goes backwards', async () => {
    const chat = await openChat(server.url, ana, ben);
    for (const text of ['one', 'two', 'three']) await sendRest(server.url, ana, chat.id, text);
    const benChat = (await chats(ben))[0];
    expect(benChat.unread).toBe(3);
    const anaSocket = await TestSocket.open(server.wsUrl, ana.token);

    const read = await call(server.url, 'POST', `/api/chats/${benChat.id}/read`, {
      token: ben.token,
      body: { seq: 2 },
    });
    expect(read.status).toBe(204);
    expect((await chats(ben))[0].unread).toBe(1);
    const receipt = await anaSocket.next('read');
    expect(receipt).toEqual({ type: 'read', chatId: chat.id, peerId: ben.user.id, seq: 2 });
    expect((await chats(ana))[0].peerReadSeq).toBe(2);

    await call(server.url, 'POST', `/api/chats/${benChat.id}/read`, { token: ben.token, body: { seq: 1 } });
    expect((await chats(ben))[0].unread).toBe(1);
    await call(server.url, 'POST', `/api/chats/${benChat.id}/read`, { token: ben.token, body: { seq: 99 } });
    expect((await chats(ben))[0].unread).toBe(0);
    expect((await anaSocket.next('read')).seq).toBe(3);
    await anaSocket.close();
  });

  it('404 for a chat that is not mine', async () => {
    const chat = await openChat(server.url, ana, ben);
    const res = await call(server.url, 'POST', `/api/chats/${chat.id}/read`, { token: ben.token, body: { seq: 1 } });
    expect(res.status).toBe(404);
  });
});

describe('delete for me', () => {
  it('hides the chat and its history from me only; a later message brings it back with only what came after', async () => {
    const chat = await openChat(server.url, ana, ben);
    await sendRest(server.url, ana, chat.id, 'before 1');
    const benChat = (await chats(ben))[0];
    await sendRest(server.url, ben, benChat.id, 'before 2');

    const del = await call(server.url, 'DELETE', `/api/chats/${chat.id}`, { token: ana.token });
    expect(del.status).toBe(204);
    expect(await chats(ana)).toEqual([]);
    expect((await call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: ana.token })).status).toBe(404);
    expect((await call(server.url, 'DELETE', `/api/chats/${chat.id}`, { token: ana.token })).status).toBe(404);

    // Ben keeps the chat and the whole history.
    const benPage = await call(server.url, 'GET', `/api/chats/${benChat.id}/messages`, { token: ben.token });
    expect(benPage.body.messages.map((m: { content: string }) => m.content)).toEqual(['before 1', 'before 2']);

    await sendRest(server.url, ben, benChat.id, 'after');
    const [back] = await chats(ana);
    expect(back).toMatchObject({ peer: ben.user, unread: 1 });
    expect(back.lastMessage.content).toBe('after');
    const anaPage = await call(server.url, 'GET', `/api/chats/${back.id}/messages`, { token: ana.token });
    expect(anaPage.body.messages.map((m: { content: string; seq: number }) => [m.seq, m.content])).toEqual([
      [3, 'after'],
    ]);
    expect(
      (await call(server.url, 'GET', `/api/chats/${back.id}/messages?after=0`, { token: ana.token })).body.messages,
    ).toHaveLength(1);
    expect(
      (await call(server.url, 'GET', `/api/chats/${back.id}/messages?before=3`, { token: ana.token })).body.messages,
    ).toEqual([]);
  });

  it('opening a deleted chat again makes it (201) with an empty history', async () => {
    const chat = await openChat(server.url, ana, ben);
    await sendRest(server.url, ana, chat.id, 'old');
    await call(server.url, 'DELETE', `/api/chats/${chat.id}`, { token: ana.token });
    const reopened = await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } });
    expect(reopened.status).toBe(201);
    expect(reopened.body.chat.lastMessage).toBeNull();
    const page = await call(server.url, 'GET', `/api/chats/${reopened.body.chat.id}/messages`, { token: ana.token });
    expect(page.body).toEqual({ messages: [], hasMore: false });
  });

  it('tells my other tabs', async () => {
    const chat = await openChat(server.url, ana, ben);
    const tab = await TestSocket.open(server.wsUrl, ana.token);
    await call(server.url, 'DELETE', `/api/chats/${chat.id}`, { token: ana.token });
    expect(await tab.next('chat_deleted')).toEqual({ type: 'chat_deleted', chatId: chat.id });
    await tab.close();
  });
});

describe("another person's chat", () => {
  it('is a 404 on every route, never its content', async () => {
    const cleo = await register(server.url, 'cleo');
    const chat = await openChat(server.url, ana, ben);
    await sendRest(server.url, ana, chat.id, 'private');
    const tries = [
      call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: cleo.token }),
      call(server.url, 'POST', `/api/chats/${chat.id}/messages`, {
        token: cleo.token,
        body: { clientId: 'x', content: 'hi' },
      }),
      call(server.url, 'POST', `/api/chats/${chat.id}/read`, { token: cleo.token, body: { seq: 1 } }),
      call(server.url, 'DELETE', `/api/chats/${chat.id}`, { token: cleo.token }),
      // Even the peer cannot use my box's id.
      call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: ben.token }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('private');
    }
    expect(await chats(ana)).toHaveLength(1);
  });
});

describe('the chat list', () => {
  it('is ordered by most recent activity', async () => {
    const cleo = await register(server.url, 'cleo');
    const toBen = await openChat(server.url, ana, ben);
    const toCleo = await openChat(server.url, ana, cleo);
    await sendRest(server.url, ana, toBen.id, 'to ben');
    await sendRest(server.url, ana, toCleo.id, 'to cleo');
    expect((await chats(ana)).map((c: { peer: { name: string } }) => c.peer.name)).toEqual(['cleo', 'ben']);
    await sendRest(server.url, ana, toBen.id, 'ben again');
    expect((await chats(ana)).map((c: { peer: { name: string } }) => c.peer.name)).toEqual(['ben', 'cleo']);
  });

  it('answers which of its peers are online, however many people sort before them in the directory', async () => {
    // 110 people whose names sort before "zed": a directory page of 100 would not reach Zed.
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => register(server.url, `a${String(batch * 10 + i).padStart(3, '0')}`)),
      );
    }
    const zed = await register(server.url, 'zed');
    const early = await register(server.url, 'a_early');
    await openChat(server.url, ana, zed);
    await openChat(server.url, ana, ben);
    const zedTab = await TestSocket.open(server.wsUrl, zed.token);
    // Online, but not in Ana's chat list: not hers to know about here.
    const earlyTab = await TestSocket.open(server.wsUrl, early.token);
    const answer = await call(server.url, 'GET', '/api/chats', { token: ana.token });
    expect(answer.status).toBe(200);
    expect(answer.body.chats.map((c: { peer: { name: string } }) => c.peer.name)).toEqual(['ben', 'zed']);
    expect(answer.body.online).toEqual([zed.user.id]);
    await zedTab.close();
    await earlyTab.close();
  });
});
