import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { UnreadableMediaError } from './inspect-errors.ts';
import { THUMBNAIL_MAX_SIDE } from '@pairchat/schema';
import type { MediaRecord, MediaStore } from './port.ts';

/** An avatar's side in pixels: square, as WeChat's profile photo; enough for a 2× display of a 128 px header. */
export const AVATAR_SIDE = 256;

/**
 * Makes the square avatar of an image I uploaded, from its stored thumbnail (already decoded, oriented and cleaned at
 * upload by the image process, long side ≤ THUMBNAIL_MAX_SIDE, so enough for AVATAR_SIDE and cheap to decode here:
 * the full photo is never decoded again in the server, see images.ts): cropped to its centre and scaled to
 * AVATAR_SIDE² (sharp's `fit: 'cover'`; the first frame of an animation), stored as a new WebP media item of
 * `ownerId` that serves as its own thumbnail. Resolves once it is durable, like an upload.
 * @throws UnreadableMediaError when the stored thumbnail is gone or does not decode.
 */
export async function makeAvatar(store: MediaStore, source: MediaRecord, ownerId: string): Promise<MediaRecord> {
  const stream = await store.open(source.id, 'thumbnail');
  if (!stream) throw new UnreadableMediaError('the image is gone');
  const bytes = await buffer(stream);
  let square: Buffer;
  try {
    square = await sharp(bytes, { limitInputPixels: THUMBNAIL_MAX_SIDE * THUMBNAIL_MAX_SIDE })
      .resize(AVATAR_SIDE, AVATAR_SIDE, { fit: 'cover' })
      .webp({ quality: 85 })
      .toBuffer();
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
