import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { UsersAnswerSchema, UsersQuerySchema } from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    { onRequest: app.requireUser, schema: { querystring: UsersQuerySchema, response: { 200: UsersAnswerSchema } } },
    async (req) => ({ users: await app.chat.searchUsers(userOf(req), req.query.q, req.query.limit) }),
  );
};

export default userRoutes;
