import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BlocksAnswerSchema, UserParamsSchema } from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

/** `/api/blocks…` (contract: REST): whom I have blocked. PUT and DELETE are idempotent (204 either way). */
const blockRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/blocks', { schema: { response: { 200: BlocksAnswerSchema } } }, async (req) => ({
    users: await app.blocks.list(userOf(req)),
  }));

  app.put('/api/blocks/:userId', { schema: { params: UserParamsSchema } }, async (req, reply) => {
    await app.blocks.block(userOf(req), req.params.userId);
    return reply.code(204).send();
  });

  app.delete('/api/blocks/:userId', { schema: { params: UserParamsSchema } }, async (req, reply) => {
    await app.blocks.unblock(userOf(req), req.params.userId);
    return reply.code(204).send();
  });
};

export default blockRoutes;
