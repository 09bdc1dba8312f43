import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchAnswerSchema, SearchQuerySchema } from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

/** `GET /api/search/messages?q=&chatId=&limit=`: the messages I can see that contain `q`, newest first. */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get(
    '/api/search/messages',
    { schema: { querystring: SearchQuerySchema, response: { 200: SearchAnswerSchema } } },
    async (req) => ({ results: await app.chat.actions.search(userOf(req), req.query) }),
  );
};

export default searchRoutes;
