import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE, privateFolder } from '../private-files.ts';
import { AdminError } from './admin-error.ts';
import { CHAT_DB, checkIntegrity, MANIFEST, MEDIA_DB, MEDIA_FILES } from './backup.ts';

/**
 * `pnpm restore <dir>`: puts a backup folder made by `pnpm backup` into DATA_DIR, with the server stopped. DATA_DIR
 * must hold no store yet (a restore never overwrites data: move the old folder away first). Checks the backup's
 * databases with `integrity_check` before copying; files and folders get the server's private modes (0600, 0700).
 */
export async function restore(backupDir: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(path.join(backupDir, MANIFEST))) {
    throw new AdminError(`${backupDir} is not a finished pairchat backup (no ${MANIFEST})`);
  }
  if (fs.existsSync(path.join(dataDir, CHAT_DB)) || fs.existsSync(path.join(dataDir, MEDIA_DB))) {
    throw new AdminError(`${dataDir} already holds a store: restore into an empty DATA_DIR`);
  }
  for (const db of [CHAT_DB, MEDIA_DB])
    if (fs.existsSync(path.join(backupDir, db))) checkIntegrity(path.join(backupDir, db));
  privateFolder(path.join(dataDir, MEDIA_FILES));
  const copy = async (relative: string) => {
    const to = path.join(dataDir, relative);
    await fsp.copyFile(path.join(backupDir, relative), to, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(to, PRIVATE_FILE_MODE);
  };
  await copy(CHAT_DB);
  if (fs.existsSync(path.join(backupDir, MEDIA_DB))) await copy(MEDIA_DB);
  for (const name of await fsp.readdir(path.join(backupDir, MEDIA_FILES))) await copy(path.join(MEDIA_FILES, name));
}
