import { tempDir } from '@pairchat/testing';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, register, type Person } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { RawClient } from '../security/raw-client.ts';
import { animatedGif, fetchBytes, hasGpsIfd, jpegWithExif, mediaEnv, png, pngBomb, upload } from './fixtures.ts';

describe(`media over HTTP (${TEST_STORE})`, () => {
  let server: TestServer;
  let ana: Person;
  let ben: Person;
  let dataDir: string;
  /**
   * What is left where uploads are received: the disk store's own tmp/ (so a received file can be moved in); the
   * GridFS server uses the system's temporary folder, shared with other tests, so nothing is said of it there. Polled:
   * the folder is removed just after the answer is sent.
   */
  const spoolLeft = () => (TEST_STORE === 'sqlite' ? fs.readdirSync(path.join(dataDir, 'media', 'tmp')) : []);
  beforeEach(async () => {
    dataDir = tempDir();
    server = await startServer({ dataDir, env: { ...mediaEnv(dataDir), MEDIA_MAX_BYTES: String(2 * 1024 * 1024) } });
    ana = await register(server.url, 'ana');
    ben = await register(server.url, 'ben');
  });
  afterEach(async () => {
    await server.close();
  });

  it('a PNG: 201 with its measures; served with its type, nosniff, inline, immutable caching; a thumbnail ≤ 480 px', async () => {
    const bytes = await png(1200, 600);
    const res = await upload(server.url, ana.token, { name: 'wide.png', type: 'image/png', bytes });
    expect(res.status).toBe(201);
    const { media } = res.body;
    expect(media).toEqual({
      id: media.id,
      name: 'wide.png',
      mime: 'image/png',
      size: media.size,
      width: 1200,
      height: 600,
    });

    const got = await fetchBytes(server.url, `/api/media/${media.id}`, ana.token);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(got.headers.get('content-disposition')).toMatch(/^inline; filename="wide.png"/);
    expect(got.bytes.length).toBe(media.size);
    expect(await sharp(got.bytes).metadata()).toMatchObject({ format: 'png', width: 1200, height: 600 });

    const thumb = await fetchBytes(server.url, `/api/media/${media.id}/thumbnail`, ana.token);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: 'webp', width: 480, height: 240 });
  });

  it('a JPEG from a phone: EXIF orientation applied, GPS and every other tag gone from what is served', async () => {
    const bytes = await jpegWithExif(300, 200);
    const before = await sharp(bytes).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from('PairPhone'))).toBe(true);
    expect(hasGpsIfd(before.exif)).toBe(true);

    const res = await upload(server.url, ana.token, { name: 'IMG_0001.JPG', type: 'image/jpeg', bytes });
    expect(res.status).toBe(201);
    // Seen upright: the sides are swapped.
    expect(res.body.media).toMatchObject({ mime: 'image/jpeg', width: 200, height: 300 });
    const served = await fetchBytes(server.url, `/api/media/${res.body.media.id}`, ana.token);
    const after = await sharp(served.bytes).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('PairPhone'))).toBe(false);
  });

  it('an animated GIF stays animated, and so does its thumbnail', async () => {
    const bytes = await animatedGif(40, 30, 3);
    const res = await upload(server.url, ana.token, { name: 'wave.gif', type: 'image/gif', bytes });
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ mime: 'image/gif', width: 40, height: 30, animated: true });
    const served = await fetchBytes(server.url, `/api/media/${res.body.media.id}`, ana.token);
    expect(await sharp(served.bytes, { animated: true }).metadata()).toMatchObject({ format: 'gif', pages: 3 });
    const thumb = await fetchBytes(server.url, `/api/media/${res.body.media.id}/thumbnail`, ana.token);
    expect(await sharp(thumb.bytes, { animated: true }).metadata()).toMatchObject({ format: 'webp', pages: 3 });
  });

  it('range requests: 206 with Content-Range, suffix ranges (one longer than the file too), 416 beyond the end, If-Range; ETag and 304', async () => {
    const bytes = randomBytes(1000);
    const res = await upload(server.url, ana.token, { name: 'data.bin', type: 'application/octet-stream', bytes });
    expect(res.status).toBe(201);
    const path = `/api/media/${res.body.media.id}`;
    const whole = await fetchBytes(server.url, path, ana.token);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const etag = whole.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);

    const part = await fetchBytes(server.url, path, ana.token, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(part.bytes.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await fetchBytes(server.url, path, ana.token, { range: 'bytes=-5' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(bytes.subarray(995))).toBe(true);
    // RFC 9110 §14.1.2: a suffix longer than the file is the whole file; a suffix of nothing is unsatisfiable.
    const longSuffix = await fetchBytes(server.url, path, ana.token, { range: 'bytes=-5000' });
    expect(longSuffix.status).toBe(206);
    expect(longSuffix.headers.get('content-range')).toBe('bytes 0-999/1000');
    expect(longSuffix.bytes.equals(bytes)).toBe(true);
    expect((await fetchBytes(server.url, path, ana.token, { range: 'bytes=-0' })).status).toBe(416);
    const beyond = await fetchBytes(server.url, path, ana.token, { range: 'bytes=5000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    const stale = await fetchBytes(server.url, path, ana.token, { range: 'bytes=0-1', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.length).toBe(1000);

    const head = await fetch(server.url + path, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${ana.token}`, connection: 'close' },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');

    const cached = await fetchBytes(server.url, path, ana.token, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.bytes.length).toBe(0);
    expect((await fetchBytes(server.url, path, ana.token, { 'if-none-match': '"nope"' })).status).toBe(200);
  });

  it('anything but a checked image or audio is an attachment: an SVG never renders inline', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = await upload(server.url, ana.token, { name: 'x.svg', type: 'image/svg+xml', bytes: svg });
    expect(res.status).toBe(201);
    expect(res.body.media.mime).not.toMatch(/svg|html|xml/);
    const got = await fetchBytes(server.url, `/api/media/${res.body.media.id}`, ana.token);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="x.svg"/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect((await fetchBytes(server.url, `/api/media/${res.body.media.id}/thumbnail`, ana.token)).status).toBe(404);
  });

  it('only the uploader sees it: another person gets the same 404 as for an unknown id; no session is 401', async () => {
    const res = await upload(server.url, ana.token, { name: 'a.png', type: 'image/png', bytes: await png(10, 10) });
    const id = res.body.media.id;
    for (const path of [`/api/media/${id}`, `/api/media/${id}/thumbnail`]) {
      const other = await call(server.url, 'GET', path, { token: ben.token });
      expect(other.status).toBe(404);
      expect(other.body).toEqual({ error: { code: 'not_found', message: 'no such media' } });
    }
    const unknown = await call(server.url, 'GET', '/api/media/00000000-0000-4000-8000-000000000000', {
      token: ben.token,
    });
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: 'no such media' } });
    expect((await call(server.url, 'GET', `/api/media/${id}`)).status).toBe(401);
    const anonymous = await fetch(`${server.url}/api/media`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });

  it('413 over MEDIA_MAX_BYTES, and a file of exactly the limit is taken', async () => {
    const limit = 2 * 1024 * 1024;
    const over = await upload(server.url, ana.token, { name: 'big.bin', type: 'x/y', bytes: randomBytes(limit + 1) });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('payload_too_large');
    const at = await upload(server.url, ana.token, { name: 'big.bin', type: 'x/y', bytes: randomBytes(limit) });
    expect(at.status).toBe(201);
    expect(at.body.media.size).toBe(limit);
    await expect.poll(spoolLeft).toEqual([]);
  });

  it('a body longer than a file of the limit and its form is 413 before it is read, whatever lies outside the file', async () => {
    const boundary = 'pairchat-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="small.bin"\r\n\r\nabc\r\n--${boundary}--\r\n`;
    for (const body of [
      Buffer.concat([Buffer.alloc(3 * 1024 * 1024, 0x20), Buffer.from(`\r\n${part}`)]), // a 3 MiB preamble
      Buffer.concat([Buffer.from(part), Buffer.alloc(3 * 1024 * 1024, 0x20)]), // a 3 MiB epilogue
    ]) {
      const res = await fetch(`${server.url}/api/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    }
    // Without a declared length (chunked), more than a form's overhead after the closing boundary is 413 as well.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(part));
        for (let i = 0; i < 48; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    const refused = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: chunked,
      duplex: 'half',
    });
    expect(refused.status).toBe(413);
    expect((await upload(server.url, ana.token, { name: 'ok.bin', type: 'x/y', bytes: randomBytes(10) })).status).toBe(
      201,
    );
  });

  it('uploads pipelined on one connection are each taken, with no listener piling up on the shared socket', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const boundary = 'b';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.txt"\r\n\r\npipelined\r\n--${boundary}--\r\n`;
      const request =
        `POST /api/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ana.token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      const client = await RawClient.connect(Number(new URL(server.url).port));
      await client.write(request.repeat(12));
      await client.waitFor(/(HTTP\/1\.1 201[\s\S]*){12}/, 10_000);
      client.destroy();
      // Warnings are emitted on the next tick.
      await new Promise((r) => setTimeout(r, 50));
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a chunked file over the limit is answered 413, not reset; an endless one is cut after the linger', async () => {
    const boundary = 'pairchat-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`;
    // 3 MiB against a limit of 2: the answer comes while the rest is still being sent, read and dropped meanwhile.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
        for (let i = 0; i < 48; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x41));
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

    // A body that never ends: the server drops at most MEDIA_MAX_BYTES more after the answer, then closes.
    const client = await RawClient.connect(Number(new URL(server.url).port));
    await client.write(
      `POST /api/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ana.token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = (bytes: Buffer) => `${bytes.length.toString(16)}\r\n${bytes.toString('latin1')}\r\n`;
    await client.write(chunk(Buffer.from(head)));
    const block = chunk(Buffer.alloc(64 * 1024, 0x41));
    let sent = 0;
    // 200 MiB is far past the limit, the linger and what loopback buffers hold: the server must close before. A
    // write resolves once the kernel has taken it, and fails once the server has cut the connection.
    while (!client.socket.destroyed && sent < 200 * 1024 * 1024) {
      sent += block.length;
      await client.write(block).catch(() => undefined);
    }
    await client.closed;
    // What was read: the limit and the form's overhead, then at most the limit again; the rest is what the two
    // sockets' buffers held (about 6 MiB in all here).
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect((await upload(server.url, ana.token, { name: 'ok.bin', type: 'x/y', bytes: randomBytes(10) })).status).toBe(
      201,
    );
    await expect.poll(spoolLeft).toEqual([]);
  });

  it('415 for a "PNG" that is not one, a corrupt PNG, and a PNG declaring 50,000 × 50,000 pixels', async () => {
    const fake = await upload(server.url, ana.token, { name: 'fake.png', type: 'image/png', bytes: Buffer.from('hi') });
    expect(fake.status).toBe(415);
    expect(fake.body.error.code).toBe('unsupported_media_type');
    const real = await png(64, 64);
    const corrupt = Buffer.concat([real.subarray(0, 40), randomBytes(200)]);
    const broken = await upload(server.url, ana.token, { name: 'broken.png', type: 'image/png', bytes: corrupt });
    expect(broken.status).toBe(415);
    const started = Date.now();
    const bomb = await upload(server.url, ana.token, {
      name: 'b.png',
      type: 'image/png',
      bytes: pngBomb(50_000, 50_000),
    });
    expect(bomb.status).toBe(415);
    expect(bomb.body.error.message).toMatch(/megapixels/);
    expect(Date.now() - started).toBeLessThan(5000);
    // The server is fine afterwards.
    expect((await upload(server.url, ana.token, { name: 'ok.png', type: 'image/png', bytes: real })).status).toBe(201);
    // Refused or taken, nothing received stays behind.
    await expect.poll(spoolLeft).toEqual([]);
  });

  it('bad forms are 400: no file part, two parts, an empty file; a JSON body is 415', async () => {
    const field = await upload(server.url, ana.token, { field: 'file', value: 'just text' });
    expect(field.status).toBe(400);
    expect(field.body.error.code).toBe('bad_request');
    const other = await upload(server.url, ana.token, {
      field: 'other',
      name: 'a.bin',
      type: 'x/y',
      bytes: Buffer.from('a'),
    });
    expect(other.status).toBe(400);
    const two = await upload(
      server.url,
      ana.token,
      { name: 'a.bin', type: 'x/y', bytes: Buffer.from('a') },
      { name: 'b.bin', type: 'x/y', bytes: Buffer.from('b') },
    );
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/exactly one part/);
    const empty = await upload(server.url, ana.token, { name: 'e.bin', type: 'x/y', bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    // The upload route takes multipart/form-data only (plugins/request-guard.ts): anything else is 415.
    const json = await call(server.url, 'POST', '/api/media', { token: ana.token, body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
  });

  it('a truncated multipart body (it ends inside the file, with no closing boundary) is 400; the next upload works', async () => {
    const boundary = 'pairchat-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\n\r\n`;
    for (const body of [Buffer.concat([Buffer.from(head), randomBytes(5000)]), Buffer.from(head.slice(0, 30))]) {
      const res = await fetch(`${server.url}/api/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    const ok = await upload(server.url, ana.token, { name: 'ok.bin', type: 'x/y', bytes: randomBytes(10) });
    expect(ok.status).toBe(201);
  });

  it('a file sent with an empty name is taken as "file" (Node\'s fetch then sends no filename at all)', async () => {
    const res = await upload(server.url, ana.token, { name: '', type: 'x/y', bytes: Buffer.from('abc') });
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ name: 'file', size: 3 });
    // The same by hand, typed application/octet-stream (a file to busboy itself, with no name: it was a 500).
    const boundary = 'b';
    const raw = await fetch(`${server.url}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n--${boundary}--\r\n`,
    });
    expect(raw.status).toBe(201);
    expect(((await raw.json()) as { media: { name: string } }).media.name).toBe('file');
  });

  /** The name a one-byte upload by Ana under `name` is stored and shown with. */
  const named = async (name: string) =>
    (await upload(server.url, ana.token, { name, type: 'text/plain', bytes: Buffer.from('x') })).body.media.name;

  it('file names: path separators and control characters removed; 300 characters shortened to 255, extension kept', async () => {
    expect(await named('../../etc/passwd')).toBe('passwd');
    expect(await named('C:\\Users\\ana\\report.pdf')).toBe('report.pdf');
    expect(await named('a\u0007b\u202Egpj.exe')).toBe('abgpj.exe');
    const long = await named(`${'名'.repeat(296)}.txt`);
    expect([...long].length).toBe(255);
    expect(long.endsWith('.txt')).toBe(true);
    expect(await named('\u0001\u0002')).toBe('file');
  });

  it("file names: the form encoding's %22, %0D and %0A (as browsers and Node's fetch send \" CR LF) are read back", async () => {
    expect(await named('quote"name.txt')).toBe('quote"name.txt');
    expect(await named('line1\r\nline2.txt')).toBe('line1 line2.txt');
    // Any other %xx is the name's own text.
    expect(await named('100%25 sure%2F.txt')).toBe('100%25 sure%2F.txt');
  });
});
