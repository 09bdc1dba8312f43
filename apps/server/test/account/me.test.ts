import { afterEach, beforeEach, expect, it } from 'vitest';
import { call, register, TestSocket, type Person } from '../helpers/client.ts';
import { openTestStore, startServer, type TestServer } from '../helpers/server.ts';
import { fetchBytes, mediaEnv, png, upload } from '../media/fixtures.ts';
import sharp from 'sharp';

let server: TestServer;
let ana: Person;
let ben: Person;

beforeEach(async () => {
  server = await startServer({ env: mediaEnv(`me-${Math.random()}`), store: openTestStore });
  ana = await register(server.url);
  ben = await register(server.url);
});
afterEach(async () => {
  await server.close();
});

const login = (name: string, password: string, userAgent = 'TestBrowser/1.0') =>
  call(server.url, 'POST', '/api/auth/login', { body: { name, password }, headers: { 'user-agent': userAgent } });

it('PATCH /api/me sets a display name, seen live in the chat list of everyone with a chat with me', async () => {
  const benSocket = await TestSocket.open(server.wsUrl, ben.token);
  const anaSocket = await TestSocket.open(server.wsUrl, ana.token);
  await benSocket.sendMessage(ana.user.id, 'hi');
  const res = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body: { displayName: '  安娜 🌸 ' } });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({ id: ana.user.id, displayName: '安娜 🌸', avatar: null, deleted: false });
  expect((await benSocket.next('user_updated')).user.displayName).toBe('安娜 🌸');
  expect((await anaSocket.next('user_updated')).user.displayName).toBe('安娜 🌸');
  const chats = await call(server.url, 'GET', '/api/chats', { token: ben.token });
  expect(chats.body.chats[0].peer).toMatchObject({ id: ana.user.id, displayName: '安娜 🌸' });
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).body.user.displayName).toBe('安娜 🌸');
  // Bad input: 33 characters, blank, unknown fields, nothing at all — 400 and nothing changed.
  for (const body of [{ displayName: 'x'.repeat(33) }, { displayName: '   ' }, { nick: 'a' }, {}]) {
    const bad = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
  }
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).body.user.displayName).toBe('安娜 🌸');
  await Promise.all([benSocket.close(), anaSocket.close()]);
});

it('an avatar is my image cropped square, readable by others; not my image: 404 or 400, nothing changed', async () => {
  const photo = await upload(server.url, ana.token, { name: 'me.png', type: 'image/png', bytes: await png(300, 200) });
  const res = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body: { avatar: photo.body.media.id } });
  expect(res.status).toBe(200);
  const avatar = res.body.user.avatar as string;
  expect(avatar).not.toBe(photo.body.media.id);
  const bytes = await fetchBytes(server.url, `/api/media/${avatar}`, ben.token);
  expect(bytes.status).toBe(200);
  expect(await sharp(bytes.bytes).metadata()).toMatchObject({ width: 256, height: 256, format: 'webp' });
  // The original upload is still Ana's alone.
  expect((await fetchBytes(server.url, `/api/media/${photo.body.media.id}`, ben.token)).status).toBe(404);
  // Ben may view the avatar but not send it as a photo of his own: it did not reach him in a chat (contract: only
  // media I uploaded or can see in one of my chats). Nothing is stored.
  const cy = await register(server.url);
  const bensChat = (await call(server.url, 'POST', '/api/chats', { token: ben.token, body: { peerId: cy.user.id } }))
    .body.chat;
  const asPhoto = await call(server.url, 'POST', `/api/chats/${bensChat.id}/messages`, {
    token: ben.token,
    body: { clientId: 'avatar-as-photo', kind: 'image', mediaId: avatar },
  });
  expect(asPhoto.status).toBe(404);
  expect(asPhoto.body.error.code).toBe('not_found');
  const bensHistory = await call(server.url, 'GET', `/api/chats/${bensChat.id}/messages`, { token: ben.token });
  expect(bensHistory.body.messages).toEqual([]);

  const bensPhoto = await upload(server.url, ben.token, { name: 'b.png', type: 'image/png', bytes: await png(40, 40) });
  const file = await upload(server.url, ana.token, { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('hello') });
  const someoneElses = await call(server.url, 'PATCH', '/api/me', {
    token: ana.token,
    body: { avatar: bensPhoto.body.media.id },
  });
  expect(someoneElses.status).toBe(404);
  const notImage = await call(server.url, 'PATCH', '/api/me', {
    token: ana.token,
    body: { avatar: file.body.media.id },
  });
  expect(notImage.status).toBe(400);
  const unknown = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body: { avatar: 'no-such-media' } });
  expect(unknown.status).toBe(404);
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).body.user.avatar).toBe(avatar);

  const removed = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body: { avatar: null } });
  expect(removed.body.user.avatar).toBeNull();
  expect((await fetchBytes(server.url, `/api/media/${avatar}`, ben.token)).status).toBe(404);
});

