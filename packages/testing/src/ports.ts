import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import getPort from 'get-port';

/** The loopback address every helper binds and connects to: tests never listen on a public interface. */
export const LOOPBACK = '127.0.0.1';

/**
 * A TCP port free on the loopback address now, from `get-port`. It stays reserved inside this process for
 * get-port's lock window (15–30 s), so two helpers started together never get the same one; another process could
 * still take it before it is bound, as with any free-port probe.
 */
export function freePort(): Promise<number> {
  return getPort({ host: LOOPBACK });
}

/** The folders {@link tempDir} made in this process: removed when it exits. */
const made: string[] = [];

function removeMade(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh, empty folder under the system's temporary directory, e.g. a server's DATA_DIR. It is removed, with what
 * it holds, when this process exits (a server's DATA_DIR after a bench run holds gigabytes of uploads; without this
 * they piled up in /tmp until the disk was full). A server process started on it must be stopped before that.
 */
export function tempDir(prefix = 'pairchat-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (made.length === 0) process.once('exit', removeMade);
  made.push(dir);
  return dir;
}
