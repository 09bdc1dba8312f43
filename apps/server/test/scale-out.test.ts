import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barrier, call, eventually, register, TestSocket, type Person } from './helpers/client.ts';
import { dbNameFor, startRedis, startServerProcess, type RunningProcess as Proc } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';

// Runs in the mongodb test project only (see vitest.config.ts): processes share one store, which the embedded one
// cannot be.
describe('two server processes behind one address, events through Redis', () => {
  let redis: Proc;
  let p1: Proc;
  let p2: Proc;
  let ana: Person;
  let ben: Person;
  const sockets: TestSocket[] = [];
  const ws = (p: Proc) => `ws://127.0.0.1:${p.port}/ws`;
  const open = async (p: Proc, who: Person) => {
    const s = await TestSocket.open(ws(p), who.token);
    sockets.push(s);
    return s;
  };

  beforeEach(async () => {
    redis = await startRedis();
    const env = { MONGODB_URI: mongoUri(), MONGODB_DB: dbNameFor(), REDIS_URL: redis.url, PRESENCE_TTL_SECONDS: '2' };
    [p1, p2] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    ana = await register(p1.url, 'ana');
    ben = await register(p2.url, 'ben');
  });

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await Promise.all([p1.stop(), p2.stop()]);
    await redis.stop();
  });

  it('health names the bus', async () => {
    expect((await call(p1.url, 'GET', '/api/health')).body).toEqual({ ok: true, store: 'mongodb', bus: 'redis' });
  });

  it('a message sent through process 1 reaches the peer on process 2, and both tabs of a person split across processes stay in step', async () => {
    const anaOn1 = await open(p1, ana);
    const anaOn2 = await open(p2, ana);
    const benOn2 = await open(p2, ben);
    const sent = await anaOn1.sendMessage(ben.user.id, 'across processes');
    expect((await benOn2.next('message')).message).toEqual(sent);
    expect((await anaOn2.next('message')).message).toEqual(sent);

    const reply = await benOn2.sendMessage(ana.user.id, 'and back');
    expect((await anaOn1.next('message')).message).toEqual(reply);
    expect((await anaOn2.next('message')).message).toEqual(reply);
    // Published once per person, delivered once per socket: no doubles.
    await barrier(benOn2, ana.user.id, anaOn1, anaOn2);
    await barrier(anaOn1, ben.user.id, benOn2);
    expect(anaOn1.all('message')).toHaveLength(1);
    expect(benOn2.all('message')).toHaveLength(1);
  });

  it("an event on a person's channel that is not a valid event is dropped; delivery goes on", async () => {
    const benOn2 = await open(p2, ben);
    const anaOn1 = await open(p1, ana);
    const intruder = new Redis(redis.url);
    const junk = [
      'not json',
      JSON.stringify({ kind: 'frame', userId: ben.user.id, frame: { type: 'evil', html: '<script>' } }),
      JSON.stringify({ kind: 'frame', userId: ben.user.id, frame: { type: 'message', chat: 1, message: 2 } }),
      JSON.stringify({ kind: 'close-session', userId: ben.user.id }),
    ];
    for (const text of junk) await intruder.publish(`pairchat:u:${ben.user.id}`, text);
    await intruder.quit();
    const sent = await anaOn1.sendMessage(ben.user.id, 'still here');
    expect((await benOn2.next('message')).message).toEqual(sent);
    expect(benOn2.frames.map((f) => f.type)).toEqual(['ready', 'message']);
  });

  it('presence: online while any socket on any process is open; offline when the last closes, or within the TTL when its process dies', async () => {
    const anaOn1 = await open(p1, ana);
    await anaOn1.sendMessage(ben.user.id, 'hi'); // gives Ana a chat with Ben, so she hears of his presence
    const benOn1 = await open(p1, ben);
    expect(await anaOn1.next('presence')).toEqual({ type: 'presence', userId: ben.user.id, online: true });
    const benOn2 = await open(p2, ben);
    await benOn1.close();
    const users = await call(p1.url, 'GET', '/api/users?q=ben', { token: ana.token });
    expect(users.body.users[0].online).toBe(true);
    await benOn2.close();
    expect(await anaOn1.next('presence')).toEqual({ type: 'presence', userId: ben.user.id, online: false });
    expect(anaOn1.all('presence'), JSON.stringify(anaOn1.all('presence'))).toHaveLength(2);

    // Ben comes back on process 2, which then dies without a word.
    await open(p2, ben);
    expect(await anaOn1.next('presence', (f) => f.online)).toMatchObject({ online: true });
    await p2.stop('SIGKILL');
    const offline = await anaOn1.next('presence', (f) => !f.online, 10_000);
    expect(offline).toEqual({ type: 'presence', userId: ben.user.id, online: false });
    await eventually(async () => {
      const res = await call(p1.url, 'GET', '/api/users?q=ben', { token: ana.token });
      expect(res.body.users[0].online).toBe(false);
    });
  });

  it('a Redis restart in the middle of a conversation loses no message once clients catch up', async () => {
    const anaOn1 = await open(p1, ana);
    const benOn2 = await open(p2, ben);
    await anaOn1.sendMessage(ben.user.id, 'before');
    await benOn2.next('message');

    await redis.stop();
    const during = [];
    for (let i = 0; i < 5; i++) during.push(await anaOn1.sendMessage(ben.user.id, `during ${i}`));
    const benDuring = await benOn2.sendMessage(ana.user.id, 'ben during');
    expect(during.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(benDuring.seq).toBe(7);

    redis = await startRedis(redis.port);
    // Once Redis is back, each process asks the sockets it held to reconnect (they may have missed events), and
    // live delivery across processes resumes on the new ones.
    expect((await anaOn1.closed).code).toBe(1012);
    expect((await benOn2.closed).code).toBe(1012);
    const anaAgain = await open(p1, ana);
    const benAgain = await open(p2, ben);
    await eventually(async () => {
      await anaAgain.sendMessage(ben.user.id, `after ${Date.now()}`);
      await benAgain.next('message', (f) => f.message.content.startsWith('after'), 300);
    }, 15_000);

    // The catch-up a client makes after reconnecting: everything after the last seq it had before the outage.
    const benChat = (await call(p2.url, 'GET', '/api/chats', { token: ben.token })).body.chats[0];
    const missed = await call(p2.url, 'GET', `/api/chats/${benChat.id}/messages?after=1`, { token: ben.token });
    const contents = missed.body.messages.map((m: { content: string }) => m.content);
    expect(contents.slice(0, 6)).toEqual(['during 0', 'during 1', 'during 2', 'during 3', 'during 4', 'ben during']);
    const seqs = missed.body.messages.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 2));
  });

  it('someone who comes online while Redis is away is online for the other process once it is back', async () => {
    const anaOn1 = await open(p1, ana);
    const benFirst = await open(p2, ben);
    await benFirst.sendMessage(ana.user.id, 'hello');
    await anaOn1.next('message');
    await benFirst.close();
    await anaOn1.next('presence', (f) => f.userId === ben.user.id && !f.online, 15_000);

    await redis.stop();
    const benDuring = await open(p2, ben);
    redis = await startRedis(redis.port);
    // Process 1 never heard that ben came: before, anaOn1 showed him offline until it happened to reconnect. Now
    // each process asks the sockets it held to reconnect, and the clients' catch-up says who is online.
    expect((await anaOn1.closed).code).toBe(1012);
    expect((await benDuring.closed).code).toBe(1012);
    await open(p2, ben);
    await open(p1, ana);
    await eventually(async () => {
      const chats = await call(p1.url, 'GET', '/api/chats', { token: ana.token });
      expect(chats.body.online).toEqual([ben.user.id]);
    }, 15_000);
  });

  it('SIGTERM: stops accepting, finishes the send in flight, closes sockets with 1001, exits 0', async () => {
    const anaOn1 = await open(p1, ana);
    anaOn1.send({ type: 'send', to: ben.user.id, clientId: 'last-words', content: 'in flight' });
    const exit = p1.stop('SIGTERM');
    const closed = await anaOn1.closed;
    expect(closed.code).toBe(1001);
    expect(await exit).toBe(0);
    // The send was acked before the close, or stored for a retry to find: either way it is there, once.
    const chats = (await call(p2.url, 'GET', '/api/chats', { token: ben.token })).body.chats;
    const page = await call(p2.url, 'GET', `/api/chats/${chats[0].id}/messages`, { token: ben.token });
    expect(page.body.messages.map((m: { clientId: string }) => m.clientId)).toEqual(['last-words']);
    expect(anaOn1.all('ack').map((a) => a.clientId)).toEqual(['last-words']);
    await expect(call(p1.url, 'GET', '/api/health')).rejects.toThrow();
  });
});
