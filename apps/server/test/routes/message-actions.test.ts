import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barrier, call, openChat, register, sendRest, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
let anaChat: string;
let benChat: string;
const sockets: TestSocket[] = [];
const open = async (p: Person) => {
  const s = await TestSocket.open(server.wsUrl, p.token);
  sockets.push(s);
  return s;
};
const get = (p: Person, path: string) => call(server.url, 'GET', path, { token: p.token });
const seqs = (body: { messages: { seq: number }[] }) => body.messages.map((m) => m.seq);

beforeEach(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
  ben = await register(server.url, 'ben');
  anaChat = (await openChat(server.url, ana, ben)).id;
  await sendRest(server.url, ana, anaChat, 'hello ben, the secret is 42');
  benChat = (await openChat(server.url, ben, ana)).id;
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await server.close();
});

describe('POST /api/chats/:id/messages/:seq/recall', () => {
  it('recalls for everyone: both people’s sockets, pages, the chat list, search and quotes', async () => {
    const [anaTab, benTab] = [await open(ana), await open(ben)];
    await sendRest(server.url, ben, benChat, 'what secret?', randomUUID());
    benTab.send({ type: 'send', to: ana.user.id, clientId: 'q', content: 'tell me', replyTo: 1 });
    expect((await benTab.next('ack')).message.replyTo).toMatchObject({
      seq: 1,
      preview: 'hello ben, the secret is 42',
    });
    const res = await call(server.url, 'POST', `/api/chats/${anaChat}/messages/1/recall`, { token: ana.token });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ seq: 1, recalled: true, content: '', media: null });
    expect(await anaTab.next('message_updated')).toEqual({
      type: 'message_updated',
      chatId: anaChat,
      message: res.body.message,
    });
    expect(await benTab.next('message_updated')).toEqual({
      type: 'message_updated',
      chatId: benChat,
      message: res.body.message,
    });
    const page = (await get(ben, `/api/chats/${benChat}/messages`)).body;
    expect(page.messages[0]).toMatchObject({ seq: 1, recalled: true, content: '' });
    expect(page.messages[2].replyTo).toMatchObject({ seq: 1, preview: '' });
    expect((await get(ben, '/api/search/messages?q=secret')).body.results.map((r: any) => r.message.seq)).toEqual([2]);
    // The last message, once recalled, shows as recalled in the list.
    await sendRest(server.url, ana, anaChat, 'never mind', randomUUID());
    await call(server.url, 'POST', `/api/chats/${anaChat}/messages/4/recall`, { token: ana.token });
    const list = (await get(ben, '/api/chats')).body.chats;
    expect(list[0].lastMessage).toMatchObject({ seq: 4, recalled: true, content: '' });
  });

  it('403 for the peer’s message, 404 for an unknown seq or someone else’s chat, 400 for a bad seq', async () => {
    const notMine = await call(server.url, 'POST', `/api/chats/${benChat}/messages/1/recall`, { token: ben.token });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('forbidden');
    const unknown = await call(server.url, 'POST', `/api/chats/${anaChat}/messages/7/recall`, { token: ana.token });
    expect(unknown.body.error.code).toBe('not_found');
    const other = await call(server.url, 'POST', `/api/chats/${anaChat}/messages/1/recall`, { token: ben.token });
    expect(other.status).toBe(404);
    for (const seq of ['0', '-1', 'x', '1.5']) {
      const bad = await call(server.url, 'POST', `/api/chats/${anaChat}/messages/${seq}/recall`, { token: ana.token });
      expect(bad.status).toBe(400);
    }
    expect((await get(ben, `/api/chats/${benChat}/messages`)).body.messages[0].content).toBe(
      'hello ben, the secret is 42',
    );
  });
});

describe('DELETE /api/chats/:id/messages/:seq', () => {
  it('hides one message from me only; my other tabs are told', async () => {
    const [tab1, tab2] = [await open(ben), await open(ben)];
    const res = await call(server.url, 'DELETE', `/api/chats/${benChat}/messages/1`, { token: ben.token });
    expect(res.status).toBe(204);
    expect(await tab1.next('message_deleted')).toEqual({ type: 'message_deleted', chatId: benChat, seq: 1 });
    await tab2.next('message_deleted');
    expect(seqs((await get(ben, `/api/chats/${benChat}/messages`)).body)).toEqual([]);
    expect((await get(ben, '/api/chats')).body.chats[0].lastMessage).toBeNull();
    expect(seqs((await get(ana, `/api/chats/${anaChat}/messages`)).body)).toEqual([1]);
    expect((await get(ben, '/api/search/messages?q=secret')).body.results).toEqual([]);
    const again = await call(server.url, 'DELETE', `/api/chats/${benChat}/messages/1`, { token: ben.token });
    expect(again.status).toBe(404);
  });
});

