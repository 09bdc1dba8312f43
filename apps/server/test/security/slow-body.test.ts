import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '@pairchat/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register, type Person } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { mediaEnv } from '../media/fixtures.ts';
import { RawClient } from './raw-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes `total` bytes in pieces of `piece` every `everyMs` until done, the server closes, or 8 s have passed;
 * returns how many were written and how long it took.
 */
async function drip(client: RawClient, total: number, piece: number, everyMs: number) {
  const started = Date.now();
  let sent = 0;
  while (sent < total && !client.socket.destroyed && Date.now() - started < 8000) {
    const n = Math.min(piece, total - sent);
    await client.write('a'.repeat(n)).catch(() => undefined);
    sent += n;
    if (sent < total) await sleep(everyMs);
  }
  return { sent, ms: Date.now() - started };
}

// A body must keep coming at BODY_MIN_RATE once it has had BODY_TIMEOUT_SECONDS (plugins/body-rate.ts): here 1 s,
// then 2,000 bytes a second.
describe(`slow request bodies (${TEST_STORE})`, () => {
  let server: TestServer;
  let dataDir: string;
  let ana: Person;
  const port = () => Number(new URL(server.url).port);
  beforeEach(async () => {
    dataDir = tempDir();
    server = await startServer({
      dataDir,
      env: { ...mediaEnv(dataDir), BODY_TIMEOUT_SECONDS: '1', BODY_MIN_RATE: '2000' },
    });
    ana = await register(server.url, 'ana');
  });
  afterEach(async () => {
    await server.close();
  });

  it('a JSON body that drips a byte at a time is cut soon after the grace; a steady one is answered', async () => {
    const slow = await RawClient.connect(port());
    await slow.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{',
    );
    const dripped = await drip(slow, 60_000, 1, 100);
    // Cut within a few seconds (1 s of grace, then a check a second), long before the 100 minutes it asked for.
    expect(dripped.ms).toBeLessThan(5000);
    await slow.closed;
    expect(slow.received).toBe('');

    // 16 KiB at 8 KiB a second (above the rate): slower than the grace, and answered.
    const body = JSON.stringify({ name: 'ana', password: 'x'.repeat(16_000) });
    const steady = await RawClient.connect(port());
    await steady.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    for (let i = 0; i < body.length; i += 800) {
      await steady.write(body.slice(i, i + 800));
      await sleep(100);
    }
    await steady.waitFor(/^HTTP\/1\.1 400 /);
    steady.destroy();
  }, 30_000);

  it('an upload that drips is cut, and its spool folder goes with it', async () => {
    const boundary = 'b';
    const client = await RawClient.connect(port());
    await client.write(
      `POST /api/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ana.token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 500000\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\n\r\n`,
    );
    const dripped = await drip(client, 500_000, 10, 100);
    expect(dripped.ms).toBeLessThan(5000);
    await client.closed;
    if (TEST_STORE === 'sqlite') {
      await expect.poll(() => fs.readdirSync(path.join(dataDir, 'media', 'tmp'))).toEqual([]);
    }
    // The server is fine.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 30_000);
});
