import { randomUUID } from 'node:crypto';
import type { Chat, Message, User } from '@pairchat/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, openChat, sendRest, type TestSocket, type Person } from '../helpers/client.ts';
import type { TestServer } from '../helpers/server.ts';
import { threePeople } from './fixture.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
let cy: Person;
const people = threePeople();
const open = people.open;
beforeEach(() => ({ server, ana, ben, cy } = people));
const block = (me: Person, userId: string) => call(server.url, 'PUT', `/api/blocks/${userId}`, { token: me.token });
const unblock = (me: Person, userId: string) =>
  call(server.url, 'DELETE', `/api/blocks/${userId}`, { token: me.token });
const blocked = async (me: Person): Promise<User[]> =>
  (await call(server.url, 'GET', '/api/blocks', { token: me.token })).body.users;
const chatsOf = async (p: Person): Promise<{ chats: Chat[]; online: string[] }> =>
  (await call(server.url, 'GET', '/api/chats', { token: p.token })).body;
const messagesOf = async (p: Person, chatId: string): Promise<Message[]> =>
  (await call(server.url, 'GET', `/api/chats/${chatId}/messages`, { token: p.token })).body.messages;
/**
 * A round trip on the socket: a bad frame answered with an `error`. Every frame the server wrote to this socket
 * before it read this one has arrived once the answer has.
 */
const barrier = async (socket: TestSocket) => {
  socket.send('not json');
  await socket.next('error', (f) => f.code === 'bad_request');
};

