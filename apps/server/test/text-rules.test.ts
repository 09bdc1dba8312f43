import { legacyNameKey, nameSkeleton } from '@pairchat/schema';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.ts';
import { call, openChat, register, sendRest, TestSocket, type Person } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * The text and name rules of @pairchat/schema at the edge, over real HTTP and WebSocket (issue 11 item 1, issue 12
 * item 5): blank, ill-formed and over-long text, and text with a control character other than tab and line
 * breaks, is refused with 400 / an `error` frame and stores nothing; 4000 emoji are sent; names with invisible marks
 * or look-alikes of taken names are refused; case folds as Unicode does.
 */

let server: TestServer;
/** Two people with a chat, for the message tests; the name tests register their own. */
let ana: Person;
let ben: Person;
let chatId: string;
beforeEach(async () => {
  server = await startServer();
  [ana, ben] = await Promise.all([register(server.url, 'ana'), register(server.url, 'ben')]);
  chatId = (await openChat(server.url, ana, ben)).id;
});
afterEach(() => server.close());

const BAD_CONTENT: [string, string][] = [
  ['U+200B alone', '\u200b'],
  ['U+200C alone', '\u200c'],
  ['U+200D alone', '\u200d'],
  ['U+2060 alone', '\u2060'],
  ['U+180E alone', '\u180e'],
  ['a lone surrogate', 'a\uD800b'],
  ['4000 lone surrogates', '\uD800'.repeat(4000)],
  ['4001 emoji', '😀'.repeat(4001)],
  ['a NUL', 'a\u0000b'],
  ['an escape sequence', '\u001b[31mred'],
];

async function storedContents(): Promise<string[]> {
  const res = await call<{ messages: { content: string }[] }>(server.url, 'GET', `/api/chats/${chatId}/messages`, {
    token: ana.token,
  });
  return res.body.messages.map((m) => m.content);
}

describe('message text over REST', () => {
  it.each(BAD_CONTENT)('refuses %s with 400 bad_request and stores nothing', async (_, content) => {
    const res = await sendRest(server.url, ana, chatId, content);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    expect(await storedContents()).toEqual([]);
  });

  it('stores 4000 emoji and an emoji ZWJ sequence as sent', async () => {
    const long = '😀'.repeat(4000);
    const family = '👨\u200d👩\u200d👧';
    expect((await sendRest(server.url, ana, chatId, long)).status).toBe(201);
    expect((await sendRest(server.url, ana, chatId, ` ${family} `)).status).toBe(201);
    expect(await storedContents()).toEqual([long, family]);
  });

  it('takes a valid text over 64 KiB of JSON over REST (2,900 family emoji: 31,900 UTF-16 units, about 72 KB)', async () => {
    const families = '👨\u200d👩\u200d👧\u200d👦'.repeat(2900);
    expect(Buffer.byteLength(JSON.stringify({ content: families }))).toBeGreaterThan(64 * 1024);
    expect((await sendRest(server.url, ana, chatId, families)).status).toBe(201);
    expect(await storedContents()).toEqual([families]);
  });
});

describe('message text over WebSocket', () => {
  it('answers each bad text with a bad_request error frame carrying its clientId, and delivers only the good one', async () => {
    const tab = await TestSocket.open(server.wsUrl, ana.token);
    const peer = await TestSocket.open(server.wsUrl, ben.token);
    for (const [i, [, content]] of BAD_CONTENT.entries()) {
      tab.send({ type: 'send', to: ben.user.id, clientId: `bad${i}`, content });
      expect(await tab.next('error')).toMatchObject({ code: 'bad_request', clientId: `bad${i}` });
    }
    tab.send({ type: 'send', to: ben.user.id, clientId: 'good', content: '😀'.repeat(4000) });
    expect((await tab.next('ack')).clientId).toBe('good');
    const delivered = await peer.next('message');
    expect(delivered.message.content).toBe('😀'.repeat(4000));
    expect(peer.frames.filter((f) => f.type === 'message')).toHaveLength(1);
    tab.ws.close();
    peer.ws.close();
  });
});

describe('names', () => {
  const registerStatus = async (name: string) =>
    (await call(server.url, 'POST', '/api/auth/register', { body: { name, password: 'correct horse' } })).status;

  it.each([
    ['U+034F', 'ana\u034f'],
    ['U+FE0F', 'ana\ufe0f'],
    ['U+180B', 'ana\u180b'],
    ['U+E0100', 'ana\u{E0100}'],
    ['only invisible marks', '\u034f\u180b'],
  ])('refuses a name with %s as 400', async (_, name) => {
    expect(await registerStatus(name)).toBe(400);
  });

  it('refuses a look-alike of a taken name with 409, mixed-script or whole-script', async () => {
    await register(server.url, 'aoi');
    expect(await registerStatus('аnа')).toBe(400); // Cyrillic а with Latin n: mixed scripts
    expect(await registerStatus('аоі')).toBe(409); // all Cyrillic: its skeleton is aoi's
    expect(await registerStatus('ANA')).toBe(409); // same key
    expect(await registerStatus('anna')).toBe(201);
  });

  it('folds case as Unicode does: Straße and STRASSE are one name, and either signs in', async () => {
    await register(server.url, 'Straße');
    expect(await registerStatus('STRASSE')).toBe(409);
    expect(await registerStatus('strasse')).toBe(409);
    for (const name of ['STRASSE', 'strasse', 'Straße']) {
      const res = await call(server.url, 'POST', '/api/auth/login', { body: { name, password: 'correct horse' } });
      expect(res.status, name).toBe(200);
    }
  });

  it('keeps signing in an account whose stored key is the legacy one, and refuses its look-alikes', async () => {
    const id = randomUUID();
    await server.app.store.users.create({
      id,
      name: 'Σοφός',
      nameKey: legacyNameKey('Σοφός'), // "σοφός": the old key kept the final-sigma distinction
      nameSkeleton: nameSkeleton('Σοφός'),
      passwordHash: await hashPassword('correct horse', 10),
      createdAt: new Date().toISOString(),
    });
    const login = await call(server.url, 'POST', '/api/auth/login', {
      body: { name: 'Σοφός', password: 'correct horse' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(id);
    expect(await registerStatus('Σ0φός')).toBe(409); // digit zero for omicron: the taken name's skeleton
  });
});
