import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, openChat, register, sendRest, type Person } from './helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from './helpers/server.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
let chatId: string;
beforeEach(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
  ben = await register(server.url, 'ben');
  chatId = (await openChat(server.url, ana, ben)).id;
  await sendRest(server.url, ana, chatId, 'kept');
});
afterEach(async () => {
  await server.close();
});

const expectError = (res: { status: number; body: unknown }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
};

/** Stored state that no rejected input may change. */
async function snapshot() {
  const chats = (await call(server.url, 'GET', '/api/chats', { token: ana.token })).body;
  const messages = (await call(server.url, 'GET', `/api/chats/${chatId}/messages`, { token: ana.token })).body;
  const benChats = (await call(server.url, 'GET', '/api/chats', { token: ben.token })).body;
  return { chats, messages, benChats };
}

describe('rejected REST input', () => {
  it('malformed JSON, wrong content type and empty bodies are 400 bad_request', async () => {
    const before = await snapshot();
    const path = `/api/chats/${chatId}/messages`;
    expectError(
      await call(server.url, 'POST', path, { token: ana.token, body: '{"clientId": "a", "content":' }),
      400,
      'bad_request',
    );
    expectError(await call(server.url, 'POST', path, { token: ana.token, body: '' }), 400, 'bad_request');
    expectError(await call(server.url, 'POST', path, { token: ana.token, body: 'null' }), 400, 'bad_request');
    expectError(await call(server.url, 'POST', path, { token: ana.token, body: '[]' }), 400, 'bad_request');
    expectError(
      await call(server.url, 'POST', path, {
        token: ana.token,
        body: 'clientId=a',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported_media_type',
    );
    expectError(await call(server.url, 'POST', '/api/auth/login', { body: '{bad' }), 400, 'bad_request');
    expect(await snapshot()).toEqual(before);
  });

  it('unknown fields and operator objects are 400 and store nothing', async () => {
    const before = await snapshot();
    const path = `/api/chats/${chatId}/messages`;
    const bodies = [
      { clientId: 'a', content: 'hi', from: ben.user.id },
      { clientId: { $gt: '' }, content: 'hi' },
      { clientId: 'a', content: { $gt: '' } },
      { clientId: 'a', content: ['hi'] },
      { clientId: 'a' },
      { content: 'hi' },
      { clientId: '', content: 'hi' },
      { clientId: 'x'.repeat(65), content: 'hi' },
      { clientId: 'has space', content: 'hi' },
    ];
    for (const body of bodies) {
      expectError(await call(server.url, 'POST', path, { token: ana.token, body }), 400, 'bad_request');
    }
    expectError(
      await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: { $gt: '' } } }),
      400,
      'bad_request',
    );
    expectError(
      await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id, x: 1 } }),
      400,
      'bad_request',
    );
    expectError(
      await call(server.url, 'POST', `/api/chats/${chatId}/read`, { token: ana.token, body: { seq: '1' } }),
      400,
      'bad_request',
    );
    expectError(
      await call(server.url, 'POST', `/api/chats/${chatId}/read`, { token: ana.token, body: { seq: -1 } }),
      400,
      'bad_request',
    );
    expectError(
      await call(server.url, 'POST', '/api/auth/login', { body: { name: { $gt: '' }, password: { $gt: '' } } }),
      400,
      'bad_request',
    );
    expectError(
      await call(server.url, 'POST', '/api/auth/register', {
        body: { name: 'eve', password: 'password1', admin: true },
      }),
      400,
      'bad_request',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('blank and over-long content are 400; exactly 4000 characters after trimming is accepted', async () => {
    const path = `/api/chats/${chatId}/messages`;
    for (const content of ['', '   ', '\n\t ', 'x'.repeat(4001), ` ${'y'.repeat(4001)} `]) {
      expectError(
        await call(server.url, 'POST', path, { token: ana.token, body: { clientId: 'c', content } }),
        400,
        'bad_request',
      );
    }
    const ok = await call(server.url, 'POST', path, {
      token: ana.token,
      body: { clientId: 'c', content: `  ${'z'.repeat(4000)}  ` },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.message.content).toHaveLength(4000);
  });

  it('bodies over the size limit are 413 payload_too_large', async () => {
    const res = await call(server.url, 'POST', `/api/chats/${chatId}/messages`, {
      token: ana.token,
      body: { clientId: 'c', content: 'x'.repeat(200_000) },
    });
    expectError(res, 413, 'payload_too_large');
  });

  it('a malformed chat id is 400, an unknown one 404, an unknown route 404', async () => {
    expectError(await call(server.url, 'GET', '/api/chats/bad_id!/messages', { token: ana.token }), 400, 'bad_request');
    expectError(await call(server.url, 'GET', '/api/chats/0000/messages', { token: ana.token }), 404, 'not_found');
    expectError(await call(server.url, 'GET', '/api/nothing', { token: ana.token }), 404, 'not_found');
  });

  it('every protected call is 401 without a session', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/me'],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/users'],
      ['GET', '/api/chats'],
      ['POST', '/api/chats', { peerId: ben.user.id }],
      ['DELETE', `/api/chats/${chatId}`],
      ['GET', `/api/chats/${chatId}/messages`],
      ['POST', `/api/chats/${chatId}/messages`, { clientId: 'a', content: 'hi' }],
      ['POST', `/api/chats/${chatId}/read`, { seq: 1 }],
    ];
    for (const [method, path, body] of calls) {
      expectError(await call(server.url, method, path, { body }), 401, 'unauthorized');
      expectError(
        await call(server.url, method, path, { body, headers: { authorization: 'Bearer x' } }),
        401,
        'unauthorized',
      );
    }
    expect((await snapshot()).messages.messages).toHaveLength(1);
  });

  it('health answers without a session', async () => {
    const res = await call(server.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, store: TEST_STORE, bus: 'local' });
  });
});
