import path from 'node:path';
import pLimit from 'p-limit';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { THUMBNAIL_MAX_SIDE } from '@pairchat/schema';
import { UnreadableMediaError } from './inspect-errors.ts';

/** Image types decoded, re-encoded and served inline. Anything else (SVG, BMP, HEIC…) is kept as a plain file. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Decompression-bomb guard: more pixels than this (all frames together) are refused before decoding. 64 MP is a
 * 12 MP phone photo five times over, and about 256 MiB of RGBA at worst; a PNG declaring 50,000 × 50,000 (2.5
 * gigapixels, 10 GB decoded) is refused from its header.
 */
export const MAX_INPUT_PIXELS = 64_000_000;

// Each upload's pixels are different: libvips' operation cache would only hold memory.
sharp.cache(false);
/**
 * Images are decoded on libuv's thread pool (sharp never blocks the event loop), but a burst of uploads could take
 * every pool thread (4 by default) and stall file and crypto work queued behind them; two at a time leaves room.
 */
export const imageJobs = pLimit(2);

export interface ProcessedImage {
  mime: string;
  width: number;
  height: number;
  animated: boolean;
  /** Re-encoded file: orientation applied, EXIF/GPS/XMP/comments dropped (sharp keeps no metadata by default). */
  originalPath: string;
  /** WebP (animated for an animated input), long side ≤ THUMBNAIL_MAX_SIDE. */
  thumbnailPath: string;
}

function encoderFor(image: Sharp, mime: string): Sharp {
  switch (mime) {
    case 'image/png':
      return image.png();
    case 'image/gif':
      return image.gif();
    case 'image/webp':
      return image.webp({ quality: 90 });
    default:
      return image.jpeg({ quality: 90 });
  }
}

async function process(input: string, mime: string, workDir: string): Promise<ProcessedImage> {
  const options: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, animated: true, autoOrient: true };
  let meta: Metadata;
  try {
    // The header only (no pixels are decoded), without the pixel limit, so a bomb gets its own answer below.
    meta = await sharp(input, { animated: true, limitInputPixels: false }).metadata();
  } catch {
    throw new UnreadableMediaError(`not a readable ${mime} image`);
  }
  const pages = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight * pages > MAX_INPUT_PIXELS) {
    throw new UnreadableMediaError(`images are at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
  }
  const animated = pages > 1;
  // EXIF orientations 5–8 swap the sides; frames of an animation are never rotated.
  const width = animated ? meta.width : meta.autoOrient.width;
  const height = animated ? frameHeight : meta.autoOrient.height;
  const originalPath = path.join(workDir, 'original');
  const thumbnailPath = path.join(workDir, 'thumbnail');
  const image = sharp(input, options);
  try {
    await Promise.all([
      encoderFor(image.clone(), mime).toFile(originalPath),
      image
        .clone()
        .resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(thumbnailPath),
    ]);
  } catch {
    // A header that parsed over a body that does not decode (a truncated or corrupt file).
    throw new UnreadableMediaError(`not a readable ${mime} image`);
  }
  return { mime, width, height, animated, originalPath, thumbnailPath };
}

/**
 * Decodes and measures an image sniffed as one of IMAGE_TYPES, and writes a clean copy and a thumbnail into
 * `workDir`. @throws UnreadableMediaError (415) when it does not decode or is too large to decode.
 */
export function processImage(input: string, mime: string, workDir: string): Promise<ProcessedImage> {
  return imageJobs(() => process(input, mime, workDir));
}
