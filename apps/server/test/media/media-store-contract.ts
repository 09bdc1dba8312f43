import { randomBytes, randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaRecord, MediaStore } from '../../src/media/port.ts';

export interface MediaStoreHarness {
  /** A fresh, empty media store. */
  open(): Promise<MediaStore>;
  /** The same data opened again, as after a restart. */
  reopen(store: MediaStore): Promise<MediaStore>;
}

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

export function record(size: number, createdAt = iso(0), extra: Partial<MediaRecord> = {}): MediaRecord {
  return {
    id: randomUUID(),
    kind: 'file',
    ownerId: randomUUID(),
    name: 'notes.txt',
    mime: 'text/plain',
    size,
    createdAt,
    thumbnail: null,
    ...extra,
  };
}

async function bytesOf(stream: Readable | null): Promise<Buffer> {
  if (!stream) throw new Error('no stream');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stream that yields `head` and then fails, as an upload cut off by the client does. */
function failingStream(head: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield head;
      await new Promise((r) => setImmediate(r));
      throw new Error('client went away');
    })(),
  );
}

/** The behaviour every media adapter must have, written once against the port. */
export function mediaStoreContract(name: string, harness: MediaStoreHarness) {
  describe(`media store contract: ${name}`, () => {
    let store: MediaStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('saves bytes and record; get returns the record, open the bytes, whole or a range', async () => {
      // Larger than a GridFS chunk (255 KiB), so ranges cross chunk boundaries.
      const bytes = randomBytes(700 * 1024);
      const r = record(bytes.length, iso(1), { kind: 'image', mime: 'image/png', width: 3, height: 2 });
      const thumb = Buffer.from('thumbnail bytes');
      r.thumbnail = { mime: 'image/webp', size: thumb.length };
      await store.save(r, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), Readable.from([thumb]));

      expect(await store.get(r.id)).toEqual(r);
      expect((await bytesOf(await store.open(r.id, 'original'))).equals(bytes)).toBe(true);
      expect((await bytesOf(await store.open(r.id, 'thumbnail'))).equals(thumb)).toBe(true);
      const start = 255 * 1024 - 10;
      const end = 600 * 1024 + 7;
      const slice = await bytesOf(await store.open(r.id, 'original', { start, end }));
      expect(slice.length).toBe(end - start);
      expect(slice.equals(bytes.subarray(start, end))).toBe(true);
      const last = await bytesOf(await store.open(r.id, 'original', { start: bytes.length - 1, end: bytes.length }));
      expect([...last]).toEqual([bytes[bytes.length - 1]]);
    });

    it('bytes given as files (an upload received in spoolDir) are stored; what the caller then removes does not matter', async () => {
      const dir = await fsp.mkdtemp(path.join(store.spoolDir ?? os.tmpdir(), 'contract-'));
      const bytes = randomBytes(300 * 1024);
      await fsp.writeFile(path.join(dir, 'upload'), bytes);
      await fsp.writeFile(path.join(dir, 'thumb'), 'thumbnail bytes');
      const r = record(bytes.length, iso(1), { thumbnail: { mime: 'image/webp', size: 15 } });
      await store.save(r, { file: path.join(dir, 'upload') }, { file: path.join(dir, 'thumb') });
      await fsp.rm(dir, { recursive: true, force: true });

      expect(await store.get(r.id)).toEqual(r);
      expect((await bytesOf(await store.open(r.id, 'original'))).equals(bytes)).toBe(true);
      expect(await text((await store.open(r.id, 'thumbnail'))!)).toBe('thumbnail bytes');
      store = await harness.reopen(store);
      expect((await bytesOf(await store.open(r.id, 'original'))).equals(bytes)).toBe(true);
    });

    it('a file whose length is not the declared size is refused and nothing is kept', async () => {
      const dir = await fsp.mkdtemp(path.join(store.spoolDir ?? os.tmpdir(), 'contract-'));
      await fsp.writeFile(path.join(dir, 'upload'), 'short');
      const r = record(10);
      await expect(store.save(r, { file: path.join(dir, 'upload') }, null)).rejects.toThrow(/declared/);
      await fsp.rm(dir, { recursive: true, force: true });
      expect(await store.get(r.id)).toBeNull();
      expect(await store.open(r.id, 'original')).toBeNull();
    });

    it('unknown ids and missing thumbnails are null, never an error', async () => {
      expect(await store.get(randomUUID())).toBeNull();
      expect(await store.open(randomUUID(), 'original')).toBeNull();
      const r = record(5);
      await store.save(r, Readable.from([Buffer.from('hello')]), null);
      expect(await store.open(r.id, 'thumbnail')).toBeNull();
      expect(await text((await store.open(r.id, 'original'))!)).toBe('hello');
    });

    it('a save whose stream fails leaves nothing behind: no record, no bytes', async () => {
      const r = record(2000);
      await expect(store.save(r, failingStream(randomBytes(1000)), null)).rejects.toThrow('client went away');
      expect(await store.get(r.id)).toBeNull();
      expect(await store.open(r.id, 'original')).toBeNull();
      expect(await store.listCreatedBefore(iso(10), 10)).toEqual([]);
      // The same id can be saved properly afterwards.
      await store.save({ ...r, size: 3 }, Readable.from([Buffer.from('abc')]), null);
      expect(await store.get(r.id)).toMatchObject({ size: 3 });
    });

    it('a size that does not match the bytes is refused and nothing is kept', async () => {
      const r = record(10);
      await expect(store.save(r, Readable.from([Buffer.from('short')]), null)).rejects.toThrow(/declared/);
      expect(await store.get(r.id)).toBeNull();
    });

    it('delete removes the record and the bytes; a second delete is false', async () => {
      const r = record(3, iso(1), { thumbnail: { mime: 'image/webp', size: 2 } });
      await store.save(r, Readable.from([Buffer.from('abc')]), Readable.from([Buffer.from('th')]));
      expect(await store.delete(r.id)).toBe(true);
      expect(await store.get(r.id)).toBeNull();
      expect(await store.open(r.id, 'original')).toBeNull();
      expect(await store.open(r.id, 'thumbnail')).toBeNull();
      expect(await store.delete(r.id)).toBe(false);
      expect(await store.delete(randomUUID())).toBe(false);
    });

    it('lists records created before a time, oldest first, up to a limit', async () => {
      const made: MediaRecord[] = [];
      for (const t of [5, 1, 3, 9]) {
        const r = record(1, iso(t));
        await store.save(r, Readable.from([Buffer.from('x')]), null);
        made.push(r);
      }
      const ids = (list: MediaRecord[]) => list.map((r) => r.createdAt);
      expect(ids(await store.listCreatedBefore(iso(6), 10))).toEqual([iso(1), iso(3), iso(5)]);
      expect(ids(await store.listCreatedBefore(iso(6), 2))).toEqual([iso(1), iso(3)]);
      expect(await store.listCreatedBefore(iso(1), 10)).toEqual([]);
      expect((await store.listCreatedBefore(iso(100), 10)).map((r) => r.id).sort()).toEqual(
        made.map((r) => r.id).sort(),
      );
    });

    it('what was saved is there after a restart', async () => {
      const r = record(4, iso(2), { kind: 'voice', mime: 'audio/ogg', durationMs: 1500 });
      await store.save(r, Readable.from([Buffer.from('opus')]), null);
      store = await harness.reopen(store);
      expect(await store.get(r.id)).toEqual(r);
      expect(await text((await store.open(r.id, 'original'))!)).toBe('opus');
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
