import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '@pairchat/testing';
import { PUSH_SUBSCRIPTIONS_PER_USER } from '../../src/push/push-sender.ts';
import { call, register, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { BrowserSubscription, LocalPushService, verifyVapid } from './push-service.ts';

/** The server's environment: endpoints on the local push service allowed, no coalescing unless asked. */
function pushEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PUSH_ALLOW_INSECURE_ENDPOINTS: 'true', PUSH_COALESCE_MS: '0', ...extra };
}

describe('Web Push', () => {
  let service: LocalPushService;
  let servers: TestServer[] = [];
  const start = async (extra: Record<string, string> = {}, dataDir = tempDir()) => {
    const server = await startServer({ dataDir, env: pushEnv(extra) });
    servers.push(server);
    return server;
  };
  const subscribe = async (server: TestServer, me: Person, path: string) => {
    const browser = new BrowserSubscription(service.origin + path);
    const res = await call(server.url, 'POST', '/api/push/subscriptions', { token: me.token, body: browser });
    expect(res.status).toBe(201);
    return browser;
  };
  const keyOf = async (server: TestServer, me: Person): Promise<string> => {
    const res = await call<{ publicKey: string }>(server.url, 'GET', '/api/push/key', { token: me.token });
    expect(res.status).toBe(200);
    return res.body.publicKey;
  };

  beforeEach(async () => {
    service = await LocalPushService.start();
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    await service.close();
  });

  it('serves the VAPID public key to a signed-in person only', async () => {
    const server = await start();
    expect((await call(server.url, 'GET', '/api/push/key')).status).toBe(401);
    const ann = await register(server.url);
    expect(Buffer.from(await keyOf(server, ann), 'base64url')).toHaveLength(65);
    const res = await call(server.url, 'POST', '/api/push/subscriptions', {
      body: new BrowserSubscription(service.origin + '/x'),
    });
    expect(res.status).toBe(401);
  });

  it('delivers a push the browser decrypts, signed with the server key for the endpoint origin', async () => {
    const server = await start();
    const ann = await register(server.url);
    const browser = await subscribe(server, ann, '/ann');
    server.app.push.notify(ann.user.id, { chatId: 'chat-1', title: 'Bob', body: 'hello 你好' });
    // notify returns before anything is sent: socket delivery never waits for a push.
    expect(service.received).toHaveLength(0);
    const [push] = await service.waitFor('/ann', 1);
    expect(browser.decrypt(push!)).toEqual({ chatId: 'chat-1', title: 'Bob', body: 'hello 你好', count: 1 });
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push!.headers.ttl)).toBeGreaterThan(0);
    expect(push!.headers.urgency).toBe('high');
    expect(push!.headers.topic).toMatch(/^[\w-]{1,32}$/);
    verifyVapid(push!, await keyOf(server, ann), service.origin);
  });

  it('coalesces messages of one chat within the window into one push', async () => {
    const server = await start({ PUSH_COALESCE_MS: '300' });
    const ann = await register(server.url);
    const browser = await subscribe(server, ann, '/ann');
    for (const body of ['one', 'two', 'three']) {
      server.app.push.notify(ann.user.id, { chatId: 'chat-1', title: 'Bob', body });
    }
    server.app.push.notify(ann.user.id, { chatId: 'chat-2', title: 'Cat', body: 'meow' });
    await server.app.push.idle();
    const payloads = service.on('/ann').map((p) => browser.decrypt(p));
    expect(payloads).toHaveLength(2);
    expect(payloads).toContainEqual({ chatId: 'chat-1', title: 'Bob', body: 'three', count: 3 });
    expect(payloads).toContainEqual({ chatId: 'chat-2', title: 'Cat', body: 'meow', count: 1 });
  });

  it('pushes to every subscription, and a 404 or 410 ends that one', async () => {
    const server = await start();
    const ann = await register(server.url);
    await subscribe(server, ann, '/gone');
    await subscribe(server, ann, '/not-found');
    await subscribe(server, ann, '/kept');
    service.answer('/gone', 410);
    service.answer('/not-found', 404);
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'first' });
    await server.app.push.idle();
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'second' });
    await server.app.push.idle();
    expect(service.on('/gone').map((p) => p.status)).toEqual([410]);
    expect(service.on('/not-found').map((p) => p.status)).toEqual([404]);
    expect(service.on('/kept').map((p) => p.status)).toEqual([201, 201]);
  });

  it('retries a failed push with backoff until the push service takes it', async () => {
    const server = await start();
    const ann = await register(server.url);
    const browser = await subscribe(server, ann, '/flaky');
    service.answer('/flaky', 500);
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'hi' });
    const pushes = await service.waitFor('/flaky', 2);
    expect(pushes.map((p) => p.status)).toEqual([500, 201]);
    expect(browser.decrypt(pushes[1]!).body).toBe('hi');
  });

  it('stops pushing after DELETE, and only the owner can delete a subscription', async () => {
    const server = await start();
    const ann = await register(server.url);
    const bob = await register(server.url);
    await subscribe(server, ann, '/ann');
    const del = (who: Person) =>
      call(server.url, 'DELETE', '/api/push/subscriptions', {
        token: who.token,
        body: { endpoint: service.origin + '/ann' },
      });
    expect((await del(bob)).status).toBe(204);
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'still here' });
    await server.app.push.idle();
    expect(service.on('/ann')).toHaveLength(1);
    expect((await del(ann)).status).toBe(204);
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'gone' });
    await server.app.push.idle();
    expect(service.on('/ann')).toHaveLength(1);
  });

  it('keeps a bounded number of subscriptions per person, dropping the oldest', async () => {
    const server = await start();
    const ann = await register(server.url);
    const paths = Array.from(
      { length: PUSH_SUBSCRIPTIONS_PER_USER + 2 },
      (_, i) => `/device-${String(i).padStart(2, '0')}`,
    );
    for (const path of paths) await subscribe(server, ann, path);
    server.app.push.notify(ann.user.id, { chatId: 'c', title: 't', body: 'b' });
    await server.app.push.idle();
    expect(paths.map((p) => service.on(p).length)).toEqual(paths.map((_, i) => (i < 2 ? 0 : 1)));
  });

  it('answers malformed subscriptions with 400 bad_request', async () => {
    const server = await start();
    const ann = await register(server.url);
    const good = new BrowserSubscription(service.origin + '/x').toJSON();
    for (const body of [
      { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(1) } },
      { ...good, keys: { ...good.keys, auth: '+/+/+/+/+/+/+/+/+/+/+/' } },
      { endpoint: good.endpoint },
      { ...good, endpoint: 'javascript:alert(1)' },
      { ...good, extra: true },
    ]) {
      const res = await call(server.url, 'POST', '/api/push/subscriptions', { token: ann.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('refuses loopback endpoints unless PUSH_ALLOW_INSECURE_ENDPOINTS is set', async () => {
    const strict = await start({ PUSH_ALLOW_INSECURE_ENDPOINTS: 'false' });
    const ann = await register(strict.url);
    for (const endpoint of [service.origin + '/x', 'https://127.0.0.1/x', 'https://localhost/x']) {
      const body = { ...new BrowserSubscription(endpoint).toJSON() };
      const res = await call(strict.url, 'POST', '/api/push/subscriptions', { token: ann.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    // A public IPv6 literal is an endpoint like any other (checked without DNS, so nothing is called here).
    const v6 = { ...new BrowserSubscription('https://[2a00:1450:4001:82b::200a]/push/ann').toJSON() };
    const taken = await call(strict.url, 'POST', '/api/push/subscriptions', { token: ann.token, body: v6 });
    expect(taken.status).toBe(201);
    const v6Loopback = { ...new BrowserSubscription('https://[::1]/x').toJSON() };
    const refused = await call(strict.url, 'POST', '/api/push/subscriptions', { token: ann.token, body: v6Loopback });
    expect(refused.status).toBe(400);
    const lax = await start();
    const bob = await register(lax.url);
    await subscribe(lax, bob, '/x');
  });

  it('signs with the same VAPID key after a restart', async () => {
    const dataDir = tempDir();
    const first = await start({}, dataDir);
    const ann = await register(first.url);
    const key = await keyOf(first, ann);
    await first.close();
    servers = [];
    const second = await start({}, dataDir);
    const bob = await register(second.url);
    expect(await keyOf(second, bob)).toBe(key);
  });
});
