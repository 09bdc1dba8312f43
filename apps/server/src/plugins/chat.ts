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
 * The chat service over the store, bus, presence and media plugins (media messages may carry what
 * `app.mediaAccess` lets the sender see). People whose process died (their presence leases ran
 * out) are announced offline from here.
 */
export default fp(
  async function chat(app: FastifyInstance, opts: ChatServiceOptions) {
    const service = new ChatService(app.store, app.bus, app.presence, {
      mediaFor: (me, mediaId) => app.mediaAccess.visible(me.id, mediaId),
      ...opts,
    });
    app.decorate('chat', service);
    app.presence.onExpired((userId) => {
      service.presenceChanged(userId, false).catch((err: unknown) => app.log.warn({ err }, 'presence update failed'));
    });
  },
  { name: 'chat', dependencies: ['store', 'bus', 'presence', 'media'] },
);
