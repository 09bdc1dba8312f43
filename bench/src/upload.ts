// One media upload as a browser makes it, shared by the media scenario and its uploader process.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** A file to upload: its bytes (a Blob, e.g. `fs.openAsBlob`, read from disk as it is sent) and the client's name. */
export interface UploadFile {
  name: string;
  blob: Blob;
}

/**
 * One multipart upload (`POST /api/media`, one part named `file`); resolves with its time to 201 in ms.
 * @throws when the answer is not 201, or when `signal` aborts it.
 */
export async function uploadOnce(base: string, token: string, file: UploadFile, signal?: AbortSignal): Promise<number> {
  const form = new FormData();
  form.append('file', file.blob, file.name);
  const t = performance.now();
  const res = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
    signal,
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`upload of ${file.name}: HTTP ${res.status}`);
  return performance.now() - t;
}

/** A file on disk to upload as a client with a limited uplink would: `path`, and the name and type a browser sends. */
export interface PacedFile {
  path: string;
  name: string;
  type: string;
}

/** Bytes written to the socket at a time by {@link uploadPaced}. */
const PACE_CHUNK = 64 * 1024;

/**
 * One multipart upload like {@link uploadOnce}, but with the body sent at `bytesPerSecond` (a client's uplink; the
 * loopback would take it as fast as the server reads), in 64 KiB writes, with its `Content-Length` as a browser
 * sends it. Resolves with its time to 201 in ms.
 * @throws when the answer is not 201, or when `signal` aborts it.
 */
export async function uploadPaced(
  base: string,
  token: string,
  file: PacedFile,
  bytesPerSecond: number,
  signal?: AbortSignal,
): Promise<number> {
  const boundary = `----pairchatbench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file.path).size;
  const t = performance.now();
  const req = http.request(`${base}/api/media`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + size + tail.length,
    },
    signal,
  });
  const answer = new Promise<number>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
  });
  answer.catch(() => {});
  req.write(head);
  const fd = fs.openSync(file.path, 'r');
  try {
    let sent = 0;
    while (sent < size) {
      if (signal?.aborted) throw signal.reason;
      const chunk = Buffer.allocUnsafe(Math.min(PACE_CHUNK, size - sent));
      fs.readSync(fd, chunk, 0, chunk.length, sent);
      if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      sent += chunk.length;
      // Ahead of the uplink's schedule: wait until the bytes sent so far are due.
      const ahead = (sent / bytesPerSecond) * 1000 - (performance.now() - t);
      if (ahead > 0) await sleep(ahead, undefined, { signal });
    }
  } finally {
    fs.closeSync(fd);
  }
  req.end(tail);
  const status = await answer;
  if (status !== 201) throw new Error(`upload of ${file.name}: HTTP ${status}`);
  return performance.now() - t;
}
