import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChatAnswerSchema,
  ChatParamsSchema,
  ChatsAnswerSchema,
  MessageAnswerSchema,
  MessagesAnswerSchema,
  MessagesQuerySchema,
  OpenChatBodySchema,
  ReadBodySchema,
  SendBodySchema,
} from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

const chatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/chats', { schema: { response: { 200: ChatsAnswerSchema } } }, async (req) =>
    app.chat.listChats(userOf(req)),
  );

  app.post(
    '/api/chats',
    { schema: { body: OpenChatBodySchema, response: { 200: ChatAnswerSchema, 201: ChatAnswerSchema } } },
    async (req, reply) => {
      const { chat, created } = await app.chat.openChat(userOf(req), req.body.peerId);
      return reply.code(created ? 201 : 200).send({ chat });
    },
  );

  app.delete('/api/chats/:id', { schema: { params: ChatParamsSchema } }, async (req, reply) => {
    await app.chat.deleteChat(userOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get(
    '/api/chats/:id/messages',
    { schema: { params: ChatParamsSchema, querystring: MessagesQuerySchema, response: { 200: MessagesAnswerSchema } } },
    async (req) => app.chat.listMessages(userOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/chats/:id/messages',
    {
      schema: {
        params: ChatParamsSchema,
        body: SendBodySchema,
        response: { 200: MessageAnswerSchema, 201: MessageAnswerSchema },
      },
    },
    async (req, reply) => {
      const { message, created } = await app.chat.sendToChat(userOf(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  );

  app.post(
    '/api/chats/:id/read',
    { schema: { params: ChatParamsSchema, body: ReadBodySchema } },
    async (req, reply) => {
      await app.chat.read(userOf(req), req.params.id, req.body.seq);
      return reply.code(204).send();
    },
  );
};

export default chatRoutes;