describe('replies', () => {
  it('400 for a replyTo outside the pair, nothing stored', async () => {
    const cy = await register(server.url, 'cy');
    const cyChat = (await openChat(server.url, cy, ana)).id;
    const outside = await call(server.url, 'POST', `/api/chats/${cyChat}/messages`, {
      token: cy.token,
      body: { clientId: 'r1', content: 'hm', replyTo: 1 },
    });
    expect(outside.status).toBe(400);
    const tab = await open(cy);
    tab.send({ type: 'send', to: ana.user.id, clientId: 'r2', content: 'hm', replyTo: 1 });
    expect(await tab.next('error')).toMatchObject({ code: 'bad_request', clientId: 'r2' });
    expect((await get(cy, `/api/chats/${cyChat}/messages`)).body.messages).toEqual([]);
  });
});

describe('GET …/messages?around=', () => {
  it('a page with the seq near its middle, hasMore and hasNewer; around with a cursor is a 400', async () => {
    for (let i = 2; i <= 30; i++) await sendRest(server.url, ana, anaChat, `m${i}`, `c${i}`);
    const page = (await get(ben, `/api/chats/${benChat}/messages?around=15&limit=10`)).body;
    expect(seqs(page)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page).toMatchObject({ hasMore: true, hasNewer: true });
    const newer = (await get(ben, `/api/chats/${benChat}/messages?after=20&limit=50`)).body;
    expect(seqs(newer)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect((await get(ben, `/api/chats/${benChat}/messages?around=5&before=9`)).status).toBe(400);
    expect((await get(ben, `/api/chats/${benChat}/messages?around=0`)).status).toBe(400);
  });
});

describe('PATCH /api/chats/:id', () => {
  it('pins and mutes my chat; my other tabs get chat_updated; pinned chats come first', async () => {
    const cy = await register(server.url, 'cy');
    await openChat(server.url, ana, cy);
    const tab = await open(ana);
    const res = await call(server.url, 'PATCH', `/api/chats/${anaChat}`, {
      token: ana.token,
      body: { pinned: true, muted: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.chat).toMatchObject({ id: anaChat, pinned: true, muted: true });
    expect((await tab.next('chat_updated')).chat).toMatchObject({ id: anaChat, pinned: true });
    expect((await get(ana, '/api/chats')).body.chats.map((c: any) => c.id)[0]).toBe(anaChat);
    for (const body of [{}, { pinned: 'yes' }, { pinned: true, color: 'red' }]) {
      const bad = await call(server.url, 'PATCH', `/api/chats/${anaChat}`, { token: ana.token, body });
      expect(bad.status).toBe(400);
    }
    const notMine = await call(server.url, 'PATCH', `/api/chats/${anaChat}`, {
      token: ben.token,
      body: { muted: true },
    });
    expect(notMine.status).toBe(404);
    await barrier(await open(ben), ana.user.id, tab);
    expect(tab.all('chat_updated')).toHaveLength(1);
  });
});

describe('GET /api/search/messages', () => {
  it('finds what I can see, newest first, in one chat or all; bad queries are 400', async () => {
    const cy = await register(server.url, 'cy');
    const cyChat = (await openChat(server.url, cy, ana)).id;
    await sendRest(server.url, cy, cyChat, '秘密 SECRET from cy', 'x1');
    const all = (await get(ana, '/api/search/messages?q=Secret')).body.results;
    expect(all.map((r: any) => r.message.content)).toEqual(['秘密 SECRET from cy', 'hello ben, the secret is 42']);
    expect(all[1].chatId).toBe(anaChat);
    const one = (await get(ana, `/api/search/messages?q=secret&chatId=${anaChat}`)).body.results;
    expect(one).toHaveLength(1);
    expect((await get(ana, `/api/search/messages?q=秘`)).body.results).toHaveLength(1);
    expect((await get(ben, '/api/search/messages?q=cy')).body.results).toEqual([]);
    expect((await get(ben, `/api/search/messages?q=x&chatId=${cyChat}`)).status).toBe(404);
    // a%00b: found by the fuzz run (a NUL ended the phrase in the FTS5 query, a 500); control characters are refused.
    const badQueries = [
      '',
      '%20%20',
      encodeURIComponent('a'.repeat(101)),
      encodeURIComponent('字'.repeat(101)),
      'a%00b',
    ];
    for (const q of badQueries) {
      const bad = await get(ana, `/api/search/messages?q=${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('bad_request');
    }
    expect((await get(ana, `/api/search/messages?q=${encodeURIComponent('字'.repeat(100))}`)).status).toBe(200);
    expect((await get(ana, '/api/search/messages?q=secret&limit=0')).status).toBe(400);
    expect((await call(server.url, 'GET', '/api/search/messages?q=secret')).status).toBe(401);
  });
});
