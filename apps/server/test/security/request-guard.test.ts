import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { LocalBus } from '../../src/realtime/bus/local-bus.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { call, register, TestSocket } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '@pairchat/testing';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Another origin: a different port on the same host is the same site, so a Lax cookie rides along. */
const EVIL = 'http://127.0.0.1:1';

/** A form POST as a browser sends it: the session cookie rides along, and there is no preflight for text/plain. */
function formPost(base: string, path: string, token: string, headers: Record<string, string>, body = 'a=b') {
  return fetch(base + path, {
    method: 'POST',
    headers: { cookie: `pairchat_session=${token}`, ...headers },
    body,
  });
}

async function stillSignedIn(base: string, token: string): Promise<number> {
  return (await call(base, 'GET', '/api/me', { headers: { cookie: `pairchat_session=${token}` } })).status;
}

describe('state-changing requests: allowed origins and JSON bodies only', () => {
  it('a text/plain logout from another origin is refused with 403 and the session lives on', async () => {
    server = await startServer();
    const ana = await register(server.url);
    const res = await formPost(server.url, '/api/auth/logout', ana.token, {
      origin: EVIL,
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect(await stillSignedIn(server.url, ana.token)).toBe(200);
  });

  it('a form body without Origin (an old browser, a plain client) is refused with 415', async () => {
    server = await startServer();
    const ana = await register(server.url);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await formPost(server.url, '/api/auth/logout', ana.token, { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: { code: 'unsupported_media_type', message: expect.any(String) } });
    }
    // A call that takes no body takes none, not even JSON.
    const withJson = await call(server.url, 'POST', '/api/auth/logout', { token: ana.token, body: {} });
    expect(withJson.status).toBe(415);
    // The JSON content type with its parameters is fine; it is the type, not the spelling, that counts.
    const ben = await register(server.url);
    const opened = await call(server.url, 'POST', '/api/chats', {
      token: ana.token,
      body: { peerId: ben.user.id },
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(opened.status).toBe(201);
    expect(await stillSignedIn(server.url, ana.token)).toBe(200);
  });

  it('every state-changing method is checked before authentication; reads and the own origin pass', async () => {
    server = await startServer();
    const ana = await register(server.url);
    const own = server.url;
    const del = await call(server.url, 'DELETE', '/api/chats/some-chat', {
      token: ana.token,
      headers: { origin: EVIL },
    });
    expect(del.status).toBe(403);
    const anonymous = await call(server.url, 'POST', '/api/auth/login', {
      body: { name: 'x', password: 'y' },
      headers: { origin: 'null' },
    });
    expect(anonymous.status).toBe(403);
    // A read from another origin changes nothing: CORS keeps its answer from the page.
    expect((await call(server.url, 'GET', '/api/me', { token: ana.token, headers: { origin: EVIL } })).status).toBe(
      200,
    );
    // The app itself: its own origin, JSON or no body at all.
    const logout = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: own, cookie: `pairchat_session=${ana.token}` },
    });
    expect(logout.status).toBe(204);
    expect(await stillSignedIn(server.url, ana.token)).toBe(401);
  });

  it('ALLOWED_ORIGINS replaces the default for REST and the WebSocket alike', async () => {
    const app = 'https://chat.example';
    server = await startServer({ env: { ALLOWED_ORIGINS: app } });
    const ana = await register(server.url);
    const ben = await register(server.url);
    const body = { peerId: ben.user.id };
    expect(
      (await call(server.url, 'POST', '/api/chats', { token: ana.token, body, headers: { origin: app } })).status,
    ).toBe(201);
    expect(
      (await call(server.url, 'POST', '/api/chats', { token: ana.token, body, headers: { origin: server.url } }))
        .status,
    ).toBe(403);
    expect(await TestSocket.refusal(server.wsUrl, { authorization: `Bearer ${ana.token}`, origin: EVIL })).toBe(403);
  });

  it('a route opts into another body type with config.bodyTypes (as the media upload will)', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: `${dataDir}/none` });
    const app = await buildApp({ config, store: new SqliteStore(dataDir), bus: new LocalBus(), logger: false });
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body.length);
    });
    app.post('/upload-test', { config: { bodyTypes: ['multipart/form-data'] } }, async (req) => ({ bytes: req.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/upload-test` : '';
    try {
      const multipart = { 'content-type': 'multipart/form-data; boundary=x' };
      const ok = await fetch(url, { method: 'POST', headers: multipart, body: 'abc' });
      expect(await ok.json()).toEqual({ bytes: 3 });
      const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(415);
      const cross = await fetch(url, { method: 'POST', headers: { ...multipart, origin: EVIL }, body: 'abc' });
      expect(cross.status).toBe(403);
    } finally {
      await app.close();
    }
  });
});