describe('blocks', () => {
  it('PUT and DELETE are idempotent 204s, told to my own sockets only; GET lists whom I blocked; a block keeps a contact', async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    const asked = await call(server.url, 'POST', '/api/contacts/requests', {
      token: ana.token,
      body: { userId: ben.user.id },
    });
    await call(server.url, 'POST', `/api/contacts/requests/${asked.body.request.id}/accept`, { token: ben.token });

    expect((await block(ana, ben.user.id)).status).toBe(204);
    expect((await anaTab.next('block_updated')) as object).toEqual({
      type: 'block_updated',
      userId: ben.user.id,
      blocked: true,
    });
    expect((await block(ana, ben.user.id)).status).toBe(204);
    expect((await block(ana, cy.user.id)).status).toBe(204);
    expect(await blocked(ana)).toEqual([cy.user, ben.user]);
    expect(await blocked(ben)).toEqual([]);
    // WeChat keeps the friend when it blocks them.
    const contacts = (await call(server.url, 'GET', '/api/contacts', { token: ana.token })).body.contacts;
    expect(contacts.map((c: { user: User }) => c.user.id)).toEqual([ben.user.id]);

    expect((await unblock(ana, ben.user.id)).status).toBe(204);
    expect((await anaTab.next('block_updated', (f) => f.userId === cy.user.id)).blocked).toBe(true);
    expect((await anaTab.next('block_updated')) as object).toEqual({
      type: 'block_updated',
      userId: ben.user.id,
      blocked: false,
    });
    expect((await unblock(ana, ben.user.id)).status).toBe(204);
    expect(await blocked(ana)).toEqual([cy.user]);
    await barrier(benTab);
    expect(benTab.all('block_updated')).toEqual([]);
    // The second PUT and DELETE changed nothing and said nothing.
    await barrier(anaTab);
    expect(anaTab.all('block_updated')).toHaveLength(3);
  });

  it('refuses blocking myself (400) and an unknown person (404), and a bad id (400)', async () => {
    for (const act of [block, unblock]) {
      const self = await act(ana, ana.user.id);
      expect(self.status).toBe(400);
      expect(self.body.error.code).toBe('bad_request');
      const unknown = await act(ana, randomUUID());
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      expect((await act(ana, 'not an id!')).status).toBe(400);
    }
    expect(await blocked(ana)).toEqual([]);
  });

  it("a blocked person's sends are refused with the reason, keep their clientId, and nothing is stored or delivered", async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    await benTab.sendMessage(ana.user.id, 'before the block');
    await block(ana, ben.user.id);

    const clientId = randomUUID();
    benTab.send({ type: 'send', to: ana.user.id, clientId, content: 'can you hear me?' });
    const refused = await benTab.next('error', (f) => f.clientId === clientId);
    expect(refused).toMatchObject({ code: 'forbidden', reason: 'blocked', clientId });
    const benChat = (await chatsOf(ben)).chats[0]!;
    const rest = await sendRest(server.url, ben, benChat.id, 'and by REST?');
    expect(rest.status).toBe(403);
    expect(rest.body.error).toMatchObject({ code: 'forbidden', reason: 'blocked' });

    // Nothing stored: both people's lists end with the message before the block.
    const anaChat = (await chatsOf(ana)).chats[0]!;
    expect((await messagesOf(ana, anaChat.id)).map((m) => m.content)).toEqual(['before the block']);
    expect((await messagesOf(ben, benChat.id)).map((m) => m.content)).toEqual(['before the block']);
    await barrier(anaTab);
    expect(anaTab.all('message').map((f) => f.message.content)).toEqual(['before the block']);
    // One way only: Ana may still write to Ben.
    await anaTab.sendMessage(ben.user.id, 'I can still write');

    await unblock(ana, ben.user.id);
    await benTab.sendMessage(ana.user.id, 'after the unblock');
    expect((await anaTab.next('message', (f) => f.message.content === 'after the unblock')).chat.id).toBe(anaChat.id);
  });

  it('a blocked person cannot open a new chat with me (403), but keeps one they have', async () => {
    await block(ana, ben.user.id);
    const opened = await call(server.url, 'POST', '/api/chats', { token: ben.token, body: { peerId: ana.user.id } });
    expect(opened.status).toBe(403);
    expect(opened.body.error).toMatchObject({ code: 'forbidden', reason: 'blocked' });
    expect((await chatsOf(ben)).chats).toEqual([]);
    // Ana, who blocked, may open it; Cy opened his before Ana blocked him and keeps it.
    expect(
      (await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } })).status,
    ).toBe(201);
    const cyChat = await openChat(server.url, cy, ana);
    await block(ana, cy.user.id);
    const again = await call(server.url, 'POST', '/api/chats', { token: cy.token, body: { peerId: ana.user.id } });
    expect(again.status).toBe(200);
    expect(again.body.chat.id).toBe(cyChat.id);
    await unblock(ana, ben.user.id);
    expect(
      (await call(server.url, 'POST', '/api/chats', { token: ben.token, body: { peerId: ana.user.id } })).status,
    ).toBe(201);
  });

  it('a blocked person gets neither my presence nor my typing, and sees me offline everywhere; unblocking restores it', async () => {
    const benTab = await open(ben);
    const cyTab = await open(cy);
    let anaTab = await open(ana);
    await benTab.sendMessage(ana.user.id, 'hi'); // chats both ways between Ana and Ben, and Ana and Cy
    await cyTab.sendMessage(ana.user.id, 'hi');
    await anaTab.sendMessage(ben.user.id, 'hi');
    await anaTab.sendMessage(cy.user.id, 'hi');
    const online = async (p: Person) => (await chatsOf(p)).online;
    const listed = async (p: Person) =>
      (await call(server.url, 'GET', '/api/users?q=ana', { token: p.token })).body.users[0].online as boolean;
    expect(await online(ben)).toEqual([ana.user.id]);
    expect(await listed(ben)).toBe(true);

    await block(ana, ben.user.id);
    // At once Ben sees Ana go offline, and every list shows her offline to him (not to Cy).
    expect(await benTab.next('presence', (f) => f.userId === ana.user.id)).toMatchObject({ online: false });
    expect(await online(ben)).toEqual([]);
    expect(await listed(ben)).toBe(false);
    expect(await online(cy)).toContain(ana.user.id);

    // Typing: none either way between Ana and Ben; Cy still gets Ana's.
    anaTab.send({ type: 'typing', to: ben.user.id });
    benTab.send({ type: 'typing', to: ana.user.id });
    anaTab.send({ type: 'typing', to: cy.user.id });
    await cyTab.next('typing', (f) => f.from === ana.user.id);
    // Ben's typing frame was handled before his barrier's answer; Ana's socket then had all it was going to get.
    await barrier(benTab);
    await barrier(anaTab);
    expect(anaTab.all('typing')).toEqual([]);
    // Presence: Ana leaves and comes back; Cy hears both, Ben neither.
    await anaTab.close();
    await cyTab.next('presence', (f) => f.userId === ana.user.id && !f.online);
    anaTab = await open(ana);
    await cyTab.next('presence', (f) => f.userId === ana.user.id && f.online);
    await barrier(anaTab);
    await barrier(benTab);
    expect(benTab.all('typing')).toEqual([]);
    expect(benTab.all('presence')).toHaveLength(1);

    await unblock(ana, ben.user.id);
    expect(await benTab.next('presence', (f) => f.userId === ana.user.id)).toMatchObject({ online: true });
    expect(await online(ben)).toEqual([ana.user.id]);
    expect(await listed(ben)).toBe(true);
    anaTab.send({ type: 'typing', to: ben.user.id });
    expect(await benTab.next('typing')).toMatchObject({ from: ana.user.id });
  });
});
