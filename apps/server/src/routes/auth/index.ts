import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuthAnswerSchema, AuthBodySchema, LoginBodySchema, MeAnswerSchema } from '@pairchat/schema';
import { SESSION_COOKIE, userOf } from '../../plugins/auth.ts';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/register',
    { schema: { body: AuthBodySchema, response: { 201: AuthAnswerSchema } } },
    async (req, reply) => {
      const answer = await app.auth.register(req.body.name, req.body.password);
      app.setSessionCookie(reply, req, answer.token);
      return reply.code(201).send(answer);
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBodySchema, response: { 200: AuthAnswerSchema } } },
    async (req, reply) => {
      const answer = await app.auth.login(req.body.name, req.body.password);
      app.setSessionCookie(reply, req, answer.token);
      return answer;
    },
  );

  app.post('/api/auth/logout', { onRequest: app.requireUser }, async (req, reply) => {
    const session = req.session!;
    await app.auth.logout(session);
    app.bus.publish({ kind: 'close-session', userId: session.userId, sessionId: session.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', { onRequest: app.requireUser, schema: { response: { 200: MeAnswerSchema } } }, async (req) => ({
    user: userOf(req),
  }));
};

export default authRoutes;
