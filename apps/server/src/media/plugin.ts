import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { MessageTable, UserTable } from '../store/port.ts';
import { MediaAccess } from './access.ts';
import { openMedia } from './open-media.ts';
import type { MediaStore } from './port.ts';
import { sweepUnsent, type IsMediaInUse } from './sweep.ts';

declare module 'fastify' {
  interface FastifyInstance {
    media: MediaStore;
    /** Who may fetch or send which media (`media/access.ts`). */
    mediaAccess: MediaAccess;
  }
}

export interface MediaPluginOptions {
  config: Config;
  /** The adapter to use instead of the one the configuration picks (tests). Closed with the app all the same. */
  store?: MediaStore;
  /** The messages, for the access rule: which pairs a media id was sent in, and whether it was recalled. */
  messages: Pick<MessageTable, 'mediaUse'>;
  /** The users, for the access rule: an avatar is readable by every signed-in person. */
  users: Pick<UserTable, 'isAvatar'>;
  /** Which media are in use and so kept by the sweep; by default `MediaAccess.inUse` (sent and not recalled). */
  inUse?: IsMediaInUse;
  /** How often unsent uploads are swept; default hourly. */
  sweepEveryMs?: number;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The media store as `app.media` and its access rule as `app.mediaAccess`: opened from the configuration (see
 * openMedia), swept of day-old uploads no message uses every hour, and closed when the app closes.
 */
export default fp(
  async function media(app: FastifyInstance, opts: MediaPluginOptions) {
    const store = opts.store ?? (await openMedia(opts.config));
    const access = new MediaAccess(store, opts.messages, opts.users);
    const inUse = opts.inUse ?? ((id: string) => access.inUse(id));
    app.decorate('media', store);
    app.decorate('mediaAccess', access);
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
