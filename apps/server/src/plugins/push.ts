import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PushSender, type PushSenderOptions } from '../push/push-sender.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Web Push: `app.push.notify(userId, {chatId, title, body})` (see push/push-sender.ts). */
    push: PushSender;
  }
}

/**
 * The Web Push sender over the store's push table, made at start with the stored VAPID keys (made at the first
 * start). The chat service notifies through it; routes/push serves its REST side. Closed with the app: pending
 * pushes are dropped and sends in flight end.
 */
export default fp(
  async function push(app: FastifyInstance, opts: Omit<PushSenderOptions, 'log'>) {
    const sender = await PushSender.create(app.store.push, { ...opts, log: app.log });
    app.decorate('push', sender);
    app.addHook('onClose', () => sender.close());
  },
  { name: 'push', dependencies: ['store'] },
);
