import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbNameFor, startRedis, startServerProcess, type RunningServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { call, eventually, register, TestSocket, type Person } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { SocketAttempt } from './socket-attempt.ts';

type Proc = Awaited<ReturnType<typeof startRedis>>;

// Issue 12, items 1 and 6 where they span processes: two server processes on one MongoDB, events through a real
// redis-server. The mongodb project only: processes share one store, which the embedded one cannot be.
describe.runIf(TEST_STORE === 'mongodb')('sessions and presence across two processes', () => {
  let redis: Proc;
  let p1: RunningServer;
  let p2: RunningServer;
  let ana: Person;
  let ben: Person;
  const cleanup: (() => unknown)[] = [];
  const windowMs = 500;

  beforeEach(async () => {
    redis = await startRedis();
    const env = {
      MONGODB_URI: mongoUri(),
      MONGODB_DB: dbNameFor(),
      REDIS_URL: redis.url,
      PRESENCE_TTL_SECONDS: '2',
      PRESENCE_COALESCE_MS: String(windowMs),
    };
    [p1, p2] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    ana = await register(p1.url, 'ana');
    ben = await register(p2.url, 'ben');
  });

  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
    await Promise.all([p1.stop(), p2.stop()]);
    await redis.stop();
  });

  const open = async (p: RunningServer, who: Person) => {
    const s = await TestSocket.open(p.wsUrl, who.token);
    cleanup.push(() => s.close());
    return s;
  };
  const login = async (p: RunningServer): Promise<Person> =>
    (await call(p.url, 'POST', '/api/auth/login', { body: { name: 'ana', password: 'correct horse' } })).body as Person;

  it("a logout on process 1 closes that session's socket on process 2 with 1008; another session's socket stays", async () => {
    const onP2 = await open(p2, ana);
    const other = await login(p1);
    const otherOnP2 = await open(p2, other);
    expect((await call(p1.url, 'POST', '/api/auth/logout', { token: ana.token })).status).toBe(204);
    expect(await onP2.closed).toEqual({ code: 1008, reason: 'session ended' });
    expect(await otherOnP2.sendMessage(ben.user.id, 'still signed in')).toMatchObject({ seq: 1 });
  });

  it('upgrades on process 2 racing a logout on process 1: every socket is refused or closed with 1008, none stays', async () => {
    const outcomes = [];
    for (let round = 0; round < 5; round++) {
      const sessions = await Promise.all(Array.from({ length: 6 }, () => login(p1)));
      const attempts = sessions.map((s) => new SocketAttempt(p2.wsUrl, s.token));
      cleanup.push(() => attempts.forEach((a) => a.close()));
      // Each logout starts while its socket's upgrade is under way on the other process.
      await Promise.all(sessions.map((s) => call(p1.url, 'POST', '/api/auth/logout', { token: s.token })));
      for (const a of attempts) {
        const status = await a.upgraded;
        outcomes.push(status === 101 ? await a.endedWithin(5000) : status);
      }
    }
    for (const outcome of outcomes) {
      expect([401, { code: 1008, reason: 'session ended' }]).toContainEqual(outcome);
    }
  });

  it('a socket opened and closed 100 times on each process, in turn, makes at most one change per window per process; the last is true', async () => {
    const watcher = await open(p1, ana);
    await watcher.sendMessage(ben.user.id, 'hi'); // Ana has a chat with Ben: she hears of his presence
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const s = await TestSocket.open((i % 2 === 0 ? p1 : p2).wsUrl, ben.token);
      await s.close();
    }
    await open(p2, ben);
    const last = () => watcher.all('presence').at(-1);
    await eventually(() => expect(last()).toEqual({ type: 'presence', userId: ben.user.id, online: true }), 5000);

    const changes = watcher.all('presence');
    const windows = Math.ceil((Date.now() - started) / windowMs);
    expect(changes.length).toBeLessThanOrEqual(2 * (windows + 1));
    // Not asserted: that the same state never comes twice in a row. Each process reads the person's state and then
    // claims the announcement in Redis, two steps a busy machine can interleave across processes, so two processes
    // may each announce one change in a window (README: "up to N changes per window" for N processes).
  });
});
