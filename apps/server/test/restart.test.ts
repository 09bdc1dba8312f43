import { expect, it } from 'vitest';
import { call, register, TestSocket } from './helpers/client.ts';
import { tempDir } from '@pairchat/testing';
import { startServer } from './helpers/server.ts';

it('after a restart on the same data folder nothing acknowledged is lost, and sessions still work', async () => {
  const dataDir = tempDir();
  let server = await startServer({ dataDir });
  const ana = await register(server.url, 'ana');
  const ben = await register(server.url, 'ben');
  const socket = await TestSocket.open(server.wsUrl, ana.token);
  const acked = [];
  for (let i = 0; i < 20; i++) acked.push(await socket.sendMessage(ben.user.id, `m${i}`));
  const benChat = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
  await call(server.url, 'POST', `/api/chats/${benChat.id}/read`, { token: ben.token, body: { seq: 5 } });
  await server.close();

  server = await startServer({ dataDir });
  const chats = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats;
  expect(chats).toHaveLength(1);
  expect(chats[0]).toMatchObject({ id: benChat.id, unread: 15, lastMessage: acked[19] });
  // A client that was offline catches up with ?after=<last seq it has>.
  const missed = await call(server.url, 'GET', `/api/chats/${benChat.id}/messages?after=5`, { token: ben.token });
  expect(missed.body.messages).toEqual(acked.slice(5));
  // The seq counter carries on without a gap.
  const again = await TestSocket.open(server.wsUrl, ana.token);
  expect((await again.sendMessage(ben.user.id, 'after restart')).seq).toBe(21);
  await again.close();
  await server.close();
});
