import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, register, TestSocket, uniqueName } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function cookieOf(headers: Headers): string {
  const raw = headers.get('set-cookie') ?? '';
  return raw.split(';')[0] ?? '';
}

describe('auth', () => {
  it('registers: 201 with the user, a token and an httpOnly SameSite=Lax session cookie', async () => {
    const name = uniqueName('Ana');
    const res = await call(server.url, 'POST', '/api/auth/register', { body: { name, password: 'password1' } });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), name, displayName: null, avatar: null, deleted: false });
    expect(res.body.token).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pairchat_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('never stores the password in the clear', async () => {
    await register(server.url, 'plain', 'hunter2hunter2');
    const record = await server.app.store.users.findByNameKey('plain');
    expect(record?.passwordHash).toMatch(/^scrypt\$/);
    expect(record?.passwordHash).not.toContain('hunter2');
  });

  it('answers 409 for a taken name, whatever its case', async () => {
    await register(server.url, 'Zoë');
    const res = await call(server.url, 'POST', '/api/auth/register', { body: { name: 'ZOË', password: 'password1' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: 'conflict', message: expect.any(String) } });
  });

  it('accepts names in any script, and refuses spaces, symbols and over-long names', async () => {
    for (const name of ['李雷', 'Ōsaka.fan', 'नमस्ते', 'a-b_c.d', 'x'.repeat(32)]) {
      const res = await call(server.url, 'POST', '/api/auth/register', { body: { name, password: 'password1' } });
      expect(res.status, name).toBe(201);
    }
    for (const name of ['', 'a b', 'a@b', 'x'.repeat(33), '<script>', 'semi;colon']) {
      const res = await call(server.url, 'POST', '/api/auth/register', { body: { name, password: 'password1' } });
      expect(res.status, name).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('refuses passwords shorter than 8 or longer than 128 characters', async () => {
    for (const password of ['short', 'x'.repeat(129)]) {
      const res = await call(server.url, 'POST', '/api/auth/register', { body: { name: uniqueName(), password } });
      expect(res.status).toBe(400);
    }
    const ok = await call(server.url, 'POST', '/api/auth/register', {
      body: { name: uniqueName(), password: 'x'.repeat(128) },
    });
    expect(ok.status).toBe(201);
  });

  it('logs in with the right pair (name in any case) and answers 401 to a wrong one, the same for an unknown name', async () => {
    const { user } = await register(server.url, 'Bruno', 'password1');
    const ok = await call(server.url, 'POST', '/api/auth/login', { body: { name: 'bruno', password: 'password1' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toEqual(user);
    expect(cookieOf(ok.headers)).toMatch(/^pairchat_session=.+/);

    const wrong = await call(server.url, 'POST', '/api/auth/login', { body: { name: 'Bruno', password: 'password2' } });
    const unknown = await call(server.url, 'POST', '/api/auth/login', {
      body: { name: 'nobody', password: 'password1' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('GET /api/me works with the Bearer token and with the cookie, and 401 without either', async () => {
    const reg = await call(server.url, 'POST', '/api/auth/register', {
      body: { name: 'cookie', password: 'password1' },
    });
    const cookie = cookieOf(reg.headers);
    const byToken = await call(server.url, 'GET', '/api/me', { token: reg.body.token });
    const byCookie = await call(server.url, 'GET', '/api/me', { headers: { cookie } });
    expect(byToken.status).toBe(200);
    expect(byToken.body).toEqual({ user: reg.body.user });
    expect(byCookie.body).toEqual({ user: reg.body.user });

    const none = await call(server.url, 'GET', '/api/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const bogus = await call(server.url, 'GET', '/api/me', { token: 'not-a-real-token' });
    expect(bogus.status).toBe(401);
  });

  it('logout: 204, then that token and cookie stop working at once, and its sockets close with 1008', async () => {
    const me = await register(server.url);
    const other = await call(server.url, 'POST', '/api/auth/login', {
      body: { name: me.user.name, password: 'correct horse' },
    });
    const socket = await TestSocket.open(server.wsUrl, me.token);
    const otherSocket = await TestSocket.open(server.wsUrl, other.body.token);

    const out = await call(server.url, 'POST', '/api/auth/logout', { token: me.token });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/pairchat_session=;/);
    expect((await call(server.url, 'GET', '/api/me', { token: me.token })).status).toBe(401);
    expect((await socket.closed).code).toBe(1008);

    // The person's other session is untouched.
    expect((await call(server.url, 'GET', '/api/me', { token: other.body.token })).status).toBe(200);
    expect(otherSocket.ws.readyState).toBe(otherSocket.ws.OPEN);
    await otherSocket.close();

    expect((await call(server.url, 'POST', '/api/auth/logout', { token: me.token })).status).toBe(401);
  });
});
