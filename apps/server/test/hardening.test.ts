import { afterEach, describe, expect, it } from 'vitest';
import { call, eventually, register, TestSocket, uniqueName } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server with the product's default limits (the helper lifts them for other tests), plus overrides. */
const withDefaults = (env: Record<string, string> = {}) =>
  startServer({
    env: {
      AUTH_RATE_PER_ADDRESS: '20',
      AUTH_RATE_PER_NAME: '10',
      SEND_BURST: '30',
      SEND_RATE_PER_SECOND: '10',
      ...env,
    },
  });

describe('sign-in and registration limits', () => {
  it('a household behind one address gets at least 10 registrations and 10 bad sign-ins a minute; then 429 with Retry-After', async () => {
    server = await withDefaults();
    for (let i = 0; i < 20; i++) {
      expect(
        (
          await call(server.url, 'POST', '/api/auth/register', {
            body: { name: uniqueName('h'), password: 'password1' },
          })
        ).status,
      ).toBe(201);
    }
    const limited = await call(server.url, 'POST', '/api/auth/register', {
      body: { name: uniqueName('h'), password: 'password1' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Login is counted on its own: 10 wrong passwords for 10 names still answer 401, not 429.
    for (let i = 0; i < 10; i++) {
      const res = await call(server.url, 'POST', '/api/auth/login', {
        body: { name: `nobody${i}`, password: 'wrong-pass' },
      });
      expect(res.status).toBe(401);
    }
  });

  it('guessing one name is slowed down after 10 tries, whichever address they come from, and other names are not', async () => {
    server = await withDefaults({ AUTH_RATE_PER_ADDRESS: '1000' });
    const victim = await register(server.url, 'victim');
    for (let i = 0; i < 10; i++) {
      expect(
        (await call(server.url, 'POST', '/api/auth/login', { body: { name: 'VICTIM', password: `guess${i}xx` } }))
          .status,
      ).toBe(401);
    }
    const blocked = await call(server.url, 'POST', '/api/auth/login', {
      body: { name: 'victim', password: 'correct horse' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    await register(server.url, 'bystander');
    expect(
      (await call(server.url, 'POST', '/api/auth/login', { body: { name: 'bystander', password: 'correct horse' } }))
        .status,
    ).toBe(200);
    expect(victim.user.name).toBe('victim');
  });
});

describe('send limits', () => {
  it('a burst of 30 goes through; the flood after it gets rate_limited error frames, the socket stays, and it refills', async () => {
    server = await withDefaults();
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const s = await TestSocket.open(server.wsUrl, ana.token);
    for (let i = 0; i < 40; i++) s.send({ type: 'send', to: ben.user.id, clientId: `f${i}`, content: `m${i}` });
    await s.next('ack', (f) => f.clientId === 'f29');
    const errors = await Promise.all(Array.from({ length: 10 }, () => s.next('error')));
    expect(errors.every((e) => e.code === 'rate_limited')).toBe(true);
    expect(s.all('ack').length).toBeGreaterThanOrEqual(30);
    expect(s.all('ack').length).toBeLessThan(40);
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    // The limit is a fixed window (rate-limiter-flexible): wait as long as the last refusal said.
    const wait = Number(/try again in (\d+) s/.exec(errors.at(-1)!.message)?.[1]);
    expect(wait).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, wait * 1000));
    expect(await s.sendMessage(ben.user.id, 'after a pause')).toMatchObject({ content: 'after a pause' });
    // The REST path shares the person's bucket: a flood there is a 429.
    const chat = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body.chats[0];
    const statuses = [];
    for (let i = 0; i < 35; i++) {
      statuses.push(
        (
          await call(server.url, 'POST', `/api/chats/${chat.id}/messages`, {
            token: ana.token,
            body: { clientId: `r${i}`, content: 'x' },
          })
        ).status,
      );
    }
    expect(statuses).toContain(429);
    await s.close();
  });

  it('a person chatting at 5 messages a second never meets the limit', async () => {
    server = await withDefaults();
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const s = await TestSocket.open(server.wsUrl, ana.token);
    for (let i = 0; i < 40; i++) {
      await s.sendMessage(ben.user.id, `steady ${i}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(s.all('error')).toEqual([]);
    await s.close();
  }, 30_000);
});

describe('sockets', () => {
  it("a socket that does not read is closed with 1013 instead of growing the server's memory", async () => {
    server = await startServer({ env: { SOCKET_BUFFER_LIMIT_BYTES: '65536' } });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const slow = await TestSocket.open(server.wsUrl, ben.token);
    // Ben's client stops reading: the kernel buffers fill, then the server's.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const sender = await TestSocket.open(server.wsUrl, ana.token);
    const big = 'x'.repeat(3500);
    // Send in batches until the server gives up on Ben's socket (starts closing it), then let Ben read again.
    const benOnServer = () => server!.app.registry.socketsOf(ben.user.id)[0]?.socket;
    let last = -1;
    for (let batch = 0; batch < 30 && benOnServer()?.readyState === benOnServer()?.OPEN; batch++) {
      for (let i = 0; i < 20; i++) sender.send({ type: 'send', to: ben.user.id, clientId: `s${++last}`, content: big });
      await sender.next('ack', (f) => f.clientId === `s${last}`, 20_000);
    }
    expect(benOnServer()?.readyState).not.toBe(benOnServer()?.OPEN);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(1013);
    await eventually(() => expect(server!.app.registry.socketsOf(ben.user.id)).toHaveLength(0));
    // Nothing is lost: the messages are in the store for the catch-up.
    const chat = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
    expect(chat.lastMessage.clientId).toBe(`s${last}`);
    await sender.close();
  }, 30_000);

  it('caps the sockets a person may hold on one process', async () => {
    server = await startServer({ env: { MAX_SOCKETS_PER_PERSON: '3' } });
    const ana = await register(server.url, 'ana');
    const tabs = await Promise.all([1, 2, 3].map(() => TestSocket.open(server!.wsUrl, ana.token)));
    expect(await TestSocket.refusal(server.wsUrl, { authorization: `Bearer ${ana.token}` })).toBe(429);
    await tabs[0]!.close();
    await eventually(() => expect(server!.app.registry.socketsOf(ana.user.id)).toHaveLength(2));
    const again = await TestSocket.open(server.wsUrl, ana.token);
    await Promise.all([...tabs.slice(1), again].map((t) => t.close()));
  });
});

describe('headers', () => {
  it('security headers and a strict Content-Security-Policy on every answer', async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the session cookie is Secure when the request came over HTTPS through a trusted proxy', async () => {
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
    const res = await call(server.url, 'POST', '/api/auth/register', {
      body: { name: 'secure', password: 'password1' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
    const plain = await call(server.url, 'POST', '/api/auth/register', {
      body: { name: 'plain', password: 'password1' },
    });
    expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/i);
  });
});
