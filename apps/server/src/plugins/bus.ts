import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EventBus } from '../realtime/bus/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Carries events to whichever process holds a person's sockets (`realtime/bus/port.ts`). */
    bus: EventBus;
  }
}

/** The event bus, opened by the caller and closed with the app. */
export default fp(
  async function bus(app: FastifyInstance, opts: { bus: EventBus }) {
    app.decorate('bus', opts.bus);
    app.addHook('onClose', () => opts.bus.close());
  },
  { name: 'bus' },
);
