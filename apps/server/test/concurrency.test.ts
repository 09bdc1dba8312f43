import { afterEach, beforeEach, expect, it } from 'vitest';
import { barrier, call, register, TestSocket, type Person } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

it('100 concurrent sends from both sides, over two sockets each and REST, get gap-free seqs that both see the same', async () => {
  const ana: Person = await register(server.url, 'ana');
  const ben: Person = await register(server.url, 'ben');
  const tabs = await Promise.all([ana, ana, ben, ben].map((p) => TestSocket.open(server.wsUrl, p.token)));
  const [a1, a2, b1, b2] = tabs as [TestSocket, TestSocket, TestSocket, TestSocket];
  const anaChat = (await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } }))
    .body.chat;

  const sends: Promise<{ seq: number; clientId: string }>[] = [];
  for (let i = 0; i < 100; i++) {
    const which = i % 5;
    if (which === 4) {
      sends.push(
        call(server.url, 'POST', `/api/chats/${anaChat.id}/messages`, {
          token: ana.token,
          body: { clientId: `rest-${i}`, content: `m${i}` },
        }).then((r) => r.body.message),
      );
    } else {
      const tab = [a1, a2, b1, b2][which]!;
      const to = which < 2 ? ben.user.id : ana.user.id;
      sends.push(tab.sendMessage(to, `m${i}`, `ws-${i}`));
    }
  }
  const messages = await Promise.all(sends);
  expect(messages.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

  const benChat = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
  const anaView = await call(server.url, 'GET', `/api/chats/${anaChat.id}/messages?limit=200`, { token: ana.token });
  const benView = await call(server.url, 'GET', `/api/chats/${benChat.id}/messages?limit=200`, { token: ben.token });
  expect(anaView.body.messages).toHaveLength(100);
  expect(anaView.body.messages).toEqual(benView.body.messages);

  // Unread counts only what the other side sent: Ben sent 40 over his tabs, Ana 60 over hers and REST.
  const anaUnread = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats[0].unread;
  expect(anaUnread).toBe(40);
  expect(benChat.unread).toBe(60);

  // Every tab saw every message exactly once: its own acks plus message frames for the rest.
  await barrier(b1, ana.user.id, a1, a2);
  await barrier(a1, ben.user.id, b1, b2);
  for (const tab of tabs) {
    const seen = [...tab.all('ack').map((f) => f.message.seq), ...tab.all('message').map((f) => f.message.seq)];
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  }
  await Promise.all(tabs.map((t) => t.close()));
});
