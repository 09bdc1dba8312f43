import path from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { startServerProcess, tempDir } from '@pairchat/testing';
import { describe, expect, it } from 'vitest';
import { Conversations } from '../../src/chat/conversations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { DiskMediaStore } from '../../src/media/disk/disk-media-store.ts';
import { newMessage } from '../helpers/store-fixtures.ts';
import { register, TestSocket } from '../helpers/client.ts';
import { png, upload } from '../media/fixtures.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { runTool } from './admin-process.ts';

// The embedded store's backup (MongoDB has mongodump): in the sqlite project only.
describe.skipIf(TEST_STORE === 'mongodb')('pnpm backup / pnpm restore', () => {
  it('a backup taken during a burst of sends restores to a sound store: gap-free seqs per pair, media, new sends', async () => {
    const dataDir = tempDir('pairchat-live-');
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const people = await Promise.all([0, 1, 2].map(() => register(server.url)));
      const [ana, ben, cleo] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
      const photo = await upload(server.url, ana.token, { name: 'p.png', type: 'image/png', bytes: await png(64, 48) });
      const sockets = await Promise.all([ana, ben].map((p) => TestSocket.open(server.wsUrl, p.token)));
      await sockets[0]!.sendMessage(ben.user.id, 'before the burst');
      sockets[0]!.send({
        type: 'send',
        to: ben.user.id,
        clientId: 'photo',
        kind: 'image',
        mediaId: photo.body.media.id,
      });
      await sockets[0]!.next('ack', (f) => f.clientId === 'photo');

      // Two pairs written to without pause while the backup runs, as a separate process, like `pnpm backup`.
      let sending = true;
      const burst = async (socket: TestSocket, to: string) => {
        let sent = 0;
        while (sending) {
          await Promise.all(Array.from({ length: 20 }, () => socket.sendMessage(to, `m${sent++}`)));
        }
        return sent;
      };
      const bursts = [burst(sockets[0]!, ben.user.id), burst(sockets[1]!, cleo.user.id)];
      const dest = path.join(tempDir('pairchat-backups-'), 'backup');
      const made = await runTool(['backup', dest], { DATA_DIR: dataDir });
      sending = false;
      const sent = await Promise.all(bursts);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      expect(sent.every((n) => n > 0)).toBe(true);
      await Promise.all(sockets.map((s) => s.close()));

      const restored = tempDir('pairchat-restored-');
      expect(await runTool(['restore', dest], { DATA_DIR: restored })).toMatchObject({ code: 0 });
      // A second restore never overwrites a store.
      expect((await runTool(['restore', dest], { DATA_DIR: restored })).code).toBe(1);

      const raw = new Database(path.join(restored, 'pairchat.db'), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const pairs = raw
        .prepare<[], { chat_key: string; n: number; top: number }>(
          'SELECT chat_key, COUNT(*) AS n, MAX(seq) AS top FROM messages GROUP BY chat_key',
        )
        .all();
      raw.close();
      // Each pair's messages are seqs 1..n without a gap: a prefix of what was sent, as of one moment.
      expect(pairs).toHaveLength(2);
      for (const pair of pairs) expect(pair.top).toBe(pair.n);

      // The restored store opens and works: a new message gets the next seq, and the photo's bytes are there.
      const store = new SqliteStore(restored);
      const media = new DiskMediaStore(restored);
      try {
        const chats = new Conversations(store);
        const key = pairs.find((p) => p.chat_key.includes(ana.user.id) && p.chat_key.includes(ben.user.id))!;
        const [anaUser, benUser] = await Promise.all([store.users.get(ana.user.id), store.users.get(ben.user.id)]);
        const appended = await chats.append(newMessage(anaUser!, benUser!, 'after restore', new Date().toISOString()));
        expect(appended.message.seq).toBe(key.n + 1);
        expect((await chats.messages(appended.recipientChat!, { limit: 2 })).messages).toHaveLength(2);
        const stream = await media.open(photo.body.media.id, 'original');
        expect(stream).not.toBeNull();
        stream!.destroy();
        expect(await store.users.findByNameKey(randomUUID())).toBeNull();
      } finally {
        await store.close();
        await media.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('refuses an existing folder, a missing store and a folder that is not a backup', async () => {
    const empty = tempDir('pairchat-none-');
    expect((await runTool(['backup', path.join(empty, 'b')], { DATA_DIR: empty })).code).toBe(1);
    expect((await runTool(['restore', empty], { DATA_DIR: tempDir() })).code).toBe(1);
    expect((await runTool(['backup', empty], { DATA_DIR: empty })).code).toBe(1);
  });
});
