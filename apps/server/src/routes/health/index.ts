import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthAnswerSchema } from '@pairchat/schema';
import { sendError } from '../../plugins/errors.ts';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { schema: { response: { 200: HealthAnswerSchema } } }, async (req, reply) => {
    try {
      await app.store.ping();
    } catch (err) {
      req.log.warn({ err }, 'health: store not answering');
      return sendError(reply, 503, 'unavailable', `the ${app.store.name} store is not answering`);
    }
    return { ok: true, store: app.store.name, bus: app.bus.name };
  });
};

export default healthRoutes;
