import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/auth-service.ts';
import { call, register, TestSocket, type Person } from '../helpers/client.ts';
import { openTestStore, startServer, type TestServer } from '../helpers/server.ts';
import { closedWithin, SocketAttempt, withUserLookupGate } from './socket-attempt.ts';

// Issue 12, item 1: a socket never acts for a session that has ended — logout, expiry, or an end whose event never
// reached the process. Runs on both stores (the race was found on MongoDB).
let server: TestServer;
const cleanup: (() => unknown)[] = [];

afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
  await server.close();
});

const open = async (who: Person) => {
  const s = await TestSocket.open(server.wsUrl, who.token);
  cleanup.push(() => s.close());
  return s;
};

describe('a socket ends with its session', () => {
  it('a logout while the upgrade is between its session check and joining the registry closes the socket with 1008 before ready', async () => {
    let gate!: ReturnType<typeof withUserLookupGate>;
    server = await startServer({
      store: async (dir) => {
        gate = withUserLookupGate(await openTestStore(dir));
        return gate.store;
      },
    });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');

    const held = gate.holdNextUserLookup();
    const attempt = new SocketAttempt(server.wsUrl, ana.token);
    cleanup.push(() => attempt.close());
    // The upgrade found the session and waits for its user: the logout runs in exactly that window.
    await held.reached;
    expect((await call(server.url, 'POST', '/api/auth/logout', { token: ana.token })).status).toBe(204);
    held.release();

    expect(await attempt.endedWithin(5000)).toEqual({ code: 1008, reason: 'session ended' });
    expect(attempt.frames.map((f) => f.type)).not.toContain('ready');
    // It acted for no one: nothing it may have sent was stored.
    expect((await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats).toEqual([]);
    expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).status).toBe(401);
  });

  it('a socket closes with 1008 when its session expires, and the token stops working', async () => {
    server = await startServer({ env: { SESSION_TTL_SECONDS: '2' } });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const s = await open(ana);
    const benTab = await open(ben);
    await s.sendMessage(ben.user.id, 'while the session lives');
    await benTab.next('message');

    expect(await closedWithin(s.closed, 6000)).toEqual({ code: 1008, reason: 'session expired' });
    expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).status).toBe(401);
    expect(await TestSocket.refusal(server.wsUrl, { authorization: `Bearer ${ana.token}` })).toBe(401);
  });

  it('a session ended where no event reached this process is found by the periodic check: its sockets close with 1008, others stay', async () => {
    server = await startServer({ env: { SESSION_CHECK_SECONDS: '0.2' } });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const anaTab = await open(ana);
    const benTab = await open(ben);
    // Removed behind the server's back, as a logout on another process during a Redis outage leaves it.
    await server.app.store.sessions.delete(hashToken(ana.token));

    expect(await closedWithin(anaTab.closed, 5000)).toEqual({ code: 1008, reason: 'session ended' });
    expect(await benTab.sendMessage(ana.user.id, 'still here')).toMatchObject({ seq: 1 });
    expect(benTab.ws.readyState).toBe(benTab.ws.OPEN);
  });

  it('logout closes every socket of that session with 1008, and only those', async () => {
    server = await startServer();
    const ana = await register(server.url, 'ana');
    const secondDevice = (
      await call(server.url, 'POST', '/api/auth/login', { body: { name: 'ana', password: 'correct horse' } })
    ).body as Person;
    const tab1 = await open(ana);
    const tab2 = await open(ana);
    const other = await open(secondDevice);
    expect((await call(server.url, 'POST', '/api/auth/logout', { token: ana.token })).status).toBe(204);
    expect(await tab1.closed).toEqual({ code: 1008, reason: 'session ended' });
    expect(await tab2.closed).toEqual({ code: 1008, reason: 'session ended' });
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    expect((await call(server.url, 'GET', '/api/me', { token: secondDevice.token })).status).toBe(200);
  });
});
