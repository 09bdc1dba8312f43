import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ChatService, type ChatServiceOptions } from '../chat/chat-service.ts';
import { PresenceAnnouncer } from '../realtime/presence/announcer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The chat use cases (`chat/chat-service.ts`), shared by the REST routes and the WebSocket route. */
    chat: ChatService;
    /** Tells the people who chat with a person that their presence changed, coalesced (`realtime/presence/announcer.ts`). */
    presenceAnnouncer: PresenceAnnouncer;
  }
}

/**
 * The chat service over the store, bus, presence, push and media plugins (media messages may carry what
 * `app.mediaAccess` lets the sender see; Web Push reaches people who have no open socket), and the presence
 * announcer over it. People whose process died (their presence leases ran out) are announced offline from here.
 */
export default fp(
  async function chat(app: FastifyInstance, opts: ChatServiceOptions & { presenceCoalesceMs: number }) {
    const service = new ChatService(app.store, app.bus, app.presence, {
      mediaFor: (me, mediaId) => app.mediaAccess.sendable(me.id, mediaId),
      notifier: app.push,
      log: app.log,
      ...opts,
    });
    app.decorate('chat', service);
    const announcer = new PresenceAnnouncer(
      app.presence,
      (userId, online) => service.presenceChanged(userId, online),
      opts.presenceCoalesceMs,
      (err) => app.log.warn({ err }, 'presence update failed'),
    );
    app.decorate('presenceAnnouncer', announcer);
    app.presence.onExpired((userId) => announcer.changed(userId));
    app.addHook('onClose', () => announcer.close());
  },
  { name: 'chat', dependencies: ['store', 'bus', 'presence', 'push', 'media'] },
);
