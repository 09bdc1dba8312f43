import { z } from 'zod';
import { IdSchema } from './entities.ts';

/** Long side of a thumbnail, in pixels (the contract's `GET /api/media/:id/thumbnail`). */
export const THUMBNAIL_MAX_SIDE = 480;
/** Longest file name kept, in characters (code points) after trimming; longer names are shortened. */
export const MEDIA_NAME_MAX = 255;

/**
 * An uploaded file as the contract shows it (inside a Message's `media`, and in `POST /api/media`'s answer):
 * `size` in bytes; `width`/`height` in pixels for images (after EXIF orientation); `durationMs` for voice;
 * `animated` for an image with more than one frame (a GIF or WebP kept animated).
 */
export const MediaSchema = z.object({
  id: IdSchema,
  name: z
    .string()
    .min(1)
    .max(MEDIA_NAME_MAX * 2),
  mime: z.string().min(1),
  size: z.number().int().min(1),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
  durationMs: z.number().int().min(0).optional(),
  animated: z.literal(true).optional(),
});
export type Media = z.infer<typeof MediaSchema>;

export const UploadMediaAnswerSchema = z.object({ media: MediaSchema });
export type UploadMediaAnswer = z.infer<typeof UploadMediaAnswerSchema>;

export const MediaParamsSchema = z.strictObject({ id: IdSchema });
