import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Presence } from '../realtime/presence/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who is online (`realtime/presence/port.ts`). */
    presence: Presence;
  }
}

/** Presence, opened by the caller and closed with the app. */
export default fp(
  async function presence(app: FastifyInstance, opts: { presence: Presence }) {
    app.decorate('presence', opts.presence);
    app.addHook('onClose', () => opts.presence.close());
  },
  { name: 'presence' },
);
