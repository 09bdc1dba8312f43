import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Message } from '@pairchat/schema';
import { call, register, TestSocket } from './helpers/client.ts';
import { startServerProcess, tempDir } from '@pairchat/testing';
import { startServer } from './helpers/server.ts';

// The embedded store only (see vitest.config.ts): these are about its own file on disk.
it('kill -9 in the middle of a burst of sends: every acknowledged message is there after the restart', async () => {
  const dataDir = tempDir();
  const first = await startServerProcess({ DATA_DIR: dataDir });
  const ana = await register(first.url, 'ana');
  const ben = await register(first.url, 'ben');
  const socket = await TestSocket.open(`ws://127.0.0.1:${first.port}/ws`, ana.token);

  const acked: Message[] = [];
  let twoHundredAcked!: () => void;
  const twoHundred = new Promise<void>((resolve) => (twoHundredAcked = resolve));
  socket.ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as { type: string; message?: Message };
    if (frame.type === 'ack' && frame.message) acked.push(frame.message);
    if (acked.length === 200) twoHundredAcked();
  });
  for (let i = 0; i < 2000; i++)
    socket.send({ type: 'send', to: ben.user.id, clientId: `burst-${i}`, content: `message ${i}` });
  // Kill it while the burst is being written: after some acks, well before all of them.
  await twoHundred;
  await first.stop('SIGKILL');
  const ackedAtDeath = acked.length;
  expect(ackedAtDeath).toBeLessThan(2000);

  const second = await startServerProcess({ DATA_DIR: dataDir });
  const chat = (await call(second.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
  const stored: Message[] = [];
  for (let after = 0; ;) {
    const page = await call(second.url, 'GET', `/api/chats/${chat.id}/messages?after=${after}&limit=200`, {
      token: ben.token,
    });
    stored.push(...page.body.messages);
    if (!page.body.hasMore) break;
    after = stored[stored.length - 1]!.seq;
  }
  const storedIds = new Set(stored.map((m) => m.id));
  for (const m of acked) expect(storedIds.has(m.id), `acked seq ${m.seq} is missing`).toBe(true);
  // Gap-free, in the order sent, each once.
  expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
  expect(stored.map((m) => m.clientId)).toEqual(stored.map((_, i) => `burst-${i}`));
  // A resend of what was not acknowledged is stored once, after.
  const again = await TestSocket.open(`ws://127.0.0.1:${second.port}/ws`, ana.token);
  const next = await again.sendMessage(ben.user.id, 'resent', `burst-${stored.length}`);
  expect(next.seq).toBe(stored.length + 1);
  await again.close();
  await second.stop();
}, 60_000);

describe('the embedded store locked by another process', () => {
  it('a send while the store cannot be written gets an error frame (never an ack) and REST a 503; both resume after', async () => {
    const server = await startServer({ env: { SQLITE_BUSY_TIMEOUT_MS: '200' } });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const s = await TestSocket.open(server.wsUrl, ana.token);
    await s.sendMessage(ben.user.id, 'before');

    const other = new Database(path.join(server.dataDir, 'pairchat.db'));
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    s.send({ type: 'send', to: ben.user.id, clientId: 'while-locked', content: 'during' });
    expect(await s.next('error')).toMatchObject({ code: 'unavailable', clientId: 'while-locked' });
    expect(s.all('ack').map((a) => a.clientId)).not.toContain('while-locked');
    // Reads go on (WAL readers are not blocked by a writer); writes answer 503.
    const anaChat = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats[0];
    const restDuring = await call(server.url, 'POST', `/api/chats/${anaChat.id}/messages`, {
      token: ana.token,
      body: { clientId: 'rest-while-locked', content: 'during' },
    });
    expect(restDuring.status).toBe(503);
    expect(restDuring.body.error.code).toBe('unavailable');
    other.exec('ROLLBACK');
    other.close();

    // The client's retry with the same clientId now succeeds, once.
    expect(await s.sendMessage(ben.user.id, 'during', 'while-locked')).toMatchObject({ seq: 2 });
    const page = await call(
      server.url,
      'GET',
      `/api/chats/${(await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0].id}/messages`,
      { token: ben.token },
    );
    expect(page.body.messages.map((m: { content: string }) => m.content)).toEqual(['before', 'during']);
    await s.close();
    await server.close();
  });
});

it('a second server on the same data folder refuses to start with one line; after a kill -9 of the first, one starts', async () => {
  const dataDir = tempDir();
  const first = await startServerProcess({ DATA_DIR: dataDir });
  await expect(startServerProcess({ DATA_DIR: dataDir }, { timeoutMs: 15_000 })).rejects.toThrow(
    /another pairchat server is running on DATA_DIR/,
  );
  // The first is unharmed.
  expect((await call(first.url, 'GET', '/api/health')).status).toBe(200);
  await first.stop('SIGKILL');
  const second = await startServerProcess({ DATA_DIR: dataDir });
  expect((await call(second.url, 'GET', '/api/health')).status).toBe(200);
  await second.stop();
});
