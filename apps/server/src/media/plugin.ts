import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { openMedia } from './open-media.ts';
import type { MediaStore } from './port.ts';
import { sweepUnsent, type IsMediaInUse } from './sweep.ts';

declare module 'fastify' {
  interface FastifyInstance {
    media: MediaStore;
  }
}

export interface MediaPluginOptions {
  config: Config;
  /** The adapter to use instead of the one the configuration picks (tests). Closed with the app all the same. */
  store?: MediaStore;
  /** Which media are in use (sent, or an avatar) and so kept by the sweep. Until messages carry media: none. */
  inUse?: IsMediaInUse;
  /** How often unsent uploads are swept; default hourly. */
  sweepEveryMs?: number;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The media store as `app.media`: opened from the configuration (see openMedia), swept of day-old unsent uploads
 * every hour, and closed when the app closes.
 */
export default fp(
  async function media(app: FastifyInstance, opts: MediaPluginOptions) {
    const store = opts.store ?? (await openMedia(opts.config));
    const inUse = opts.inUse ?? (() => Promise.resolve(false));
    app.decorate('media', store);
    let sweeping: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      sweeping = sweepUnsent(store, inUse).catch((err: unknown) => app.log.warn({ err }, 'media sweep failed'));
    }, opts.sweepEveryMs ?? SWEEP_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await sweeping;
      await store.close();
    });
  },
  { name: 'media' },
);
