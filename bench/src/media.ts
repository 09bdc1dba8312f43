// The media scenario: upload throughput of a 25 MiB file (MiB/s, upload to 201: streamed to disk, sniffed, fsynced),
// the time to make a thumbnail of a 12-megapixel JPEG (in this process with sharp, the server's pipeline; and the
// server's whole ingest of it, upload to 201), and text message latency while a 25 MiB upload and a 12 MP photo
// are being taken in, against the same load with the server idle (issue 13's goal: p99 within 2×).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { tempDir } from '@pairchat/testing';
import { pairchatEndpoint, registerUsers, type Endpoint, type PairchatUser } from './clients.ts';
import { runLoad, type LoadResult } from './generator.ts';
import type { Child } from './processes.ts';
import { latencyStats, type LatencyStats } from './stats.ts';
import { uploadOnce, type UploadFile } from './upload.ts';
import type { UploaderArgs, UploaderReport } from './uploader.ts';

export interface MediaResults {
  /** Size of the large upload, MiB. */
  fileMiB: number;
  /** Upload to 201 of the large file, ms, and its throughput (MiB/s at the median). */
  upload: LatencyStats;
  uploadMiBPerSecond: number;
  /** Pixels of the photo (width × height). */
  photo: { width: number; height: number; bytes: number };
  /** Its thumbnail (long side 480, WebP) made with sharp in the bench process, ms. */
  thumbnail: LatencyStats;
  /** The server's ingest of the photo, upload to 201 (decode, orient, re-encode, thumbnail, fsync), ms. */
  photoUpload: LatencyStats;
  /** The uplink of each upload in textDuringUploads, bytes per second (100 Mbit/s). */
  uplinkBytesPerSecond: number;
  /**
   * Text messages at a fixed rate with the server otherwise idle; while a 25 MiB file and a 12 MP photo are
   * uploaded back to back, each at the uplink's pace; and while the same uploads run flat out.
   */
  textIdle: LoadResult;
  textDuringUploads: LoadResult;
  textDuringUploadsFlatOut: LoadResult;
  /** Uploads finished while each loaded run ran: [25 MiB files, 12 MP photos]. */
  uploadsDuring: [number, number];
  uploadsDuringFlatOut: [number, number];
  /** textDuringUploads p99 over textIdle p99 (issue 13's goal: at most 2), and the same flat out. */
  p99Ratio: number;
  p99RatioFlatOut: number;
}

export interface MediaSize {
  /** How many timed uploads of each kind, and thumbnails. */
  repeats: number;
  /** Seconds of each text load. */
  seconds: number;
  /** Pairs chatting, each at `rate` messages per second. */
  pairs: number;
  rate: number;
}

const MiB = 1024 * 1024;
const FILE_BYTES = 25 * MiB;
/** 4000 × 3000: a 12-megapixel phone photo. */
const PHOTO = { width: 4000, height: 3000 };

/** A 12 MP JPEG of noise over a gradient (so it neither compresses to nothing nor decodes trivially). */
async function photoJpeg(): Promise<Buffer> {
  const { width, height } = PHOTO;
  const raw = randomBytes(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) raw[i] = (i / 3) % 256;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function timed(n: number, run: () => Promise<number>): Promise<LatencyStats> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await run());
  return latencyStats(samples);
}

/** The thumbnail the server makes (media/images.ts): long side 480, WebP quality 80, EXIF orientation applied. */
async function thumbnailOnce(jpeg: Buffer): Promise<number> {
  const t = performance.now();
  await sharp(jpeg, { autoOrient: true })
    .resize(480, 480, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return performance.now() - t;
}

async function pairsOf(server: Child, users: PairchatUser[]): Promise<[Endpoint, Endpoint][]> {
  const pairs: [Endpoint, Endpoint][] = [];
  for (let i = 0; i + 1 < users.length; i += 2) {
    const [a, b] = [users[i]!, users[i + 1]!];
    pairs.push([await pairchatEndpoint(server.url, a, b.id), await pairchatEndpoint(server.url, b, a.id)]);
  }
  return pairs;
}

/** A bad setting of the bench, printed as its one line (no stack trace). */
export class BenchSettingError extends Error {}

/**
 * A client's uplink in the paced run, bytes per second: `BENCH_UPLINK_MBPS` Mbit/s, by default 100, a fast home or
 * office line (a phone's is slower), so a 25 MiB file takes 2.1 s to arrive and is in progress all along. Read when
 * the media scenario starts, so a bad value stops that scenario only.
 * @throws when it is set to anything but a number from 0.1 (a 25 MiB upload would outlast any load) to 1,000,000.
 */
function uplinkFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 100 * 125_000;
  const mbps = Number(raw);
  if (!(mbps >= 0.1 && mbps <= 1_000_000)) {
    throw new BenchSettingError(`BENCH_UPLINK_MBPS: a number of Mbit/s from 0.1 to 1000000, not "${raw}"`);
  }
  return mbps * 125_000;
}

/** How the uploader process is told apart from this one: a lower priority, so the generator's timestamps win. */
const UPLOADER_NICE = 10;

