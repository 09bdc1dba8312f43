import Database from 'better-sqlite3';
import { privateFile } from '../../private-files.ts';

/** Why a server could not take the embedded store's data folder: another server process holds it. */
export class DataDirTakenError extends Error {}

/**
 * Takes the embedded store's data folder for this process, for as long as it lives: an exclusive SQLite lock on
 * `<dataDir>/server.lock` (a POSIX advisory lock, `locking_mode=EXCLUSIVE` with a transaction left open), which the
 * operating system drops when the process ends, however it ends (`kill -9` included), so there is no stale lock.
 * Two servers on one folder would each deliver live only to their own sockets; the second now refuses to start.
 * The admin tool and `pnpm backup` do not take it: they are meant to run beside the server.
 * @throws DataDirTakenError when another process holds it.
 */
export function holdDataDir(dataDir: string): void {
  const db = new Database(privateFile(dataDir, 'server.lock'));
  db.pragma('locking_mode = EXCLUSIVE');
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DataDirTakenError(`another pairchat server is running on DATA_DIR ${dataDir} (one process per folder)`);
    }
    throw err;
  }
  // Held until the process ends: the handle is kept alive by this module.
  held.push(db);
}

const held: Database.Database[] = [];
