import { afterEach, describe, expect, it } from 'vitest';
import { dbNameFor, startServerProcess, type RunningServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { call, register } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';

// Needs one MongoDB shared by two processes: the `mongodb` project's.
describe.skipIf(TEST_STORE !== 'mongodb')('Web Push across processes', () => {
  let running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.map((s) => s.stop()));
    running = [];
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
});
