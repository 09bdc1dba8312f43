import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { tempDir } from '@pairchat/testing';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The usual umask, under which a folder is made 755 and a file 644 unless the server asks for less.
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const DB_FILES = ['pairchat.db', 'pairchat.db-wal', 'pairchat.db-shm'];

/** Modes of the data folder and the database files, while the server holds them open after a write. */
async function modesAfterUse(dataDir: string): Promise<Record<string, number>> {
  server = await startServer({ dataDir });
  await register(server.url);
  const modes: Record<string, number> = { '.': modeOf(dataDir) };
  for (const f of DB_FILES) modes[f] = modeOf(path.join(dataDir, f));
  return modes;
}

const PRIVATE = { '.': 0o700, 'pairchat.db': 0o600, 'pairchat.db-wal': 0o600, 'pairchat.db-shm': 0o600 };

describe.skipIf(TEST_STORE === 'mongodb')('the data folder is readable by the server’s user alone', () => {
  it('a new DATA_DIR is created 0700 and the database, -wal and -shm files 0600', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    expect(await modesAfterUse(dataDir)).toEqual(PRIVATE);
  });

  it('an existing folder left open by an older version is tightened at start', async () => {
    const dataDir = tempDir();
    await modesAfterUse(dataDir);
    await server!.close();
    server = undefined;
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'left by hand', { mode: 0o644 });
    for (const f of ['pairchat.db', 'notes.txt']) fs.chmodSync(path.join(dataDir, f), 0o644);
    expect(await modesAfterUse(dataDir)).toEqual(PRIVATE);
    expect(modeOf(path.join(dataDir, 'notes.txt'))).toBe(0o600);
  });
});

describe.skipIf(TEST_STORE === 'mongodb')('a DATA_DIR that cannot be made', () => {
  it('under /proc: the server says so and exits at once, where a recursive mkdir of Node 20 hung', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, DATA_DIR: '/proc/pairchat-nope/data', PORT: '0', HOST: '127.0.0.1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/failed to start: ENOENT.*\/proc\/pairchat-nope/);
  });
});