it('a photo whose message was recalled cannot come back as an avatar (404, nothing changed)', async () => {
  const photo = await upload(server.url, ana.token, { name: 'p.png', type: 'image/png', bytes: await png(64, 64) });
  const chat = (await call(server.url, 'POST', '/api/chats', { token: ana.token, body: { peerId: ben.user.id } })).body
    .chat;
  const sent = await call(server.url, 'POST', `/api/chats/${chat.id}/messages`, {
    token: ana.token,
    body: { clientId: 'p1', kind: 'image', mediaId: photo.body.media.id },
  });
  expect(sent.status).toBe(201);
  const recall = `/api/chats/${chat.id}/messages/${sent.body.message.seq}/recall`;
  expect((await call(server.url, 'POST', recall, { token: ana.token })).status).toBe(200);
  const res = await call(server.url, 'PATCH', '/api/me', { token: ana.token, body: { avatar: photo.body.media.id } });
  expect(res.status).toBe(404);
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).body.user.avatar).toBeNull();
});

it('password checks are throttled per person: a stolen session cannot guess the password here (429)', async () => {
  const limited = await startServer({ env: { ...mediaEnv(`pw-${Math.random()}`), AUTH_RATE_PER_NAME: '3' } });
  try {
    const dan = await register(limited.url);
    const guess = (n: number) =>
      call(limited.url, 'POST', '/api/me/password', {
        token: dan.token,
        body: { current: `guess-${n}`, next: 'a new password' },
      });
    for (const n of [1, 2, 3]) expect((await guess(n)).status).toBe(401);
    const fourth = await guess(4);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    const deletion = await call(limited.url, 'DELETE', '/api/me', { token: dan.token, body: { password: 'x' } });
    expect(deletion.status).toBe(429);
    // Another person is not held back by Dan's guesses.
    const eve = await register(limited.url);
    const eves = await call(limited.url, 'POST', '/api/me/password', {
      token: eve.token,
      body: { current: 'correct horse', next: 'a new password' },
    });
    expect(eves.status).toBe(204);
  } finally {
    await limited.close();
  }
});

it('a password change ends every other session (sockets closed with 1008), keeps mine; a wrong current is 401', async () => {
  const other = await login(ana.user.name, 'correct horse');
  const otherSocket = await TestSocket.open(server.wsUrl, other.body.token);
  const wrong = await call(server.url, 'POST', '/api/me/password', {
    token: ana.token,
    body: { current: 'not it at all', next: 'a new horse' },
  });
  expect(wrong.status).toBe(401);
  expect((await call(server.url, 'GET', '/api/me', { token: other.body.token })).status).toBe(200);

  const ok = await call(server.url, 'POST', '/api/me/password', {
    token: ana.token,
    body: { current: 'correct horse', next: 'a new horse' },
  });
  expect(ok.status).toBe(204);
  expect((await otherSocket.closed).code).toBe(1008);
  expect((await call(server.url, 'GET', '/api/me', { token: other.body.token })).status).toBe(401);
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).status).toBe(200);
  expect((await login(ana.user.name, 'correct horse')).status).toBe(401);
  expect((await login(ana.user.name, 'a new horse')).status).toBe(200);
});

