import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Store } from '../store/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage port (`store/port.ts`): the SQLite or MongoDB adapter picked at start. */
    store: Store;
  }
}

const SESSION_PURGE_MS = 60 * 60 * 1000;

/** The store, opened by the caller; purges expired sessions hourly and is closed with the app. */
export default fp(
  async function store(app: FastifyInstance, opts: { store: Store }) {
    app.decorate('store', opts.store);
    const purge = setInterval(() => {
      opts.store.sessions
        .purgeExpired(new Date().toISOString())
        .catch((err: unknown) => app.log.warn({ err }, 'session purge failed'));
    }, SESSION_PURGE_MS);
    purge.unref();
    app.addHook('onClose', async () => {
      clearInterval(purge);
      await opts.store.close();
    });
  },
  { name: 'store' },
);
