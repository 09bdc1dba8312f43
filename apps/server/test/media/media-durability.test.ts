import { tempDir, dbNameFor, startServerProcess, type RunningServer as Proc } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DiskMediaStore } from '../../src/media/disk/disk-media-store.ts';
import { GridFsMediaStore } from '../../src/media/gridfs/gridfs-media-store.ts';
import type { MediaStore } from '../../src/media/port.ts';
import { register } from '../helpers/client.ts';
import { startServer, TEST_STORE } from '../helpers/server.ts';
import { fetchBytes, mediaEnv, oggOpus, upload } from './fixtures.ts';

const procs: Proc[] = [];
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.stop('SIGKILL')));
});

/** The media store behind a data folder, opened directly, as the server opens it. */
function openMediaOf(dataDir: string): Promise<MediaStore> {
  return TEST_STORE === 'mongodb'
    ? GridFsMediaStore.connect({ uri: mongoUri(), dbName: dbNameFor(dataDir) })
    : Promise.resolve(new DiskMediaStore(dataDir));
}

/** The folders uploads are being received in, under the spool folder of a server on `dataDir` and `tmp`. */
function uploadFolders(dataDir: string, tmp: string): { dir: string; names: string[] } {
  // The disk store receives uploads in its own tmp/ (to move them in); GridFS in the system's temporary folder.
  const dir = TEST_STORE === 'sqlite' ? path.join(dataDir, 'media', 'tmp') : tmp;
  return { dir, names: fs.readdirSync(dir).filter((d) => d.startsWith('pairchat-upload-')) };
}

/**
 * A 20 MB upload that sends 2 MB and then waits, to a server on `dataDir` whose TMPDIR is `tmp`; resolves once the
 * server has spooled some of it (the request is then left hanging; its errors are ignored).
 */
async function stalledUpload(url: string, token: string, dataDir: string, tmp: string): Promise<http.ClientRequest> {
  const boundary = 'pairchat-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const req = http.request(`${url}/api/media`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + 20_000_000 + boundary.length + 8),
    },
  });
  req.on('error', () => undefined); // the server dies or closes under it
  req.write(head);
  req.write(randomBytes(2_000_000));
  const spooled = () => {
    const { dir, names } = uploadFolders(dataDir, tmp);
    return names.some((d) => {
      const file = path.join(dir, d, 'upload');
      return fs.existsSync(file) && fs.statSync(file).size > 0;
    });
  };
  const deadline = Date.now() + 10_000;
  while (!spooled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(spooled()).toBe(true);
  return req;
}

it('a voice recording (Ogg Opus): its duration, served inline as audio, seekable; a broken one is 415', async () => {
  const dataDir = tempDir();
  const server = await startServer({ dataDir, env: mediaEnv(dataDir) });
  try {
    const ana = await register(server.url, 'ana');
    const bytes = oggOpus(2.5);
    const res = await upload(server.url, ana.token, { name: 'voice.ogg', type: 'audio/ogg', bytes });
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ mime: 'audio/ogg', size: bytes.length, durationMs: 2500 });
    const path = `/api/media/${res.body.media.id}`;
    const got = await fetchBytes(server.url, path, ana.token, { range: 'bytes=100-' });
    expect(got.status).toBe(206);
    expect(got.headers.get('content-type')).toBe('audio/ogg');
    expect(got.headers.get('content-disposition')).toMatch(/^inline/);
    expect(got.bytes.equals(bytes.subarray(100))).toBe(true);

    const broken = Buffer.concat([bytes.subarray(0, 30), randomBytes(50)]);
    const bad = await upload(server.url, ana.token, { name: 'voice.ogg', type: 'audio/ogg', bytes: broken });
    expect(bad.status).toBe(415);
    expect(bad.body.error.code).toBe('unsupported_media_type');
  } finally {
    await server.close();
  }
});

it('a restart keeps every uploaded file', async () => {
  const dataDir = tempDir();
  const env = mediaEnv(dataDir);
  const first = await startServer({ dataDir, env });
  const ana = await register(first.url, 'ana');
  const bytes = randomBytes(400_000);
  const res = await upload(first.url, ana.token, { name: 'kept.bin', type: 'application/pdf', bytes });
  expect(res.status).toBe(201);
  await first.close();

  const second = await startServer({ dataDir, env });
  try {
    const got = await fetchBytes(second.url, `/api/media/${res.body.media.id}`, ana.token);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
  } finally {
    await second.close();
  }
});

it('kill -9 in the middle of an upload: the acknowledged file is served after the restart, the half one nowhere', async () => {
  const dataDir = tempDir();
  const spool = tempDir('pairchat-spool-');
  const env = { DATA_DIR: dataDir, TMPDIR: spool, ...mediaEnv(dataDir) };
  const first = await startServerProcess(env);
  procs.push(first);
  const ana = await register(first.url, 'ana');
  const kept = randomBytes(300_000);
  const acked = await upload(first.url, ana.token, { name: 'kept.bin', type: 'x/y', bytes: kept });
  expect(acked.status).toBe(201);

  // The server is killed while it holds a partial upload.
  const req = await stalledUpload(first.url, ana.token, dataDir, spool);
  await first.stop('SIGKILL');
  req.destroy();

  const second = await startServerProcess(env);
  procs.push(second);
  const got = await fetchBytes(second.url, `/api/media/${acked.body.media.id}`, ana.token);
  expect(got.status).toBe(200);
  expect(got.bytes.equals(kept)).toBe(true);
  await second.stop();
  // The only stored media is the acknowledged one.
  const store = await openMediaOf(dataDir);
  try {
    const all = await store.listCreatedBefore('9999-12-31T00:00:00.000Z', 100);
    expect(all.map((m) => m.id)).toEqual([acked.body.media.id]);
  } finally {
    await store.close();
  }
  if (TEST_STORE === 'sqlite') {
    expect(fs.readdirSync(path.join(dataDir, 'media', 'files'))).toEqual([acked.body.media.id]);
    // The half upload's folder went with the restart.
    expect(fs.readdirSync(path.join(dataDir, 'media', 'tmp'))).toEqual([]);
  }
}, 60_000);

it('SIGTERM in the middle of an upload: the server exits within its grace and leaves nothing of the upload behind', async () => {
  const dataDir = tempDir();
  const spool = tempDir('pairchat-spool-');
  const env = { DATA_DIR: dataDir, TMPDIR: spool, SHUTDOWN_TIMEOUT_MS: '2000', ...mediaEnv(dataDir) };
  const server = await startServerProcess(env);
  procs.push(server);
  const ana = await register(server.url, 'ana');
  const req = await stalledUpload(server.url, ana.token, dataDir, spool);
  // The stalled upload holds the shutdown up until the grace's half (1 s), when its connection is cut.
  expect(await server.stop('SIGTERM')).toBe(0);
  req.destroy();
  expect(uploadFolders(dataDir, spool).names).toEqual([]);
}, 60_000);
