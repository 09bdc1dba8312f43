import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RoomRegistry } from '../realtime/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's open sockets, per person (`realtime/registry.ts`). */
    registry: RoomRegistry;
  }
}

/** The room registry, fed by the bus: every event reaches this process's sockets of the person it names. */
export default fp(
  async function registry(app: FastifyInstance) {
    const rooms = new RoomRegistry();
    app.decorate('registry', rooms);
    app.bus.subscribe((event) => rooms.deliver(event));
  },
  { name: 'registry', dependencies: ['bus'] },
);
