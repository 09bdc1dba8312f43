import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PushKeyAnswerSchema, PushSubscriptionBodySchema, PushUnsubscribeBodySchema } from '@pairchat/schema';
import type { Config } from '../../config.ts';
import { userOf } from '../../plugins/auth.ts';
import { openPushStore } from '../../push/open-push-store.ts';
import type { PushStore } from '../../push/port.ts';
import { PushSender } from '../../push/push-sender.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Web Push: `app.push.notify(userId, {chatId, title, body})` (see push/push-sender.ts). */
    push: PushSender;
  }
}

export interface PushPluginOptions {
  config: Config;
  /** The push store; by default one of its own from configuration (see push/open-push-store.ts), closed on close. */
  store?: PushStore;
}

/**
 * Web Push (contract: `GET /api/push/key`, `POST/DELETE /api/push/subscriptions`): decorates `app.push` with the
 * {@link PushSender}, made at start with the stored VAPID keys, and serves its routes, each behind a session.
 * Not encapsulated, so the chat side can call `app.push.notify`; the session hook is set per route for that reason.
 */
export default fp(
  async function push(app: FastifyInstance, opts: PushPluginOptions) {
    const store = opts.store ?? (await openPushStore(opts.config));
    const sender = await PushSender.create(store, {
      coalesceMs: opts.config.PUSH_COALESCE_MS,
      allowInsecureEndpoints: opts.config.PUSH_ALLOW_INSECURE_ENDPOINTS,
      log: app.log,
    });
    app.decorate('push', sender);
    app.addHook('onClose', async () => {
      await sender.close();
      if (!opts.store) await store.close();
    });

    const routes = app.withTypeProvider<ZodTypeProvider>();
    routes.get(
      '/api/push/key',
      { onRequest: app.requireUser, schema: { response: { 200: PushKeyAnswerSchema } } },
      async () => ({ publicKey: sender.publicKey }),
    );
    routes.post(
      '/api/push/subscriptions',
      { onRequest: app.requireUser, schema: { body: PushSubscriptionBodySchema } },
      async (req, reply) => {
        await sender.subscribe(userOf(req).id, req.body);
        return reply.code(201).send();
      },
    );
    routes.delete(
      '/api/push/subscriptions',
      { onRequest: app.requireUser, schema: { body: PushUnsubscribeBodySchema } },
      async (req, reply) => {
        await sender.unsubscribe(userOf(req).id, req.body.endpoint);
        return reply.code(204).send();
      },
    );
  },
  { name: 'push', dependencies: ['auth', 'errors'] },
);
