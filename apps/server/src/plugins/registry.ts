import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RoomRegistry } from '../realtime/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's open sockets, per person (`realtime/registry.ts`). */
    registry: RoomRegistry;
  }
}

/** Over how long the sockets are asked to reconnect after a bus outage, in ms (`RoomRegistry.askToReconnect`). */
const RECONNECT_SPREAD_MS = 3000;

/**
 * The room registry, fed by the bus: every event reaches this process's sockets of the person it names. When the
 * bus comes back after an outage, the sockets it held are asked to reconnect, so their clients catch up on what
 * crossed between processes meanwhile (messages, and people who came or went).
 */
export default fp(
  async function registry(app: FastifyInstance) {
    const rooms = new RoomRegistry();
    app.decorate('registry', rooms);
    app.bus.subscribe((event) => rooms.deliver(event));
    app.bus.onRecovered?.(() => rooms.askToReconnect(RECONNECT_SPREAD_MS));
  },
  { name: 'registry', dependencies: ['bus'] },
);
