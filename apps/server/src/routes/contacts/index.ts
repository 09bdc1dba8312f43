import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContactAnswerSchema,
  ContactRequestAnswerSchema,
  ContactRequestBodySchema,
  ContactRequestsAnswerSchema,
  ContactsAnswerSchema,
  IdParamsSchema,
  RemarkBodySchema,
  UserParamsSchema,
} from '@pairchat/schema';
import { userOf } from '../../plugins/auth.ts';

/** `/api/contacts…` (contract: REST): my contacts, requests, remarks. */
const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireUser);

  app.get('/api/contacts', { schema: { response: { 200: ContactsAnswerSchema } } }, async (req) => ({
    contacts: await app.contacts.list(userOf(req)),
  }));

  // 201 `{request}`; when the person had asked me already, their request is accepted instead (WeChat): 200 `{contact}`.
  app.post(
    '/api/contacts/requests',
    {
      schema: {
        body: ContactRequestBodySchema,
        response: { 200: ContactAnswerSchema, 201: ContactRequestAnswerSchema },
      },
    },
    async (req, reply) => {
      const outcome = await app.contacts.request(userOf(req), req.body.userId, req.body.note);
      return 'request' in outcome ? reply.code(201).send(outcome) : reply.code(200).send(outcome);
    },
  );

  app.get('/api/contacts/requests', { schema: { response: { 200: ContactRequestsAnswerSchema } } }, async (req) =>
    app.contacts.requests(userOf(req)),
  );

  app.post(
    '/api/contacts/requests/:id/accept',
    { schema: { params: IdParamsSchema, response: { 200: ContactAnswerSchema } } },
    async (req) => ({ contact: await app.contacts.accept(userOf(req), req.params.id) }),
  );

  app.post('/api/contacts/requests/:id/decline', { schema: { params: IdParamsSchema } }, async (req, reply) => {
    await app.contacts.decline(userOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.patch(
    '/api/contacts/:userId',
    { schema: { params: UserParamsSchema, body: RemarkBodySchema, response: { 200: ContactAnswerSchema } } },
    async (req) => ({ contact: await app.contacts.setRemark(userOf(req), req.params.userId, req.body.remark) }),
  );

  app.delete('/api/contacts/:userId', { schema: { params: UserParamsSchema } }, async (req, reply) => {
    await app.contacts.remove(userOf(req), req.params.userId);
    return reply.code(204).send();
  });
};

export default contactRoutes;
