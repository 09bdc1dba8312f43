import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbNameFor, startRedis, startServerProcess, type RunningProcess, type RunningServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { call, openChat, register, sendRest, uniqueName } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';

// Two processes on one MongoDB and one real redis-server: every limit is one budget for both (issue 12, item 9),
// not one per process. Runs in the mongodb project only: processes share one store, which the embedded one cannot be.
describe.skipIf(TEST_STORE !== 'mongodb')('limits shared by two processes through Redis', () => {
  let redis: RunningProcess;
  let p1: RunningServer;
  let p2: RunningServer;
  let running: RunningServer[] = [];

  /** Both processes, with these limits set again on top of the lifted ones. */
  const start = async (limits: Record<string, string>) => {
    const env = { MONGODB_URI: mongoUri(), MONGODB_DB: dbNameFor(), REDIS_URL: redis.url, ...limits };
    running = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    [p1, p2] = running as [RunningServer, RunningServer];
  };
  /** The server for the i-th request: the two processes in turn, as a balancer would spread them. */
  const nth = (i: number) => (i % 2 === 0 ? p1 : p2);
  const login = (server: RunningServer, name: string, password: string, from?: string) =>
    call(server.url, 'POST', '/api/auth/login', {
      body: { name, password },
      headers: from === undefined ? {} : { 'x-forwarded-for': from },
    });

  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(running.map((s) => s.stop()));
    running = [];
    await redis.stop();
  });

  it('the per-address sign-in limit counts attempts on both processes together', async () => {
    await start({ AUTH_RATE_PER_ADDRESS: '6' });
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(nth(i), uniqueName('nobody'), 'guess')).status);
    // Six wrong guesses in all, then refusals from either process (per process, it would be six each).
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("a name's hourly budget is shared, and so is the trust of the owner's address", async () => {
    await start({ TRUST_PROXY: '1', AUTH_NAME_BUDGET_PER_HOUR: '4' });
    const name = uniqueName('owner');
    const registered = await call(p1.url, 'POST', '/api/auth/register', {
      body: { name, password: 'correct horse' },
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(registered.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(nth(i), name, `guess ${i}`, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    // The owner signed up through process 1; process 2 knows their address is trusted for the name.
    expect((await login(p2, name, 'correct horse', '198.51.100.7')).status).toBe(200);
    expect((await login(p2, name, 'correct horse', '192.0.2.1')).status).toBe(429);
  });

  it("the send limit is one budget for a person's sends through both processes", async () => {
    await start({ SEND_BURST: '10', SEND_RATE_PER_SECOND: '0.1' });
    const ana = await register(p1.url, uniqueName('ana'));
    const ben = await register(p2.url, uniqueName('ben'));
    const chat = await openChat(p1.url, ana, ben);
    const statuses = [];
    for (let i = 0; i < 14; i++) statuses.push((await sendRest(nth(i).url, ana, chat.id, `m${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(201), 429, 429, 429, 429]);
    // Ben's budget is his own.
    const benChat = await openChat(p2.url, ben, ana);
    expect((await sendRest(p2.url, ben, benChat.id, 'hi')).status).toBe(201);
  });

  it('with Redis down, each process still limits on its own (never unlimited, never a 500)', async () => {
    await start({ AUTH_RATE_PER_ADDRESS: '3' });
    await redis.stop();
    const during = [];
    for (let i = 0; i < 4; i++) during.push((await login(p1, uniqueName('nobody'), 'guess')).status);
    expect(during).toEqual([401, 401, 401, 429]);
    expect((await login(p2, uniqueName('nobody'), 'guess')).status).toBe(401);
  });
});
