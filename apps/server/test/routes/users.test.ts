import { afterEach, beforeEach, expect, it } from 'vitest';
import { call, register, TestSocket } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

it('lists everyone but me whose name contains q without regard to case, with online flags and a limit', async () => {
  const me = await register(server.url, 'me');
  const alice = await register(server.url, 'Alice');
  const alina = await register(server.url, 'alina');
  await register(server.url, 'bob');

  const all = await call(server.url, 'GET', '/api/users', { token: me.token });
  expect(all.status).toBe(200);
  expect(all.body.users.map((u: { name: string }) => u.name)).toEqual(['Alice', 'alina', 'bob']);

  const socket = await TestSocket.open(server.wsUrl, alina.token);
  const al = await call(server.url, 'GET', '/api/users?q=AL', { token: me.token });
  expect(al.body.users).toEqual([
    { id: alice.user.id, name: 'Alice', displayName: null, avatar: null, deleted: false, online: false },
    { id: alina.user.id, name: 'alina', displayName: null, avatar: null, deleted: false, online: true },
  ]);

  // Anywhere in a name (contract: "whose name contains q"), not only at its start.
  const li = await call(server.url, 'GET', '/api/users?q=LI', { token: me.token });
  expect(li.body.users.map((u: { name: string }) => u.name)).toEqual(['Alice', 'alina']);
  const ob = await call(server.url, 'GET', '/api/users?q=ob', { token: me.token });
  expect(ob.body.users.map((u: { name: string }) => u.name)).toEqual(['bob']);

  const one = await call(server.url, 'GET', '/api/users?limit=1', { token: me.token });
  expect(one.body.users).toHaveLength(1);
  expect((await call(server.url, 'GET', '/api/users?q=zz', { token: me.token })).body.users).toEqual([]);
  // LIKE and regular-expression wildcards match literally.
  expect((await call(server.url, 'GET', '/api/users?q=%25', { token: me.token })).body.users).toEqual([]);
  expect((await call(server.url, 'GET', '/api/users?q=.%2A', { token: me.token })).body.users).toEqual([]);
  // No name holds a control character (and MongoDB refuses a NUL in a pattern): 400, not a 500.
  expect((await call(server.url, 'GET', '/api/users?q=a%00b', { token: me.token })).status).toBe(400);
  await socket.close();
});

it('rejects a bad limit and needs a session', async () => {
  const me = await register(server.url);
  for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=1.5']) {
    const res = await call(server.url, 'GET', `/api/users?${q}`, { token: me.token });
    expect(res.status, q).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  }
  expect((await call(server.url, 'GET', '/api/users')).status).toBe(401);
});
