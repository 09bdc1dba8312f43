import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ChatService, type ChatServiceOptions } from '../chat/chat-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The chat use cases (`chat/chat-service.ts`), shared by the REST routes and the WebSocket route. */
    chat: ChatService;
  }
}

/**
 * The chat service over the store, bus and presence plugins, with Web Push (the push plugin) for people who have no
 * open socket. People whose process died (their presence leases ran
 * out) are announced offline from here.
 */
export default fp(
  async function chat(app: FastifyInstance, opts: ChatServiceOptions) {
    const service = new ChatService(app.store, app.bus, app.presence, { ...opts, notifier: app.push, log: app.log });
    app.decorate('chat', service);
    app.presence.onExpired((userId) => {
      service.presenceChanged(userId, false).catch((err: unknown) => app.log.warn({ err }, 'presence update failed'));
    });
  },
  { name: 'chat', dependencies: ['store', 'bus', 'presence', 'push'] },
);
