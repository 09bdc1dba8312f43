import fs from 'node:fs';
import path from 'node:path';

/** Owner only: read, write and enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner only: read and write. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes `dir` (created with its parents if missing) readable by the server's user alone: the folder 0700, and every
 * file and folder directly in it that other users could reach tightened to 0600 / 0700, so a data folder made by
 * an older version (755 and 644) is fixed at start. Symbolic links are left alone; subfolders' contents are their
 * owner's to tighten (call this for each folder that holds files). Throws the filesystem's error (EACCES, EPERM…).
 */
export function ensurePrivateDir(dir: string): void {
  privateFolder(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile()) tighten(full, PRIVATE_FILE_MODE);
    else if (entry.isDirectory()) tighten(full, PRIVATE_DIR_MODE);
  }
}

/**
 * Makes `dir` (created with its parents if missing) 0700, leaving what it holds alone: for a folder of many files
 * that are each written private (the media store's `files/`), where `ensurePrivateDir` would stat every one at start.
 */
export function privateFolder(dir: string): void {
  makeDirs(dir, PRIVATE_DIR_MODE);
  tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * The path of `name` in the private folder `dir`, created empty with mode 0600 if missing, so that a library that
 * opens it afterwards (SQLite, which also gives its -wal and -shm files the database file's mode) never makes it
 * world-readable. Every file the server stores (the database, media) goes through here or `ensurePrivateDir`.
 */
export function privateFile(dir: string, name: string): string {
  ensurePrivateDir(dir);
  const file = path.join(dir, name);
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE);
  return file;
}

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdirSync(…, { recursive: true })` never returns when a parent that
 * exists refuses new entries with ENOENT (`DATA_DIR=/proc/nope` hung the start, found by a newcomer's probe); made
 * level by level, that is an ENOENT thrown at once.
 */
function makeDirs(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d, { mode });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    }
  }
}

function tighten(target: string, mode: number): void {
  if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
}