/** The uploader process (uploader.ts) on `args`, once its files are open: `go` starts it, `stop` ends it. */
async function startUploader(args: UploaderArgs): Promise<{ go(): void; stop(): Promise<number[]> }> {
  // Same Node options as this process (`--import tsx`).
  const child = fork(fileURLToPath(new URL('./uploader.ts', import.meta.url)), [JSON.stringify(args)]);
  // Its main thread, where the uploads' client work runs (Linux sets a thread's priority; later threads inherit it).
  os.setPriority(child.pid!, UPLOADER_NICE);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the uploader exited (${code}) before reporting`))),
  );
  const next = <T>() =>
    Promise.race([new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T))), exited]);
  await next<'ready'>();
  return {
    go: () => child.send('go'),
    stop: async () => {
      const report = next<UploaderReport>();
      child.send('stop');
      return (await report).done;
    },
  };
}

/** `n thing` or `n things`. */
const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** `load` on `pairs` while the uploader runs on `args` from its first message to its last. */
async function duringUploads(
  pairs: [Endpoint, Endpoint][],
  load: { rate: number; seconds: number },
  args: UploaderArgs,
): Promise<{ text: LoadResult; done: [number, number] }> {
  const uploads = await startUploader(args);
  let stopped: Promise<number[]> | undefined;
  uploads.go();
  // They stop when the sending does, not while stragglers are awaited.
  const text = await runLoad(pairs, {
    ...load,
    onSendingEnd: () => {
      stopped = uploads.stop();
    },
  });
  return { text, done: (await stopped!) as [number, number] };
}

/** Runs the media scenario against a running server (its own users). */
export async function mediaScenario(server: Child, size: MediaSize, log: (s: string) => void): Promise<MediaResults> {
  const UPLINK = uplinkFromEnv(process.env.BENCH_UPLINK_MBPS);
  log(`- media: a ${FILE_BYTES / MiB} MiB upload, a ${PHOTO.width}×${PHOTO.height} JPEG, text latency meanwhile`);
  const [uploader] = await registerUsers(server.url, 1, 'media');
  const token = uploader!.token;
  // Both files on disk, sent from there by this process and by the uploader's alike.
  const dir = tempDir('pairchat-bench-media-');
  const photo = await photoJpeg();
  const sources = [
    {
      path: path.join(dir, 'big.bin'),
      name: 'big.bin',
      type: 'application/octet-stream',
      bytes: randomBytes(FILE_BYTES),
    },
    { path: path.join(dir, 'IMG_0001.JPG'), name: 'IMG_0001.JPG', type: 'image/jpeg', bytes: photo },
  ];
  const [file, jpeg] = await Promise.all(
    sources.map(async (s): Promise<UploadFile> => {
      fs.writeFileSync(s.path, s.bytes);
      return { name: s.name, blob: await fs.openAsBlob(s.path, { type: s.type }) };
    }),
  );
  const pairs: [Endpoint, Endpoint][] = [];
  try {
    const upload = await timed(size.repeats, () => uploadOnce(server.url, token, file!));
    const uploadMiBPerSecond = Math.round((FILE_BYTES / MiB / (upload.p50 / 1000)) * 10) / 10;
    const thumbnail = await timed(size.repeats, () => thumbnailOnce(photo));
    const photoUpload = await timed(size.repeats, () => uploadOnce(server.url, token, jpeg!));
    log(
      `  upload ${uploadMiBPerSecond} MiB/s (p50 ${upload.p50} ms); 12 MP thumbnail p50 ${thumbnail.p50} ms; ` +
        `12 MP photo upload to 201 p50 ${photoUpload.p50} ms`,
    );

    pairs.push(...(await pairsOf(server, await registerUsers(server.url, size.pairs * 2, 'mtext'))));
    const load = { rate: size.rate, seconds: size.seconds };
    // A first second of the same load, not counted: the send path's first calls (code still being compiled) would
    // otherwise land in the idle figure only.
    await runLoad(pairs, { ...load, seconds: 1 });
    const textIdle = await runLoad(pairs, load);
    const files = sources.map(({ bytes: _, ...f }) => f);
    // The same load again while both uploads run back to back, each in its own loop, from the first message to the
    // last: first at a client's pace (each body sent at UPLINK), so that a 25 MiB upload and a photo are in progress
    // all along, as in issue 13's goal; then flat out over the loopback, the disk written as fast as it takes.
    const paced = await duringUploads(pairs, load, { base: server.url, token, files, bytesPerSecond: UPLINK });
    const flatOut = await duringUploads(pairs, load, { base: server.url, token, files });
    const ratio = (r: LoadResult) => Math.round((r.latencyMs.p99 / Math.max(0.01, textIdle.latencyMs.p99)) * 100) / 100;
    const p99Ratio = ratio(paced.text);
    const p99RatioFlatOut = ratio(flatOut.text);
    const line = (what: string, r: typeof paced, x: number) =>
      `  text p99 during uploads ${what} ${r.text.latencyMs.p99} ms (${x}×; ${count(r.done[0], 'file')} and ` +
      `${count(r.done[1], 'photo')} taken in meanwhile; ${r.text.lost} of ${r.text.sent} messages undelivered 5 s ` +
      `after the load ended)`;
    log(`  text p99 idle ${textIdle.latencyMs.p99} ms`);
    log(line(`at ${(UPLINK * 8) / 1e6} Mbit/s each`, paced, p99Ratio));
    log(line('flat out', flatOut, p99RatioFlatOut));
    return {
      fileMiB: FILE_BYTES / MiB,
      upload,
      uploadMiBPerSecond,
      photo: { ...PHOTO, bytes: photo.length },
      thumbnail,
      photoUpload,
      uplinkBytesPerSecond: UPLINK,
      textIdle,
      textDuringUploads: paced.text,
      uploadsDuring: paced.done,
      p99Ratio,
      textDuringUploadsFlatOut: flatOut.text,
      uploadsDuringFlatOut: flatOut.done,
      p99RatioFlatOut,
    };
  } finally {
    pairs.forEach(([a, b]) => (a.close(), b.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
