import { dbNameFor } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { call, type Reply } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';

/** The media adapter follows the store: GridFS on the stand-in MongoDB in the `mongodb` project, disk otherwise. */
export function mediaEnv(dataDir: string): Record<string, string> {
  return TEST_STORE === 'mongodb' ? { MONGODB_URI: mongoUri(), MONGODB_DB: dbNameFor(dataDir) } : {};
}

/** A real PNG of the given size: a gradient, so it does not compress to nothing. */
export function png(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 251;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A JPEG stored sideways with EXIF orientation 6 (rotate 90° to view) and a GPS position, as a phone writes it. */
export function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PairPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 54/1 27/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 23/1 5/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Whether an EXIF block points to a GPS directory (tag 0x8825, in either byte order). */
export function hasGpsIfd(exif: Buffer | undefined): boolean {
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

/** An animated GIF of `frames` frames, each width × height. */
export function animatedGif(width: number, height: number, frames: number): Promise<Buffer> {
  const pages = Array.from({ length: frames }, (_, i) =>
    sharp({ create: { width, height, channels: 3, background: { r: 60 * i, g: 100, b: 255 - 60 * i } } })
      .png()
      .toBuffer(),
  );
  return Promise.all(pages).then((inputs) =>
    sharp(inputs, { join: { animated: true } })
      .gif({ delay: 100 })
      .toBuffer(),
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a well-formed PNG (valid chunks and CRCs) whose header declares width × height pixels
 * (50,000 × 50,000 is 2.5 gigapixels, 10 GB decoded) over a few kilobytes of deflated zeros.
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc(64 * 1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface FilePart {
  name: string;
  type: string;
  bytes: Buffer;
  /** The form field; `file` unless a test says otherwise. */
  field?: string;
}

/** A real multipart/form-data upload through fetch (undici's FormData), as a browser sends it. */
export async function upload(base: string, token: string, ...parts: (FilePart | { field: string; value: string })[]) {
  const form = new FormData();
  for (const part of parts) {
    if ('value' in part) form.append(part.field, part.value);
    else form.append(part.field ?? 'file', new Blob([part.bytes], { type: part.type }), part.name);
  }
  const res = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers } as Reply;
}

/**
 * The bytes of a GET, with its status and headers. `Connection: close`: with a Content-Length the client has every
 * byte a moment before the server's stream ends, and a close in that moment would wait out the keep-alive.
 */
export interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export async function fetchBytes(
  base: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  const res = await fetch(base + path, {
    headers: { authorization: `Bearer ${token}`, connection: 'close', ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export { call };

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, no final xor: RFC 3533 §6). */
function oggCrc(page: Buffer): number {
  let crc = 0;
  for (const byte of page) {
    crc ^= byte << 24;
    for (let i = 0; i < 8; i++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

function oggPage(packets: Buffer[], granule: bigint, seq: number, flags: number): Buffer {
  const lacing = packets.flatMap((p) => [...Array<number>(Math.floor(p.length / 255)).fill(255), p.length % 255]);
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'ascii');
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x5eed, 14);
  header.writeUInt32LE(seq, 18);
  header[26] = lacing.length;
  const page = Buffer.concat([header, Buffer.from(lacing), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/**
 * An Ogg Opus voice recording as RFC 7845 lays it out (OpusHead, OpusTags, then 20 ms packets), `seconds` long.
 * The packets are minimal code-0 CELT frames: the container, which is what the server reads, is exact.
 */
export function oggOpus(seconds: number): Buffer {
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head[8] = 1; // version
  head[9] = 1; // mono
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48000, 12);
  const vendor = Buffer.from('pairchat-test');
  const tags = Buffer.concat([Buffer.from('OpusTags'), Buffer.from([vendor.length, 0, 0, 0]), vendor, Buffer.alloc(4)]);
  const frames = Math.round(seconds * 50);
  const pages = [oggPage([head], 0n, 0, 0x02), oggPage([tags], 0n, 1, 0)];
  for (let done = 0, seq = 2; done < frames; seq++) {
    const n = Math.min(50, frames - done);
    done += n;
    const packets = Array.from({ length: n }, () => Buffer.from([0xf8, 0xff, 0xfe]));
    pages.push(oggPage(packets, BigInt(preSkip + done * 960), seq, done === frames ? 0x04 : 0));
  }
  return Buffer.concat(pages);
}
