import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { PRIVATE_FILE_MODE, privateFile, privateFolder } from '../../private-files.ts';
import { FLUSH_AFTER_BYTES, FlushingFileStream } from '../flushing-file-stream.ts';
import {
  MEDIA_ID_PATTERN,
  MediaUnavailableError,
  type ByteRange,
  type MediaBytes,
  type MediaCursor,
  type MediaRecord,
  type MediaStore,
  type MediaVariant,
} from '../port.ts';

/** Errors that mean "the disk or the database cannot be used now", not "this request is wrong". */
const UNAVAILABLE_CODES =
  /^(ENOSPC|EIO|EROFS|EDQUOT|EMFILE|ENFILE|SQLITE_BUSY|SQLITE_LOCKED|SQLITE_FULL|SQLITE_IOERR|SQLITE_CANTOPEN|SQLITE_READONLY)/;

function unavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.test(code);
}

interface Row {
  record: string;
}

/** fsync of a folder, so a rename or a new file in it survives a power cut (POSIX leaves it to the caller). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Media on local disk, beside the embedded store: `DATA_DIR/media/files/<id>` (and `<id>.thumb`), metadata in a
 * small SQLite database of its own (`media.db`), so the media module does not reach into the chat store's schema,
 * and the sweep of old uploads is an indexed query rather than a scan of the folder. Folders are 0700 and files
 * 0600: only the server's user reads them.
 *
 * Write order: bytes to `tmp/`, fsync, rename into `files/`, fsync `files/`, then the row (SQLite, synchronous
 * FULL). The row is the commit point: a crash before it leaves an orphan file, never a record without bytes;
 * orphans and partial files are removed when the store is opened. Uploads are received in `tmp/` too
 * (`spoolDir`), so a received file is fsynced and renamed into `files/`, written to the disk once.
 */
export class DiskMediaStore implements MediaStore {
  readonly name = 'disk';
  private readonly db: Database.Database;
  private readonly filesDir: string;
  private readonly tmpDir: string;

  constructor(dataDir: string, opts: { busyTimeoutMs?: number } = {}) {
    const root = path.join(dataDir, 'media');
    this.filesDir = path.join(root, 'files');
    this.tmpDir = path.join(root, 'tmp');
    for (const dir of [this.filesDir, this.tmpDir]) privateFolder(dir);
    // root and media.db 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode).
    this.db = new Database(privateFile(root, 'media.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 2000}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS media (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      record TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS media_created_at ON media (created_at);`);
    this.removeLeftovers();
  }

  /** Uploads are received in tmp/, beside files/, so `save` moves them in with a rename. */
  get spoolDir(): string {
    return this.tmpDir;
  }

  /** Partial uploads in tmp/ (files, and the folders uploads are received in) and files whose row was never written. */
  private removeLeftovers(): void {
    for (const name of fs.readdirSync(this.tmpDir)) {
      fs.rmSync(path.join(this.tmpDir, name), { force: true, recursive: true });
    }
    const known = this.db.prepare<[string], { id: string }>('SELECT id FROM media WHERE id = ?');
    for (const name of fs.readdirSync(this.filesDir)) {
      const id = name.replace(/\.thumb$/, '');
      if (!known.get(id)) fs.rmSync(path.join(this.filesDir, name), { force: true });
    }
  }

  private pathOf(id: string, variant: MediaVariant): string {
    if (!MEDIA_ID_PATTERN.test(id)) throw new Error(`not a media id: ${JSON.stringify(id)}`);
    return path.join(this.filesDir, variant === 'original' ? id : `${id}.thumb`);
  }

  private async guard<T>(op: () => Promise<T> | T): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (unavailable(err)) throw new MediaUnavailableError((err as Error).message);
      throw err;
    }
  }

