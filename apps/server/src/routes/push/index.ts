import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PushKeyAnswerSchema, PushSubscriptionBodySchema, PushUnsubscribeBodySchema } from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

/**
 * Web Push's REST side (contract: `GET /api/push/key`, `POST/DELETE /api/push/subscriptions`), each behind a
 * session, over the `push` plugin's sender (plugins/push.ts).
 */
const pushRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/push/key', { schema: { response: { 200: PushKeyAnswerSchema } } }, async () => ({
    publicKey: app.push.publicKey,
  }));

  app.post('/api/push/subscriptions', { schema: { body: PushSubscriptionBodySchema } }, async (req, reply) => {
    await app.push.subscribe(userOf(req).id, req.body);
    return reply.code(201).send();
  });

  app.delete('/api/push/subscriptions', { schema: { body: PushUnsubscribeBodySchema } }, async (req, reply) => {
    await app.push.unsubscribe(userOf(req).id, req.body.endpoint);
    return reply.code(204).send();
  });
};

export default pushRoutes;
