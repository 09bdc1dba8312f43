import { afterEach, describe, expect, it } from 'vitest';
import { dbNameFor, startRedis, startServerProcess, type RunningProcess, type RunningServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { call, register, TestSocket } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { BrowserSubscription, LocalPushService } from './push-service.ts';

// Needs one MongoDB shared by two processes: the `mongodb` project's.
describe.skipIf(TEST_STORE !== 'mongodb')('Web Push across processes', () => {
  let running: RunningServer[] = [];
  let redis: RunningProcess | undefined;
  let service: LocalPushService | undefined;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await Promise.all(running.map((s) => s.stop()));
    running = [];
    await redis?.stop();
    await service?.close();
  });

  it('gives two processes started at once on one MongoDB the same VAPID key, and keeps it across a restart', async () => {
    const env = { MONGODB_URI: mongoUri(), MONGODB_DB: dbNameFor() };
    running = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const [a, b] = running as [RunningServer, RunningServer];
    // One MongoDB holds the sessions too, so one sign-in works on both processes.
    const ann = await register(a.url);
    const keyOf = async (server: RunningServer) => {
      const res = await call(server.url, 'GET', '/api/push/key', { token: ann.token });
      expect(res.status).toBe(200);
      return res.body.publicKey as string;
    };
    const key = await keyOf(a);
    expect(await keyOf(b)).toBe(key);

    await Promise.all(running.map((s) => s.stop()));
    running = [await startServerProcess(env)];
    expect(await keyOf(running[0]!)).toBe(key);
  });

  it("pushes nothing while the recipient's last socket is open on the other process, and pushes once it closes", async () => {
    redis = await startRedis();
    service = await LocalPushService.start();
    const env = {
      MONGODB_URI: mongoUri(),
      MONGODB_DB: dbNameFor(),
      REDIS_URL: redis.url,
      PUSH_ALLOW_INSECURE_ENDPOINTS: 'true',
      PUSH_COALESCE_MS: '0',
    };
    running = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const [p1, p2] = running as [RunningServer, RunningServer];
    const ana = await register(p1.url);
    const ben = await register(p2.url);
    const browser = new BrowserSubscription(service.origin + '/ben');
    const res = await call(p2.url, 'POST', '/api/push/subscriptions', { token: ben.token, body: browser });
    expect(res.status).toBe(201);

    const anaOn1 = await TestSocket.open(p1.wsUrl, ana.token);
    const benOn2 = await TestSocket.open(p2.wsUrl, ben.token);
    sockets.push(anaOn1, benOn2);
    await anaOn1.sendMessage(ben.user.id, 'seen on process 2');
    await benOn2.next('message');
    await benOn2.close();
    // Ana has a chat with Ben, so she hears he went offline: past that, no process holds a socket of his.
    await anaOn1.next('presence', (f) => f.userId === ben.user.id && !f.online);
    await anaOn1.sendMessage(ben.user.id, 'pushed from process 1');
    const [push] = await service.waitFor('/ben', 1);
    expect(browser.decrypt(push!)).toMatchObject({ title: ana.user.name, body: 'pushed from process 1' });
    // The first message's presence check ran before Ben's socket closed; its push would have come first.
    expect(service.on('/ben')).toHaveLength(1);
  });
});
