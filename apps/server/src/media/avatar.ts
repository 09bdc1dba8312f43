import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { UnreadableMediaError } from './inspect-errors.ts';
import { imageJobs, MAX_INPUT_PIXELS } from './images.ts';
import type { MediaRecord, MediaStore } from './port.ts';

/** An avatar's side in pixels: square, as WeChat's profile photo; enough for a 2× display of a 128 px header. */
export const AVATAR_SIDE = 256;

/**
 * Makes the square avatar of an image I uploaded: the image (already decoded, measured and cleaned at upload by
 * `ingest.ts`) cropped to its centre and scaled to AVATAR_SIDE² (sharp's `fit: 'cover'`; the first frame of an
 * animation), stored as a new WebP media item of `ownerId` that serves as its own thumbnail. Resolves once it is
 * durable, like an upload. @throws UnreadableMediaError when the stored image does not decode.
 */
export async function makeAvatar(store: MediaStore, source: MediaRecord, ownerId: string): Promise<MediaRecord> {
  const stream = await store.open(source.id, 'original');
  if (!stream) throw new UnreadableMediaError('the image is gone');
  const bytes = await buffer(stream);
  let square: Buffer;
  try {
    // In the uploads' queue of image jobs (two at a time), so avatars cannot take libuv's whole thread pool either.
    square = await imageJobs(() =>
      sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
        .resize(AVATAR_SIDE, AVATAR_SIDE, { fit: 'cover' })
        .webp({ quality: 85 })
        .toBuffer(),
    );
  } catch {
    throw new UnreadableMediaError('the image cannot be read');
  }
  const record: MediaRecord = {
    id: randomUUID(),
    ownerId,
    name: 'avatar.webp',
    createdAt: new Date().toISOString(),
    kind: 'image',
    mime: 'image/webp',
    size: square.length,
    width: AVATAR_SIDE,
    height: AVATAR_SIDE,
    thumbnail: { mime: 'image/webp', size: square.length },
  };
  await store.save(record, Readable.from([square]), Readable.from([square]));
  return record;
}
