import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_FILE_MODE, privateFolder } from '../private-files.ts';
import { AdminError } from './admin-error.ts';

/** What a backup folder holds, beside the files: written last, so a folder without it is not a finished backup. */
export const MANIFEST = 'pairchat-backup.json';
/** The embedded store's files under DATA_DIR, and so under a backup folder (see `store/sqlite/sqlite-store.ts`). */
export const CHAT_DB = 'pairchat.db';
/** The disk media store's metadata and bytes (see `media/disk/disk-media-store.ts`). */
export const MEDIA_DB = path.join('media', 'media.db');
export const MEDIA_FILES = path.join('media', 'files');

export interface Manifest {
  format: 1;
  createdAt: string;
  mediaFiles: number;
}

/**
 * `pnpm backup <dir>`: a consistent online backup of the embedded store into a new folder, while the server runs.
 * 1. `pairchat.db` through SQLite's online backup API (better-sqlite3's `db.backup()`): a snapshot of one moment,
 *    taken page by page without stopping the server's writes (a page changed meanwhile restarts the copy).
 * 2. then `media/media.db` the same way: later than the chat snapshot, so every media id a backed-up message names
 *    is in it (unless it was deleted in between, and then it is served to no one anyway).
 * 3. then the bytes of exactly the media that backed-up `media.db` lists (`files/<id>` and `<id>.thumb`): media
 *    files never change once stored, and a row is written only after its bytes (the disk store's commit order), so
 *    each one exists; one deleted during the copy is dropped from the backup's `media.db`.
 * 4. both copies pass `PRAGMA integrity_check`; the manifest is written last.
 * The folder must not exist. Restore with `pnpm restore <dir>` (`restore.ts`).
 */
export async function backup(dataDir: string, dest: string): Promise<Manifest> {
  const source = path.join(dataDir, CHAT_DB);
  if (!fs.existsSync(source)) throw new AdminError(`no embedded store at ${source}`);
  if (fs.existsSync(dest)) throw new AdminError(`${dest} exists: a backup goes into a new folder`);
  privateFolder(path.join(dest, MEDIA_FILES));
  await copyDatabase(source, path.join(dest, CHAT_DB));
  const mediaSource = path.join(dataDir, MEDIA_DB);
  let mediaFiles = 0;
  if (fs.existsSync(mediaSource)) {
    await copyDatabase(mediaSource, path.join(dest, MEDIA_DB));
    mediaFiles = await copyMediaFiles(path.join(dataDir, MEDIA_FILES), dest);
  }
  for (const db of [CHAT_DB, MEDIA_DB]) if (fs.existsSync(path.join(dest, db))) checkIntegrity(path.join(dest, db));
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), mediaFiles };
  await fsp.writeFile(path.join(dest, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  return manifest;
}

/** SQLite's online backup of a live database (the server may be writing to it meanwhile). */
async function copyDatabase(source: string, dest: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest);
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode; as a rollback-journal database it is one self-contained file (the server
  // turns WAL on again when it opens a restored store).
  const copy = new Database(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fs.chmodSync(dest, PRIVATE_FILE_MODE);
}

async function copyMediaFiles(filesDir: string, dest: string): Promise<number> {
  const db = new Database(path.join(dest, MEDIA_DB));
  try {
    const ids = db.prepare<[], { id: string }>('SELECT id FROM media').all();
    const drop = db.prepare('DELETE FROM media WHERE id = ?');
    let copied = 0;
    for (const { id } of ids) {
      try {
        await fsp.copyFile(path.join(filesDir, id), path.join(dest, MEDIA_FILES, id));
        const thumb = path.join(filesDir, `${id}.thumb`);
        if (fs.existsSync(thumb)) await fsp.copyFile(thumb, path.join(dest, MEDIA_FILES, `${id}.thumb`));
        copied += 1;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        drop.run(id);
      }
    }
    return copied;
  } finally {
    db.close();
  }
}

/** @throws AdminError unless SQLite's `integrity_check` answers `ok`. */
export function checkIntegrity(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new AdminError(`${file} fails integrity_check: ${String(result)}`);
  } finally {
    db.close();
  }
}
