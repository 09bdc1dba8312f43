import { tempDir } from '@pairchat/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Chat, Media, Message } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepUnsent, UNSENT_TTL_MS } from '../../src/media/sweep.ts';
import { call, openChat, register, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { fetchBytes, mediaEnv, oggOpus, png, upload } from './fixtures.ts';

// Media joined to messages, over real HTTP and WebSocket on the project's store and media adapter (SQLite + disk,
// or MongoDB + GridFS on the stand-in server): who may send which media, and who is then served it.
describe(`media messages (${TEST_STORE})`, () => {
  let server: TestServer;
  let dataDir: string;
  let ana: Person;
  let ben: Person;
  let cy: Person;

  const start = () => startServer({ dataDir, env: mediaEnv(dataDir) });
  beforeEach(async () => {
    dataDir = tempDir();
    server = await start();
    [ana, ben, cy] = [
      await register(server.url, 'ana'),
      await register(server.url, 'ben'),
      await register(server.url, 'cy'),
    ];
  });
  afterEach(async () => {
    await server.close();
  });

  const uploadPng = async (who: Person): Promise<Media> => {
    const res = await upload(server.url, who.token, {
      name: 'photo.png',
      type: 'image/png',
      bytes: await png(900, 600),
    });
    expect(res.status).toBe(201);
    return res.body.media as Media;
  };
  const uploadFile = async (who: Person, bytes = randomBytes(50_000)): Promise<Media> => {
    const res = await upload(server.url, who.token, { name: 'notes.bin', type: 'application/pdf', bytes });
    expect(res.status).toBe(201);
    return res.body.media as Media;
  };
  const sendMedia = (from: Person, chat: Chat, kind: string, mediaId: string, clientId = randomUUID()) =>
    call<{ message: Message; error: { code: string } }>(server.url, 'POST', `/api/chats/${chat.id}/messages`, {
      token: from.token,
      body: { clientId, kind, mediaId },
    });
  /** The status of the original and of the thumbnail for this person. */
  const served = async (who: Person, id: string) => [
    (await fetchBytes(server.url, `/api/media/${id}`, who.token)).status,
    (await fetchBytes(server.url, `/api/media/${id}/thumbnail`, who.token)).status,
  ];
  const messagesOf = async (who: Person, chat: Chat) =>
    (await call<{ messages: Message[] }>(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: who.token }))
      .body.messages;

  it('an image over REST: the peer fetches it and its thumbnail, a third person gets 404; the chat list shows it', async () => {
    const photo = await uploadPng(ana);
    const chat = await openChat(server.url, ana, ben);
    const res = await sendMedia(ana, chat, 'image', photo.id);
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ kind: 'image', content: '', media: photo, recalled: false, seq: 1 });
    expect(await served(ben, photo.id)).toEqual([200, 200]);
    expect(await served(ana, photo.id)).toEqual([200, 200]);
    expect(await served(cy, photo.id)).toEqual([404, 404]);
    const chats = (await call<{ chats: Chat[] }>(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats;
    expect(chats[0]?.lastMessage).toMatchObject({ kind: 'image', media: photo });
  });

  it('a file and a voice message over the send frame: acked, delivered with their media, served to the peer', async () => {
    const file = await uploadFile(ana);
    const voiceRes = await upload(server.url, ana.token, { name: 'v.ogg', type: 'audio/ogg', bytes: oggOpus(1.5) });
    const voice = voiceRes.body.media as Media;
    expect(voice.durationMs).toBe(1500);
    const [anaSocket, benSocket] = [
      await TestSocket.open(server.wsUrl, ana.token),
      await TestSocket.open(server.wsUrl, ben.token),
    ];
    try {
      for (const [kind, media] of [
        ['file', file],
        ['voice', voice],
      ] as const) {
        const clientId = randomUUID();
        anaSocket.send({ type: 'send', to: ben.user.id, clientId, kind, mediaId: media.id });
        const ack = await anaSocket.next('ack', (f) => f.clientId === clientId);
        expect(ack.message).toMatchObject({ kind, content: '', media });
        const delivered = await benSocket.next('message', (f) => f.message.id === ack.message.id);
        expect(delivered.message.media).toEqual(media);
        const got = await fetchBytes(server.url, `/api/media/${media.id}`, ben.token);
        expect([got.status, got.bytes.length]).toEqual([200, media.size]);
        expect((await fetchBytes(server.url, `/api/media/${media.id}`, cy.token)).status).toBe(404);
      }
    } finally {
      await anaSocket.close();
      await benSocket.close();
    }
  });

  it('refused sends: unknown or someone else’s media 404 (REST and frame), a kind that does not fit 400; nothing stored', async () => {
    const photo = await uploadPng(ana);
    const file = await uploadFile(ana);
    const cysPhoto = await uploadPng(cy);
    const chat = await openChat(server.url, ana, ben);
    const refusals: [string, string, number][] = [
      ['image', 'no-such-media', 404],
      ['image', cysPhoto.id, 404],
      ['file', cysPhoto.id, 404],
      ['image', file.id, 400],
      ['voice', photo.id, 400],
      ['voice', file.id, 400],
    ];
    for (const [kind, mediaId, status] of refusals) {
      const res = await sendMedia(ana, chat, kind, mediaId);
      expect([kind, mediaId, res.status]).toEqual([kind, mediaId, status]);
      expect(res.body.error.code).toBe(status === 404 ? 'not_found' : 'bad_request');
    }
    const socket = await TestSocket.open(server.wsUrl, ana.token);
    try {
      socket.send({ type: 'send', to: ben.user.id, clientId: 'ws-1', kind: 'image', mediaId: cysPhoto.id });
      expect(await socket.next('error')).toMatchObject({ code: 'not_found', clientId: 'ws-1' });
      socket.send({ type: 'send', to: ben.user.id, clientId: 'ws-2', kind: 'image', mediaId: file.id });
      expect(await socket.next('error')).toMatchObject({ code: 'bad_request', clientId: 'ws-2' });
    } finally {
      await socket.close();
    }
    expect(await messagesOf(ana, chat)).toEqual([]);
    // Any upload may go as a file (a photo sent "as a file").
    expect((await sendMedia(ana, chat, 'file', photo.id)).body.message).toMatchObject({ kind: 'file', media: photo });
  });

  it('forwarding: an image I can see goes to another chat without a new upload; one I cannot see is 404', async () => {
    const photo = await uploadPng(ana);
    expect((await sendMedia(ana, await openChat(server.url, ana, ben), 'image', photo.id)).status).toBe(201);
    const benToCy = await openChat(server.url, ben, cy);
    const forwarded = await sendMedia(ben, benToCy, 'image', photo.id);
    expect(forwarded.status).toBe(201);
    expect(forwarded.body.message.media).toEqual(photo);
    expect(await served(cy, photo.id)).toEqual([200, 200]);

    const dan = await register(server.url, 'dan');
    const hidden = await uploadPng(dan);
    expect((await sendMedia(ben, benToCy, 'image', hidden.id)).status).toBe(404);
    expect(await messagesOf(ben, benToCy)).toHaveLength(1);
  });

  it('recall: the media is served to no one through that message; a forwarded copy keeps its own chat', async () => {
    const photo = await uploadPng(ana);
    const anaToBen = await openChat(server.url, ana, ben);
    const sent = (await sendMedia(ana, anaToBen, 'image', photo.id)).body.message;
    expect(await served(ben, photo.id)).toEqual([200, 200]);
    const recall = await call(server.url, 'POST', `/api/chats/${anaToBen.id}/messages/${sent.seq}/recall`, {
      token: ana.token,
    });
    expect(recall.status).toBe(200);
    expect(await served(ben, photo.id)).toEqual([404, 404]);
    expect(await served(ana, photo.id)).toEqual([404, 404]);
    // Nobody can send it again: not the peer, not the uploader.
    expect((await sendMedia(ben, await openChat(server.url, ben, cy), 'image', photo.id)).status).toBe(404);
    expect((await sendMedia(ana, anaToBen, 'image', photo.id)).status).toBe(404);

    // Forwarded before the recall: the forward is a message of its own pair, and stays.
    const second = await uploadPng(ana);
    const again = (await sendMedia(ana, anaToBen, 'image', second.id)).body.message;
    expect((await sendMedia(ben, await openChat(server.url, ben, cy), 'image', second.id)).status).toBe(201);
    await call(server.url, 'POST', `/api/chats/${anaToBen.id}/messages/${again.seq}/recall`, { token: ana.token });
    expect(await served(cy, second.id)).toEqual([200, 200]);
    expect(await served(ben, second.id)).toEqual([200, 200]);
    expect(await served(ana, second.id)).toEqual([404, 404]);
  });

  it('the sweep of unsent uploads keeps a sent file and removes an unsent one and one whose message was recalled', async () => {
    const chat = await openChat(server.url, ana, ben);
    const sent = await uploadFile(ana);
    const unsent = await uploadFile(ana);
    const recalled = await uploadFile(ana);
    expect((await sendMedia(ana, chat, 'file', sent.id)).status).toBe(201);
    const gone = (await sendMedia(ana, chat, 'file', recalled.id)).body.message;
    await call(server.url, 'POST', `/api/chats/${chat.id}/messages/${gone.seq}/recall`, { token: ana.token });

    // The sweep the media plugin runs hourly, with the app's own rule, as if a day and a minute had passed.
    const later = new Date(Date.now() + UNSENT_TTL_MS + 60_000);
    const { media, mediaAccess } = server.app;
    expect(await sweepUnsent(media, (id) => mediaAccess.inUse(id), later)).toBe(2);
    expect((await fetchBytes(server.url, `/api/media/${sent.id}`, ben.token)).status).toBe(200);
    expect(await media.get(unsent.id)).toBeNull();
    expect(await media.get(recalled.id)).toBeNull();
  });

  it('a restart keeps a sent image served to the peer, and its message carrying it', async () => {
    const bytes = await png(320, 200);
    const photo = (await upload(server.url, ana.token, { name: 'kept.png', type: 'image/png', bytes })).body
      .media as Media;
    const chat = await openChat(server.url, ana, ben);
    expect((await sendMedia(ana, chat, 'image', photo.id)).status).toBe(201);
    await server.close();
    server = await start();
    const got = await fetchBytes(server.url, `/api/media/${photo.id}`, ben.token);
    expect([got.status, got.bytes.length]).toEqual([200, photo.size]);
    expect(await served(cy, photo.id)).toEqual([404, 404]);
    const benChat = (await call<{ chats: Chat[] }>(server.url, 'GET', '/api/chats', { token: ben.token })).body
      .chats[0]!;
    expect((await messagesOf(ben, benChat))[0]).toMatchObject({ kind: 'image', media: photo });
  });
});
