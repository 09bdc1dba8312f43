import { tempDir, dbNameFor, startJongodb } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DiskMediaStore } from '../../src/media/disk/disk-media-store.ts';
import { GridFsMediaStore } from '../../src/media/gridfs/gridfs-media-store.ts';
import { MediaUnavailableError, type MediaStore } from '../../src/media/port.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { mediaStoreContract, record } from './media-store-contract.ts';

// The disk adapter in the `sqlite` project, GridFS in the `mongodb` one (where the stand-in server runs).
if (TEST_STORE === 'sqlite') {
  const dirs = new WeakMap<MediaStore, string>();
  mediaStoreContract('disk', {
    open() {
      const dir = tempDir();
      const store = new DiskMediaStore(dir);
      dirs.set(store, dir);
      return Promise.resolve(store);
    },
    async reopen(store) {
      const dir = dirs.get(store)!;
      await store.close();
      const again = new DiskMediaStore(dir);
      dirs.set(again, dir);
      return again;
    },
  });

  describe('disk media store on its own', () => {
    it('folders are 0700 and files 0600; partial and orphan files are removed when opened', async () => {
      const dir = tempDir();
      const store = new DiskMediaStore(dir);
      const r = record(3);
      await store.save(r, Readable.from([Buffer.from('abc')]), null);
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(path.join(dir, 'media'))).toBe(0o700);
      expect(mode(path.join(dir, 'media', 'files'))).toBe(0o700);
      expect(mode(path.join(dir, 'media', 'files', r.id))).toBe(0o600);
      expect(mode(path.join(dir, 'media', 'media.db'))).toBe(0o600);
      await store.close();
      // What a kill -9 can leave: a half-written upload in tmp/, a renamed file whose row was never committed.
      fs.writeFileSync(path.join(dir, 'media', 'tmp', 'x.part'), 'half');
      fs.mkdirSync(path.join(dir, 'media', 'tmp', 'pairchat-upload-x'));
      fs.writeFileSync(path.join(dir, 'media', 'tmp', 'pairchat-upload-x', 'upload'), 'received');
      fs.writeFileSync(path.join(dir, 'media', 'files', 'orphan-id'), 'orphan');
      const again = new DiskMediaStore(dir);
      expect(fs.readdirSync(path.join(dir, 'media', 'tmp'))).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'media', 'files'))).toEqual([r.id]);
      expect(await again.get(r.id)).toMatchObject({ size: 3 });
      await again.close();
    });

    it('uploads are received beside the files, and a received file is moved in, not copied (same inode), 0600', async () => {
      const dir = tempDir();
      const store = new DiskMediaStore(dir);
      expect(store.spoolDir).toBe(path.join(dir, 'media', 'tmp'));
      const received = path.join(fs.mkdtempSync(path.join(store.spoolDir, 'u-')), 'upload');
      fs.writeFileSync(received, 'abc', { mode: 0o644 });
      const inode = fs.statSync(received).ino;
      const r = record(3);
      await store.save(r, { file: received }, null);
      const stored = fs.statSync(path.join(dir, 'media', 'files', r.id));
      expect(stored.ino).toBe(inode);
      expect(stored.mode & 0o777).toBe(0o600);
      expect(fs.existsSync(received)).toBe(false);
      await store.close();
    });

    it('a locked metadata database answers MediaUnavailableError, and works again once free', async () => {
      const dir = tempDir();
      const store = new DiskMediaStore(dir, { busyTimeoutMs: 50 });
      const other = new Database(path.join(dir, 'media', 'media.db'));
      other.exec('BEGIN EXCLUSIVE');
      const r = record(3);
      await expect(store.save(r, Readable.from([Buffer.from('abc')]), null)).rejects.toBeInstanceOf(
        MediaUnavailableError,
      );
      other.exec('ROLLBACK');
      other.close();
      expect(await store.get(r.id)).toBeNull();
      expect(fs.readdirSync(path.join(dir, 'media', 'files'))).toEqual([]);
      await store.save(r, Readable.from([Buffer.from('abc')]), null);
      expect(await store.get(r.id)).toMatchObject({ size: 3 });
      await store.close();
    });
  });
} else {
  const dbNames = new WeakMap<MediaStore, string>();
  const connect = (dbName: string) => GridFsMediaStore.connect({ uri: mongoUri(), dbName, timeoutMs: 5000 });
  mediaStoreContract('gridfs', {
    async open() {
      const dbName = dbNameFor();
      const store = await connect(dbName);
      dbNames.set(store, dbName);
      return store;
    },
    async reopen(store) {
      const dbName = dbNames.get(store)!;
      await store.close();
      const again = await connect(dbName);
      dbNames.set(again, dbName);
      return again;
    },
  });

  describe('gridfs media store on its own', () => {
    it('a database that stops answering gives MediaUnavailableError, not a hang', async () => {
      const server = await startJongodb();
      try {
        const store = await GridFsMediaStore.connect({ uri: server.uri, dbName: dbNameFor(), timeoutMs: 500 });
        const r = record(3);
        await store.save(r, Readable.from([Buffer.from('abc')]), null);
        await server.stop();
        await expect(store.get(r.id)).rejects.toBeInstanceOf(MediaUnavailableError);
        await expect(store.ping()).rejects.toBeInstanceOf(MediaUnavailableError);
        await store.close();
      } finally {
        await server.stop();
      }
    });
  });
}