it('lists my sessions with the current one marked; ends one by id, then all others; another person’s id is 404', async () => {
  const phone = await login(ana.user.name, 'correct horse', 'PhoneBrowser/2.0 ' + 'x'.repeat(400));
  const laptop = await login(ana.user.name, 'correct horse', 'LaptopBrowser/3.0');
  const list = await call(server.url, 'GET', '/api/me/sessions', { token: laptop.body.token });
  expect(list.status).toBe(200);
  expect(list.body.sessions).toHaveLength(3);
  const current = list.body.sessions.filter((s: { current: boolean }) => s.current);
  expect(current).toHaveLength(1);
  expect(current[0].userAgent).toBe('LaptopBrowser/3.0');
  const phoneSession = list.body.sessions.find((s: { userAgent: string | null }) => s.userAgent?.startsWith('Phone'));
  expect(phoneSession.userAgent).toHaveLength(256);

  const bens = await call(server.url, 'GET', '/api/me/sessions', { token: ben.token });
  const stranger = await call(server.url, 'DELETE', `/api/me/sessions/${bens.body.sessions[0].id}`, {
    token: ana.token,
  });
  expect(stranger.status).toBe(404);
  expect((await call(server.url, 'GET', '/api/me', { token: ben.token })).status).toBe(200);

  const phoneSocket = await TestSocket.open(server.wsUrl, phone.body.token);
  const ended = await call(server.url, 'DELETE', `/api/me/sessions/${phoneSession.id}`, { token: laptop.body.token });
  expect(ended.status).toBe(204);
  expect((await phoneSocket.closed).code).toBe(1008);
  expect((await call(server.url, 'GET', '/api/me', { token: phone.body.token })).status).toBe(401);

  expect((await call(server.url, 'DELETE', '/api/me/sessions', { token: laptop.body.token })).status).toBe(400);
  const others = await call(server.url, 'DELETE', '/api/me/sessions?others=true', { token: laptop.body.token });
  expect(others.status).toBe(204);
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).status).toBe(401);
  const left = await call(server.url, 'GET', '/api/me/sessions', { token: laptop.body.token });
  expect(left.body.sessions.map((s: { current: boolean }) => s.current)).toEqual([true]);
});

