import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChatAnswerSchema,
  ChatParamsSchema,
  ChatsAnswerSchema,
  CONTENT_MAX_UNITS,
  MessageAnswerSchema,
  MessageParamsSchema,
  MessagesAnswerSchema,
  MessagesQuerySchema,
  OpenChatBodySchema,
  PatchChatBodySchema,
  ReadBodySchema,
  SendBodySchema,
} from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

/**
 * The largest send body: the longest valid text (CONTENT_MAX_UNITS UTF-16 units) at the worst JSON escaping (six
 * bytes, `\u0000`, a unit), with room for the other fields. Above the app-wide 64 KiB, so every text the contract
 * allows ("4000 emoji fit") can be sent; a client sends a text whose frame would pass MAX_FRAME_BYTES here.
 */
const SEND_BODY_LIMIT_BYTES = CONTENT_MAX_UNITS * 6 + 4096;

export interface ChatRoutesOptions {
  /** How long after sending a person may recall a message (config `RECALL_WINDOW_SECONDS`). */
  recallWindowSeconds: number;
}

const chatRoutes: FastifyPluginAsyncZod<ChatRoutesOptions> = async (app, opts) => {
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

  app.patch(
    '/api/chats/:id',
    { schema: { params: ChatParamsSchema, body: PatchChatBodySchema, response: { 200: ChatAnswerSchema } } },
    async (req) => ({ chat: await app.chat.actions.setFlags(userOf(req), req.params.id, req.body) }),
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
      bodyLimit: SEND_BODY_LIMIT_BYTES,
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
    '/api/chats/:id/messages/:seq/recall',
    { schema: { params: MessageParamsSchema, response: { 200: MessageAnswerSchema } } },
    async (req) => {
      const { id, seq } = req.params;
      return { message: await app.chat.actions.recall(userOf(req), id, seq, opts.recallWindowSeconds) };
    },
  );

  app.delete('/api/chats/:id/messages/:seq', { schema: { params: MessageParamsSchema } }, async (req, reply) => {
    await app.chat.actions.deleteForMe(userOf(req), req.params.id, req.params.seq);
    return reply.code(204).send();
  });

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
