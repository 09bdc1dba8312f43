import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuthAnswerSchema, AuthBodySchema, LoginBodySchema, MeAnswerSchema } from '@pairchat/schema';
import { TokenBuckets } from '../../limits/token-bucket.ts';
import { AppError } from '../../errors.ts';
import { SESSION_COOKIE, userOf } from '../../plugins/auth.ts';
import { nameKey } from '../../users/name-key.ts';

const MINUTE = 60_000;

const authRoutes: FastifyPluginAsyncZod<{ perAddress: number; perName: number }> = async (app, opts) => {
  // Two limits on each of register and login: per address (a household behind one address has room), and per
  // name from anywhere (slows guessing one person's password from many addresses). They run after the body is
  // parsed, so the name is known; malformed bodies are refused before they count.
  const perName = new TokenBuckets(opts.perName, opts.perName / 60);
  const limits = (route: string) => [
    app.rateLimit({ max: opts.perAddress, timeWindow: MINUTE, keyGenerator: (req) => `${route}:ip:${req.ip}` }),
    async (req: { body: unknown }) => {
      const name = (req.body as { name?: unknown }).name;
      const key = `${route}:${nameKey(typeof name === 'string' ? name : '')}`;
      if (!perName.take(key)) {
        const wait = perName.retryAfter(key);
        throw new AppError('rate_limited', `too many attempts for this name; try again in ${wait} s`, wait);
      }
    },
  ];

  app.post(
    '/api/auth/register',
    { schema: { body: AuthBodySchema, response: { 201: AuthAnswerSchema } }, preHandler: limits('register') },
    async (req, reply) => {
      const answer = await app.auth.register(req.body.name, req.body.password);
      app.setSessionCookie(reply, req, answer.token);
      return reply.code(201).send(answer);
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBodySchema, response: { 200: AuthAnswerSchema } }, preHandler: limits('login') },
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