  /**
   * Puts the bytes at `dest`, durably: a file given by path is fsynced and renamed there (moved, not copied; a copy
   * only if it is on another file system), a stream is written to tmp/ first. Returns the bytes' length.
   */
  private async writeFile(bytes: MediaBytes, dest: string): Promise<number> {
    if (!('file' in bytes)) return this.writeStream(bytes, dest);
    const handle = await fsp.open(bytes.file, 'r+');
    let size: number;
    try {
      await handle.chmod(PRIVATE_FILE_MODE);
      size = (await handle.stat()).size;
      await handle.datasync();
    } finally {
      await handle.close();
    }
    try {
      await fsp.rename(bytes.file, dest);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EXDEV') throw err;
      return this.writeStream(fs.createReadStream(bytes.file), dest);
    }
    return size;
  }

  /** Streams into tmp/, fsyncs, renames into place. Returns the bytes written. */
  private async writeStream(stream: Readable, dest: string): Promise<number> {
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    let bytes = 0;
    try {
      await pipeline(
        stream,
        async function* count(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            yield chunk;
          }
        },
        // Flushed every MiB as it comes, and once more before it finishes; the pipeline settles after the close.
        new FlushingFileStream(tmp, { mode: PRIVATE_FILE_MODE, flushAfterBytes: FLUSH_AFTER_BYTES, syncAtEnd: true }),
      );
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await fsp.rename(tmp, dest);
    return bytes;
  }

  save(record: MediaRecord, original: MediaBytes, thumbnail: MediaBytes | null): Promise<void> {
    return this.guard(async () => {
      const written: string[] = [];
      try {
        const originalPath = this.pathOf(record.id, 'original');
        const size = await this.writeFile(original, originalPath);
        written.push(originalPath);
        if (size !== record.size) throw new Error(`media ${record.id}: ${size} bytes written, ${record.size} declared`);
        if (thumbnail) {
          const thumbPath = this.pathOf(record.id, 'thumbnail');
          await this.writeFile(thumbnail, thumbPath);
          written.push(thumbPath);
        }
        await syncDir(this.filesDir);
        this.db
          .prepare('INSERT INTO media (id, created_at, record) VALUES (?, ?, ?)')
          .run(record.id, record.createdAt, JSON.stringify(record));
      } catch (err) {
        await Promise.all(written.map((p) => fsp.rm(p, { force: true })));
        throw err;
      }
    });
  }

  get(id: string): Promise<MediaRecord | null> {
    return this.guard(() => {
      const row = this.db.prepare<[string], Row>('SELECT record FROM media WHERE id = ?').get(id);
      return row ? (JSON.parse(row.record) as MediaRecord) : null;
    });
  }

  open(id: string, variant: MediaVariant, range?: ByteRange): Promise<Readable | null> {
    return this.guard(async () => {
      if (!MEDIA_ID_PATTERN.test(id) || !this.db.prepare('SELECT 1 FROM media WHERE id = ?').get(id)) return null;
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(this.pathOf(id, variant), 'r');
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') return null;
        throw err;
      }
      // Node's `end` is inclusive; the port's is exclusive. An empty range never reaches here (the route answers 416).
      return handle.createReadStream(range ? { start: range.start, end: range.end - 1 } : {});
    });
  }

  delete(id: string): Promise<boolean> {
    return this.guard(async () => {
      const { changes } = this.db.prepare('DELETE FROM media WHERE id = ?').run(id);
      if (changes === 0 || !MEDIA_ID_PATTERN.test(id)) return false;
      await fsp.rm(this.pathOf(id, 'original'), { force: true });
      await fsp.rm(this.pathOf(id, 'thumbnail'), { force: true });
      return true;
    });
  }

  listCreatedBefore(before: string, limit: number, after?: MediaCursor): Promise<MediaRecord[]> {
    return this.guard(() =>
      this.db
        .prepare<[string, string, string, string, number], Row>(
          `SELECT record FROM media WHERE created_at < ? AND (created_at > ? OR (created_at = ? AND id > ?))
           ORDER BY created_at, id LIMIT ?`,
        )
        .all(before, after?.createdAt ?? '', after?.createdAt ?? '', after?.id ?? '', limit)
        .map((r) => JSON.parse(r.record) as MediaRecord),
    );
  }

  ping(): Promise<void> {
    return this.guard(() => {
      this.db.prepare('SELECT 1').get();
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
