import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrameOf } from '@pairchat/schema';
import { call, eventually, register, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

// Issue 12, item 6: every kind of frame is limited per person, typing reaches only someone who keeps a chat with
// the typist, and a person's presence changes at most once per window however fast their sockets come and go.
let server: TestServer;
const sockets: TestSocket[] = [];
let ana: Person;
let eve: Person;

const open = async (p: Person) => {
  const s = await TestSocket.open(server.wsUrl, p.token);
  sockets.push(s);
  return s;
};

async function start(env: Record<string, string>) {
  server = await startServer({ env });
  ana = await register(server.url, 'ana');
  eve = await register(server.url, 'eve');
}

/** Frames of one socket are answered in order: once this probe's error is back, every frame before it was handled. */
async function probe(s: TestSocket): Promise<void> {
  s.send({ type: 'typing', to: '00000000-0000-4000-8000-000000000000' });
  await s.next('error', (e) => e.code === 'not_found' || e.code === 'rate_limited');
}

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await server.close();
});

describe('typing', () => {
  it("a stranger's 3,000 typing frames reach nobody; once the victim keeps a chat with them, typing arrives", async () => {
    await start({}); // limits lifted: the rule alone must keep the typing out
    const victim = await open(ana);
    const stranger = await open(eve);
    // The stranger opening a chat of their own with the victim gives them no way in.
    await call(server.url, 'POST', '/api/chats', { token: eve.token, body: { peerId: ana.user.id } });
    for (let i = 0; i < 3000; i++) stranger.send({ type: 'typing', to: ana.user.id });
    await probe(stranger);
    expect(stranger.all('error').filter((e) => e.code !== 'not_found')).toEqual([]);

    // A barrier on the victim's side: her own chat with Eve, then one typing frame that must arrive.
    await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: eve.user.id } });
    stranger.send({ type: 'typing', to: ana.user.id });
    await victim.next('typing');
    expect(victim.all('typing')).toEqual([{ type: 'typing', from: eve.user.id }]);
  });

  it('typing within a chat is limited per person: the rest is answered rate_limited, the socket stays, the victim is not cut', async () => {
    await start({ TYPING_FRAMES_PER_WINDOW: '20', FRAME_LIMIT_WINDOW_SECONDS: '600' });
    const victim = await open(ana);
    const typist = await open(eve);
    await typist.sendMessage(ana.user.id, 'hi'); // gives Ana a chat with Eve
    for (let i = 0; i < 3000; i++) typist.send({ type: 'typing', to: ana.user.id });
    const last = await typist.sendMessage(ana.user.id, 'after the flood');
    await victim.next('message', (f) => f.message.id === last.id);

    expect(victim.all('typing')).toHaveLength(20);
    const limited = typist.all('error');
    expect(limited).toHaveLength(2980);
    expect(new Set(limited.map((e) => e.code))).toEqual(new Set(['rate_limited']));
    expect(limited[0]!.message).toMatch(/^too many typing frames; try again in \d+ s$/);
    expect(typist.ws.readyState).toBe(typist.ws.OPEN);
    expect(victim.ws.readyState).toBe(victim.ws.OPEN);
  });
});

describe('every other frame', () => {
  it('read marks and invalid frames have budgets of their own; a frame over one gets rate_limited (with its clientId) and changes nothing', async () => {
    await start({ READ_FRAMES_PER_WINDOW: '5', OTHER_FRAMES_PER_WINDOW: '5', FRAME_LIMIT_WINDOW_SECONDS: '600' });
    const reader = await open(ana);
    const eveTab = await open(eve);
    const first = await eveTab.sendMessage(ana.user.id, 'one');
    const { chat } = await reader.next('message');
    for (let i = 0; i < 10; i++) reader.send({ type: 'read', chatId: chat.id, seq: first.seq });
    for (let i = 0; i < 10; i++) reader.send('not json');
    reader.send({ type: 'send', to: eve.user.id, clientId: 'bad-send', content: '   ' });
    // Sends are counted by the send limit, not these budgets: this one still goes through.
    await reader.sendMessage(eve.user.id, 'a send still goes');

    const errors = reader.all('error');
    const byCode = (code: string) => errors.filter((e) => e.code === code);
    expect(byCode('rate_limited').map((e) => e.message.replace(/\d+ s$/, 'N s'))).toEqual([
      ...Array<string>(5).fill('too many read frames; try again in N s'),
      ...Array<string>(6).fill('too many frames; try again in N s'),
    ]);
    expect(byCode('rate_limited').at(-1)).toMatchObject({ clientId: 'bad-send' });
    expect(byCode('bad_request')).toHaveLength(5);
    // The read marks within the budget were taken: Eve got her receipt once (the others changed nothing).
    expect(await eveTab.next('read')).toMatchObject({ seq: first.seq });
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);
  });
});

describe('presence', () => {
  it('a socket opened and closed 200 times makes at most one presence change per window, and the last one is true', async () => {
    const windowMs = 500;
    await start({ PRESENCE_COALESCE_MS: String(windowMs) });
    const watcher = await open(ana);
    await watcher.sendMessage(eve.user.id, 'hi'); // Ana has a chat with Eve: she hears of her presence
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const s = await TestSocket.open(server.wsUrl, eve.token);
      await s.close();
    }
    const flapMs = Date.now() - started;
    // Eve stays this time: whatever was announced during the flapping, the last word is that she is online.
    await open(eve);
    const last = () => watcher.all('presence').at(-1);
    await eventually(() => expect(last()).toEqual({ type: 'presence', userId: eve.user.id, online: true }), 5000);

    const changes = watcher.all('presence');
    const windows = Math.ceil((Date.now() - started) / windowMs);
    expect(changes.length, `${changes.length} changes in ${flapMs} ms`).toBeLessThanOrEqual(windows + 1);
    // Only changes: never the same state twice in a row.
    changes.forEach((c: ServerFrameOf<'presence'>, i) => {
      if (i > 0) expect(c.online).not.toBe(changes[i - 1]!.online);
    });
  });
});
