import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { MongoStore } from '../src/store/mongo/mongo-store.ts';
import { call, register, TestSocket } from './helpers/client.ts';
import { dbNameFor, startJongodb, type JongoServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { startServer, type TestServer } from './helpers/server.ts';

// Runs in the mongodb test project only (see vitest.config.ts): it drives MongoDB itself.
describe('MongoDB adapter faults', () => {
  let server: TestServer | undefined;
  let mongo: JongoServer | undefined;
  afterEach(async () => {
    await server?.close();
    await mongo?.stop();
    server = undefined;
    mongo = undefined;
  });

  it('when MongoDB goes away: 503 unavailable and error frames, no false ack, no crash; it recovers when MongoDB is back', async () => {
    mongo = await startJongodb();
    const uri = mongo.uri;
    const dbName = dbNameFor();
    server = await startServer({ store: () => MongoStore.connect({ uri, dbName, timeoutMs: 1000 }) });
    const ana = await register(server.url, 'ana');
    const ben = await register(server.url, 'ben');
    const socket = await TestSocket.open(server.wsUrl, ana.token);
    await socket.sendMessage(ben.user.id, 'before the outage');

    await mongo.stop();
    const health = await call(server.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.code).toBe('unavailable');
    const chats = await call(server.url, 'GET', '/api/chats', { token: ana.token });
    expect(chats.status).toBe(503);
    expect(chats.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    socket.send({ type: 'send', to: ben.user.id, clientId: 'during', content: 'during the outage' });
    expect(await socket.next('error', undefined, 10_000)).toMatchObject({ code: 'unavailable', clientId: 'during' });
    expect(socket.all('ack')).toHaveLength(1);

    // The same port again: the driver reconnects by itself. (jongodb keeps data in memory, so it comes back empty.)
    const port = new URL(uri.replace('mongodb://', 'http://')).port;
    mongo = await startJongodb(Number(port));
    const back = await eventuallyStatus(server.url, '/api/health', 200);
    expect(back.body).toMatchObject({ ok: true, store: 'mongodb' });
    const again = await register(server.url, 'cleo');
    expect(again.user.name).toBe('cleo');
    await socket.close();
  });

  it('a crash after the message was stored but before the boxes were updated is repaired by the resend', async () => {
    const { dbName, store, ana, ben, send } = await storeWithPair();
    const first = await send(ana, ben, 'c1', 'one');
    // Step 2 of a send, and nothing after it: the message is stored, the counter and both boxes are not updated.
    const client = await MongoClient.connect(mongoUri());
    const orphan = {
      _id: randomUUID(),
      chatKey: first.message.chatKey,
      seq: 2,
      from: ana.id,
      to: ben.id,
      name: 'ana',
      content: 'two',
      date: new Date().toISOString(),
      clientId: 'c2',
    };
    await client.db(dbName).collection<{ _id: string }>('messages').insertOne(orphan);
    expect((await store.chats.listVisible(ben.id))[0]).toMatchObject({ unread: 1, latest: { seq: 1 } });

    // The client never got an ack, so it resends with the same clientId.
    const resent = await send(ana, ben, 'c2', 'two');
    expect(resent).toMatchObject({ created: false, message: { id: orphan._id, seq: 2 } });
    expect((await store.chats.listVisible(ben.id))[0]).toMatchObject({ unread: 2, latest: { seq: 2 } });
    expect((await store.chats.listVisible(ana.id))[0]).toMatchObject({ latest: { seq: 2 } });
    // The counter caught up: the next send is 3, with no gap and no clash.
    expect((await send(ben, ana, 'c3')).message.seq).toBe(3);
    await client.close();
    await store.close();
  });

  it('a lagging counter (a crash before step 3) costs one clash, not a gap or a duplicate seq', async () => {
    const { dbName, store, ana, ben, send } = await storeWithPair();
    const first = await send(ana, ben, 'a');
    const client = await MongoClient.connect(mongoUri());
    await client
      .db(dbName)
      .collection<{ _id: string; lastSeq: number }>('pairs')
      .updateOne({ _id: first.message.chatKey }, { $set: { lastSeq: 0 } });
    expect((await send(ana, ben, 'b')).message.seq).toBe(2);
    expect((await send(ana, ben, 'c')).message.seq).toBe(3);
    await client.close();
    await store.close();
  });
});

/** A MongoStore on a fresh database with two people in it, and a way to send between them. */
async function storeWithPair() {
  const dbName = dbNameFor();
  const store = await MongoStore.connect({ uri: mongoUri(), dbName });
  const ana = { id: randomUUID(), name: 'ana' };
  const ben = { id: randomUUID(), name: 'ben' };
  for (const u of [ana, ben]) {
    await store.users.create({ ...u, nameKey: u.name, passwordHash: 'h', createdAt: new Date().toISOString() });
  }
  const send = (from: typeof ana, to: typeof ana, clientId: string, content = clientId) =>
    store.messages.append({
      id: randomUUID(),
      from,
      to,
      clientId,
      kind: 'text',
      content,
      media: null,
      replyTo: null,
      date: new Date().toISOString(),
      newChatIds: { sender: randomUUID(), recipient: randomUUID() },
    });
  return { dbName, store, ana, ben, send };
}

async function eventuallyStatus(base: string, path: string, status: number, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    const res = await call(base, 'GET', path);
    if (res.status === status || Date.now() - start > timeoutMs) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}
