import fs from 'node:fs';
import fsp from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MediaParamsSchema, UploadMediaAnswerSchema } from '@pairchat/schema';
import { AppError, notFound } from '../../errors.ts';
import { ingestUpload } from '../../media/ingest.ts';
import { toMedia, type MediaRecord } from '../../media/port.ts';
import { userOf } from '../../plugins/auth.ts';
import { lingerAfterRefusal, receiveUpload } from './receive.ts';
import { sendMedia } from './serve.ts';

export interface MediaRoutesOptions {
  /** MEDIA_MAX_BYTES: the largest upload; larger ones get 413. */
  maxBytes: number;
}

/**
 * `POST /api/media` (multipart, one part named `file`) → 201 `{media}`; `GET /api/media/:id` and `/thumbnail` → the
 * bytes, to whoever `app.mediaAccess` allows, 404 to anyone else. Needs the `media` plugin (app.media).
 */
const mediaRoutes: FastifyPluginAsyncZod<MediaRoutesOptions> = async (app, opts) => {
  // Registered here, so multipart bodies are parsed on these routes only (this plugin is encapsulated).
  await app.register(fastifyMultipart);
  // The folders of the uploads being received or taken in. A shutdown cuts the connections still open after its
  // grace period, and the process exits before a cut upload's own clean-up has run: what is left is removed here,
  // when the app closes (the disk store would otherwise remove it at the next start; GridFS's spool in the system's
  // temporary folder never).
  const spools = new Set<string>();
  app.addHook('onClose', async () => {
    for (const dir of spools) fs.rmSync(dir, { recursive: true, force: true });
  });

  app.post(
    '/api/media',
    {
      onRequest: app.requireUser,
      config: { bodyTypes: ['multipart/form-data'] },
      schema: { response: { 201: UploadMediaAnswerSchema } },
    },
    async (req, reply) => {
      const user = userOf(req);
      const upload = await receiveUpload(req, opts.maxBytes, app.media.spoolDir, spools).catch((err: unknown) => {
        lingerAfterRefusal(req.raw, reply, opts.maxBytes);
        throw err;
      });
      try {
        const media = await ingestUpload(app.media, upload, user.id);
        // The account was deleted while this upload came in: its removal of the uploads no message carries ran
        // before this one was stored, so it goes now, and the answer is the one a request after it gets (401).
        if ((await app.store.users.get(user.id))?.deleted) {
          await app.media.delete(media.id);
          throw new AppError('unauthorized', 'this account has been deleted');
        }
        return await reply.code(201).send({ media: toMedia(media) });
      } finally {
        await fsp.rm(upload.dir, { recursive: true, force: true });
        spools.delete(upload.dir);
      }
    },
  );

  /** The record if this person may see it; otherwise 404, the same as for an id that does not exist. */
  const visible = async (userId: string, id: string): Promise<MediaRecord> => {
    const media = await app.mediaAccess.visible(userId, id);
    if (!media) throw notFound('no such media');
    return media;
  };

  const variants = [
    ['/api/media/:id', 'original'],
    ['/api/media/:id/thumbnail', 'thumbnail'],
  ] as const;
  for (const [url, variant] of variants) {
    app.get(url, { onRequest: app.requireUser, schema: { params: MediaParamsSchema } }, async (req, reply) =>
      sendMedia(req, reply, app.media, await visible(userOf(req).id, req.params.id), variant),
    );
  }
};

export default mediaRoutes;