it('deleting my account: messages stay under a deleted sender, sessions end, sends to me are refused', async () => {
  const benSocket = await TestSocket.open(server.wsUrl, ben.token);
  const anaSocket = await TestSocket.open(server.wsUrl, ana.token);
  await anaSocket.sendMessage(ben.user.id, 'goodbye');
  const unsent = await upload(server.url, ana.token, { name: 'p.png', type: 'image/png', bytes: await png(20, 20) });
  // A file Ana sent Ben, which Ben forwarded to Cy: both copies are messages of others' histories.
  const sent = await upload(server.url, ana.token, { name: 'plan.txt', type: 'text/plain', bytes: Buffer.from('x') });
  const sentId = sent.body.media.id as string;
  anaSocket.send({ type: 'send', to: ben.user.id, clientId: 'the-plan', kind: 'file', mediaId: sentId });
  expect((await anaSocket.next('ack')).message.media?.id).toBe(sentId);
  const cy = await register(server.url);
  const bensChatWithCy = (
    await call(server.url, 'POST', '/api/chats', { token: ben.token, body: { peerId: cy.user.id } })
  ).body.chat;
  const forward = await call(server.url, 'POST', `/api/chats/${bensChatWithCy.id}/messages`, {
    token: ben.token,
    body: { clientId: 'forwarded-plan', kind: 'file', mediaId: sentId },
  });
  expect(forward.status).toBe(201);
  const wrong = await call(server.url, 'DELETE', '/api/me', { token: ana.token, body: { password: 'wrong one' } });
  expect(wrong.status).toBe(401);

  const res = await call(server.url, 'DELETE', '/api/me', { token: ana.token, body: { password: 'correct horse' } });
  expect(res.status).toBe(204);
  expect((await anaSocket.closed).code).toBe(1008);
  expect((await benSocket.next('user_updated')).user).toMatchObject({ id: ana.user.id, deleted: true });
  expect((await call(server.url, 'GET', '/api/me', { token: ana.token })).status).toBe(401);
  expect((await login(ana.user.name, 'correct horse')).status).toBe(401);
  // The upload never sent is gone; the one sent stays with its messages, for Ben and for Cy.
  expect(await server.app.media.get(unsent.body.media.id)).toBeNull();
  expect((await fetchBytes(server.url, `/api/media/${sentId}`, ben.token)).status).toBe(200);
  expect((await fetchBytes(server.url, `/api/media/${sentId}`, cy.token)).status).toBe(200);

  const chats = await call(server.url, 'GET', '/api/chats', { token: ben.token });
  const withAna = chats.body.chats.find((c: { peer: { id: string } }) => c.peer.id === ana.user.id);
  expect(withAna.peer).toMatchObject({ id: ana.user.id, deleted: true, displayName: null });
  const history = await call(server.url, 'GET', `/api/chats/${withAna.id}/messages`, { token: ben.token });
  expect(
    history.body.messages.map((m: { content: string; media: { id: string } | null }) => m.media?.id ?? m.content),
  ).toEqual(['goodbye', sentId]);

  const send = await call(server.url, 'POST', `/api/chats/${withAna.id}/messages`, {
    token: ben.token,
    body: { clientId: 'to-deleted', content: 'are you there?' },
  });
  expect(send.status).toBe(403);
  expect(send.body.error).toMatchObject({ code: 'forbidden', reason: 'deleted' });
  benSocket.send({ type: 'send', to: ana.user.id, clientId: 'ws-to-deleted', content: 'hello?' });
  expect(await benSocket.next('error')).toMatchObject({
    code: 'forbidden',
    reason: 'deleted',
    clientId: 'ws-to-deleted',
  });
  // The name stays taken; the directory no longer lists the account.
  const again = await call(server.url, 'POST', '/api/auth/register', {
    body: { name: ana.user.name, password: 'correct horse' },
  });
  expect(again.status).toBe(409);
  const found = await call(server.url, 'GET', `/api/users?q=${encodeURIComponent(ana.user.name)}`, {
    token: ben.token,
  });
  expect(found.body.users).toEqual([]);
  await benSocket.close();
});

it('an upload still coming in when its account is deleted is refused (401) and not kept', async () => {
  // The body's first part goes now, the rest once the account is gone.
  let rest!: () => void;
  const held = new Promise<void>((resolve) => (rest = resolve));
  const boundary = 'held-upload';
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.bin"\r\n`;
      controller.enqueue(Buffer.from(`${head}Content-Type: application/octet-stream\r\n\r\n`));
      controller.enqueue(Buffer.alloc(64 * 1024, 7));
      await held;
      controller.enqueue(Buffer.alloc(64 * 1024, 8));
      controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  });
  const answer = fetch(`${server.url}/api/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const gone = await call(server.url, 'DELETE', '/api/me', { token: ana.token, body: { password: 'correct horse' } });
  expect(gone.status).toBe(204);
  rest();
  const res = await answer;
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  const stored = await server.app.media.listCreatedBefore(new Date(Date.now() + 60_000).toISOString(), 100);
  expect(stored.filter((m) => m.ownerId === ana.user.id)).toEqual([]);
});

it('REGISTRATION=closed refuses registration with 403; signing in still works', async () => {
  const closed = await startServer({ env: { REGISTRATION: 'closed' }, dataDir: server.dataDir, store: openTestStore });
  try {
    const res = await call(closed.url, 'POST', '/api/auth/register', {
      body: { name: 'newbie', password: 'password1' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  } finally {
    await closed.close();
  }
});
