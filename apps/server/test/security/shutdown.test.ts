import { afterEach, describe, expect, it } from 'vitest';
import { call, register, TestSocket, uniqueName } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { startServerProcess, tempDir, type RunningServer as Proc } from '@pairchat/testing';
import { RawClient } from './raw-client.ts';

// Shutdown does not depend on the store; the process runs on the embedded one, so the MongoDB project skips this.
const SHUTDOWN_TIMEOUT_MS = 3000;
/** Process start-up and signal delivery on a busy 2-core machine, on top of the bound itself. */
const SLACK_MS = 2000;

let server: Proc | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop('SIGKILL');
  server = undefined;
});

/** Sends SIGTERM and resolves with the exit code and how long exiting took, or `hung` past `waitMs`. */
async function terminate(proc: Proc, waitMs = SHUTDOWN_TIMEOUT_MS + SLACK_MS) {
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) =>
    proc.child.once('exit', (code: number | null) => resolve(code)),
  );
  proc.child.kill('SIGTERM');
  const outcome = await Promise.race([
    exited,
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), waitMs)),
  ]);
  return { code: outcome, ms: Date.now() - started };
}

describe.skipIf(TEST_STORE === 'mongodb')('shutdown ends within SHUTDOWN_TIMEOUT_MS whatever the clients do', () => {
  it('a half-sent request does not hold SIGTERM', async () => {
    server = await startServerProcess({ DATA_DIR: tempDir(), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const halfSent = await RawClient.connect(server.port);
    clients.push(halfSent);
    await halfSent.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    // A complete request afterwards, as a barrier: the server is up and has accepted connections.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + SLACK_MS);
    await halfSent.closed;
  });

  it('the same SIGTERM delivered twice (the process group and start.mjs) still closes gracefully; a later one cuts it', async () => {
    /** A server whose close is held by a half-sent request for half of SHUTDOWN_TIMEOUT_MS, and its exit code. */
    const busyServer = async () => {
      server = await startServerProcess({ DATA_DIR: tempDir(), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
      const halfSent = await RawClient.connect(server.port);
      clients.push(halfSent);
      await halfSent.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const proc = server;
      // In an object: an async function returning the promise itself would wait for it.
      return { exit: new Promise<number | null>((resolve) => proc.child.once('exit', resolve)) };
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // The second a moment after the first, as start.mjs passes on the one it got (two at once would be merged into
    // one by the kernel): the same stop, so the close goes on and ends with 0. close-with-grace alone exited 1.
    let { exit } = await busyServer();
    server!.child.kill('SIGTERM');
    await sleep(30);
    server!.child.kill('SIGTERM');
    expect(await exit).toBe(0);

    // A second more than a second into the close is an operator insisting: exit at once, with 1.
    ({ exit } = await busyServer());
    server!.child.kill('SIGTERM');
    await sleep(1100);
    const insisted = Date.now();
    server!.child.kill('SIGTERM');
    expect(await exit).toBe(1);
    expect(Date.now() - insisted).toBeLessThan(SHUTDOWN_TIMEOUT_MS / 2);
  });

  it('a WebSocket that stopped reading does not hold exit for the 30 s close handshake; sends in flight are acked', async () => {
    server = await startServerProcess({ DATA_DIR: tempDir(), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const ana = await register(server.url, uniqueName('ana'));
    const ben = await register(server.url, uniqueName('ben'));
    // A raw client upgrades, reads its `ready`, then never reads again nor answers the close handshake.
    const stalled = await RawClient.connect(server.port);
    clients.push(stalled);
    await stalled.write(
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
        `Authorization: Bearer ${ben.token}\r\n\r\n`,
    );
    await stalled.waitFor(/^HTTP\/1\.1 101[\s\S]*"type":"ready"/);
    stalled.socket.pause();

    const healthy = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws`, ana.token);
    healthy.send({ type: 'send', to: ben.user.id, clientId: 'last-words', content: 'in flight' });
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + SLACK_MS);
    expect((await healthy.closed).code).toBe(1001);
    expect(healthy.all('ack').map((a) => a.clientId)).toEqual(['last-words']);
    // Reading again, it finds the server's side gone.
    stalled.socket.resume();
    await stalled.closed;
  });

  it('SIGTERM behind a deep queue of sends closes with 1001 at once; what was not acked is resent and stored once', async () => {
    const dataDir = tempDir();
    server = await startServerProcess({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' });
    const ana = await register(server.url, uniqueName('ana'));
    const ben = await register(server.url, uniqueName('ben'));
    const s = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws`, ana.token);
    // Far more than the server stores in the quarter second before it cuts connections (SHUTDOWN_TIMEOUT_MS / 2).
    const sent = 60_000;
    const clientIds = Array.from({ length: sent }, (_, i) => `queued-${i}`);
    for (const clientId of clientIds) s.send({ type: 'send', to: ben.user.id, clientId, content: clientId });
    await s.next('ack');
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    // Within its bound: the signal is not held up behind the queue (frames yield to the event loop every 64), and
    // only the frame in hand finishes; the queue behind it is not begun (before: 1006 after 2–4 s here).
    expect(ms).toBeLessThan(500 + SLACK_MS);
    expect((await s.closed).code).toBe(1001);
    const acked = new Set(s.all('ack').map((a) => a.clientId));
    expect(acked.size).toBeLessThan(sent);

    // The client sends again whatever has no ack, after it reconnects.
    server = await startServerProcess({ DATA_DIR: dataDir });
    const again = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws`, ana.token);
    const resent = clientIds.filter((id) => !acked.has(id));
    // In chunks, reading the acks between them, as a client that is not a slow consumer does.
    for (let i = 0; i < resent.length; i += 1000) {
      const chunk = resent.slice(i, i + 1000);
      for (const clientId of chunk) again.send({ type: 'send', to: ben.user.id, clientId, content: clientId });
      await again.next('ack', (a) => a.clientId === chunk.at(-1), 60_000);
    }
    expect(again.all('ack')).toHaveLength(resent.length);
    // Each stored once, in the order sent: seq 1…n with the last one the last sent.
    const [chat] = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats;
    expect(chat.lastMessage).toMatchObject({ seq: sent, clientId: clientIds.at(-1) });
    expect(chat.unread).toBe(sent);
    await again.close();
  }, 120_000);
});
