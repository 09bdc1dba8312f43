import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EventBus } from '../realtime/bus/port.ts';
import type { Presence } from '../realtime/presence/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Carries events to whichever process holds a person's sockets (`realtime/bus/port.ts`). */
    bus: EventBus;
    /** Who is online (`realtime/presence/port.ts`). */
    presence: Presence;
  }
}

/** A realtime part opened by the caller (main.ts picks the adapter): decorated under its name, closed with the app. */
function realtimePart<K extends 'bus' | 'presence'>(name: K) {
  return fp(
    async function part(app: FastifyInstance, opts: Record<K, FastifyInstance[K]>) {
      const part: EventBus | Presence = opts[name];
      app.decorate<EventBus | Presence>(name, part);
      app.addHook('onClose', () => part.close());
    },
    { name },
  );
}

/** The event bus plugin (`app.bus`). */
export const busPlugin = realtimePart('bus');
/** The presence plugin (`app.presence`). */
export const presencePlugin = realtimePart('presence');
