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

/** A fresh, empty folder under the system's temporary directory, e.g. a server's DATA_DIR. */
export function tempDir(prefix = 'pairchat-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
