import Database from 'better-sqlite3';

/** Errors that mean "the database cannot be used right now" (locked, disk full or failing): 503, try again. */
export function isUnavailable(err: unknown): boolean {
  return err instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/.test(err.code);
}

/** A UNIQUE or PRIMARY KEY constraint failed. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT');
}
