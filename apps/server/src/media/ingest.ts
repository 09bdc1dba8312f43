import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { sanitizeFileName } from './file-name.ts';
import { IMAGE_TYPES, processImage } from './images.ts';
import { UnreadableMediaError } from './inspect-errors.ts';
import type { MediaRecord, MediaStore } from './port.ts';
import { inspectVoice, VOICE_CONTAINERS } from './voice.ts';

/** An upload received in full into a private folder (0700), which the caller removes afterwards. */
export interface SpooledUpload {
  dir: string;
  /** The received bytes, inside `dir`. */
  path: string;
  /** Bytes received; at least 1. */
  size: number;
  /** The name the client gave, unsanitized. */
  fileName: string;
  /** The type the client declared: only a claim, never stored. */
  declaredType: string;
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp)$/i;
const VOICE_NAME = /\.(ogg|oga|opus|weba)$/i;
const VOICE_DECLARED = /^audio\/(ogg|opus|webm)\b/i;

/** The client says this is an image or a voice recording we read; if the bytes disagree, that is a 415. */
function claimedKind(u: SpooledUpload): 'image' | 'voice' | null {
  if (IMAGE_TYPES.has(u.declaredType.toLowerCase()) || IMAGE_NAME.test(u.fileName)) return 'image';
  if (VOICE_DECLARED.test(u.declaredType) || VOICE_NAME.test(u.fileName)) return 'voice';
  return null;
}

/**
 * Turns a received upload into stored media. The type is sniffed from the bytes (file-type), never taken from the
 * client: images (IMAGE_TYPES) are decoded, measured, re-encoded without metadata and given a thumbnail; Opus in
 * Ogg or WebM becomes voice with its duration; anything else is a plain file with the sniffed type (or
 * `application/octet-stream`), always served as an attachment. Resolves once the store holds it durably.
 * @throws UnreadableMediaError (415) when an image or voice recording (by its bytes, or by the client's claim)
 * cannot be read; MediaUnavailableError (503) from the store.
 */
export async function ingestUpload(
  store: MediaStore,
  upload: SpooledUpload,
  ownerId: string,
  now: Date = new Date(),
): Promise<MediaRecord> {
  // file-type may add parameters (`audio/ogg; codecs=opus`): the essence is what is matched and stored.
  const sniffed = (await fileTypeFromFile(upload.path))?.mime.split(';')[0]?.trim();
  const base = { id: randomUUID(), ownerId, name: sanitizeFileName(upload.fileName), createdAt: now.toISOString() };

  if (sniffed && IMAGE_TYPES.has(sniffed)) {
    const image = await processImage(upload.path, sniffed, upload.dir);
    const [original, thumbnail] = await Promise.all([stat(image.originalPath), stat(image.thumbnailPath)]);
    const record: MediaRecord = {
      ...base,
      kind: 'image',
      mime: image.mime,
      size: original.size,
      width: image.width,
      height: image.height,
      ...(image.animated && { animated: true as const }),
      thumbnail: { mime: 'image/webp', size: thumbnail.size },
    };
    await store.save(record, { file: image.originalPath }, { file: image.thumbnailPath });
    return record;
  }

  const voice = sniffed && VOICE_CONTAINERS.has(sniffed) ? await inspectVoice(upload.path) : null;
  if (voice) {
    const record: MediaRecord = {
      ...base,
      kind: 'voice',
      mime: voice.mime,
      size: upload.size,
      durationMs: voice.durationMs,
      thumbnail: null,
    };
    await store.save(record, { file: upload.path }, null);
    return record;
  }

  const claimed = claimedKind(upload);
  if (claimed === 'image' || (claimed === 'voice' && !(sniffed && VOICE_CONTAINERS.has(sniffed)))) {
    throw new UnreadableMediaError(`the file is not a readable ${claimed === 'image' ? 'image' : 'voice recording'}`);
  }
  const record: MediaRecord = {
    ...base,
    kind: 'file',
    mime: sniffed ?? 'application/octet-stream',
    size: upload.size,
    thumbnail: null,
  };
  await store.save(record, { file: upload.path }, null);
  return record;
}
